package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.RelayMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RelayCommandTest {
    private static final byte[] SECRET = Hex.decode("11".repeat(31) + "07");
    private static final String PUBKEY = Hex.encode(Schnorr.publicKey(SECRET));

    @TempDir
    Path data;

    @Test
    void standaloneRelayWithEmbeddedKafkaAcceptsAnAllowedKey() throws Exception {
        try (StandaloneRelay relay = StandaloneRelay.start(new StandaloneRelay.Options("127.0.0.1", 0,
                List.of(PUBKEY), List.of(), null, "", data, null))) {
            assertTrue(relay.url().startsWith("ws://127.0.0.1:"));
            assertTrue(relay.bootstrapServers().startsWith("127.0.0.1:"));
            LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(relay.url()),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence d, boolean last) {
                            inbox.add(d.toString());
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            NostrParser parser = new NostrParser();
            assertTrue(parser.parseRelayMessage(inbox.poll(10, TimeUnit.SECONDS)) instanceof RelayMessage.AuthChallenge);
            Event e = new EventTemplate(System.currentTimeMillis() / 1000, 1, List.of(), "hello").sign(SECRET, new byte[32]);
            ws.sendText(new ClientMessage.EventMessage(e).toJson(), true).get(5, TimeUnit.SECONDS);
            assertEquals(new RelayMessage.Ok(e.id(), true, ""), parser.parseRelayMessage(inbox.poll(30, TimeUnit.SECONDS)));
            ws.abort();
        }
    }

    @Test
    void aRelayOnASaslBrokerTakesItsSettingsFromTheKafkaConfigFile() throws Exception {
        try (EmbeddedKafka sasl = EmbeddedKafka.builder().saslPlain("relay", "s3cret-pw").build().start()) {
            Path config = data.resolve("kafka.properties");
            Properties p = new Properties();
            p.putAll(sasl.clientSettings().values());
            try (java.io.Writer w = Files.newBufferedWriter(config)) {
                p.store(w, "test");
            }
            KafkaClientSettings settings = RelayCommand.kafkaClientSettings(config);
            assertEquals("SASL_PLAINTEXT", settings.values().get("security.protocol"));
            try (StandaloneRelay relay = StandaloneRelay.start(new StandaloneRelay.Options("127.0.0.1", 0,
                    List.of(PUBKEY), List.of(), sasl.bootstrapServers(), "", data.resolve("relay"), null, settings))) {
                assertTrue(relay.url().startsWith("ws://127.0.0.1:"));
                assertTrue(relay.kafkaHealth().up(), "the relay reaches the SASL broker: " + relay.kafkaHealth());
            }

            Path bad = data.resolve("bad.properties");
            Files.writeString(bad, "bootstrap.servers=elsewhere:9092\n");
            CliException e = assertThrows(CliException.class, () -> RelayCommand.kafkaClientSettings(bad));
            assertTrue(e.getMessage().contains("bootstrap.servers"), e.getMessage());
            assertThrows(CliException.class, () -> RelayCommand.kafkaClientSettings(data.resolve("missing.properties")));
        }
    }

    @Test
    void thePublicUrlIsTheOneAuthMustNameAndIsChecked() throws Exception {
        try (StandaloneRelay relay = StandaloneRelay.start(new StandaloneRelay.Options("127.0.0.1", 0,
                List.of(PUBKEY), List.of(), null, "", data, null, null, "wss://relay.example.org/"))) {
            // Behind a TLS terminator: clients dial the public URL, the relay listens on a local port.
            assertEquals("wss://relay.example.org/", relay.node().relay().config().publicUrl());
            assertTrue(relay.url().startsWith("ws://127.0.0.1:"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StandaloneRelay.start(
                new StandaloneRelay.Options("127.0.0.1", 0, List.of(PUBKEY), List.of(), null, "", null, null, null,
                        "https://relay.example.org/")));
        assertTrue(e.getMessage().contains("public URL"), e.getMessage());
    }

    @Test
    void aPrivateRelayNeedsSomeoneAllowedAndValidKeys() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = Drey.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(Drey.EXIT_FAILURE, cl.execute("relay", "--port", "0"));
        assertTrue(err.toString().contains("--allow"), err.toString());
        assertEquals(Drey.EXIT_FAILURE, cl.execute("relay", "--port", "0", "--allow", "nothex"));
        assertTrue(err.toString().contains("public key must be 64 hex characters or an npub"), err.toString());
        assertEquals(Drey.EXIT_FAILURE, cl.execute("relay", "--port", "0", "--allow", PUBKEY, "--secret-key-file",
                secretFile("zz")));
        assertTrue(err.toString().contains("not a valid secret key"));
        assertFalse(err.toString().contains("\"zz\""));
        assertThrows(IllegalArgumentException.class, () -> StandaloneRelay.start(new StandaloneRelay.Options(
                "127.0.0.1", 70000, List.of(PUBKEY), List.of(), null, "", null, null)));
    }

    private static String secretFile(String value) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "relay-command-test"));
        return java.nio.file.Files.writeString(dir.resolve("secret"), value).toString();
    }
}
