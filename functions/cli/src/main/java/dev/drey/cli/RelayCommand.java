package dev.drey.cli;

import dev.drey.kafka.KafkaClientSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drey relay}: one private relay standalone on the plain Vert.x host, its log a Kafka
 * cluster or, without {@code --kafka}, an embedded broker under {@code --data}. Prints its URL as
 * JSON and runs until interrupted. The relay classes are touched only when the command runs, so
 * the other commands start as fast as before.
 */
@Command(name = "relay", description = "Run one private nostr relay backed by Kafka; prints its URL as JSON, "
        + "runs until Ctrl-C.")
final class RelayCommand implements Callable<Integer> {
    static final String SECRET_KEY_ENV = "DREY_RELAY_SECRET_KEY";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, description = "websocket/HTTP port (0: any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "interface to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--allow", split = ",", description = "keys allowed to write and read (hex or npub, comma-separated)")
    List<String> allow = new ArrayList<>();

    @Option(names = "--kafka", description = "Kafka bootstrap servers host:port; without it an embedded broker runs")
    String kafka;

    @Option(names = "--topic-prefix", defaultValue = "", description = "prefix of the Kafka topic names")
    String topicPrefix;

    @Option(names = "--data", description = "directory of the index, gateway state and embedded broker "
            + "(default: in memory / temporary)")
    Path data;

    @Option(names = "--secret-key", paramLabel = "-", description = "read this miner's secret key (hex or nsec) for "
            + "NIP-42 to peers and the outbox from standard input; or --secret-key-file, or set " + SECRET_KEY_ENV)
    String secretKey;

    @Option(names = "--secret-key-file", paramLabel = "FILE", description = "a file holding this miner's secret key")
    Path secretKeyFile;

    @Option(names = "--peer", description = "a peer miner's relay, key@ws://host:port (repeatable)")
    List<String> peers = new ArrayList<>();

    @Option(names = "--public-url", description = "the relay's public websocket URL, which AUTH events must name "
            + "(default ws://host:port as listened on; set it behind a proxy or TLS terminator)")
    String publicUrl;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "a properties file of Kafka client security "
            + "settings for --kafka (security.protocol, sasl.*, ssl.*; e.g. MSK IAM or SCRAM), given to every Kafka "
            + "client of the relay; a file keeps credentials out of the command line")
    Path kafkaConfig;

    /** The security settings in {@code file} (a properties file), refused with a clear message if unusable. */
    static KafkaClientSettings kafkaClientSettings(Path file) {
        if (file == null) {
            return KafkaClientSettings.NONE;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new CliException("cannot read --kafka-config " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(n -> values.put(n, p.getProperty(n).strip()));
        try {
            return KafkaClientSettings.of(values);
        } catch (IllegalArgumentException e) {
            throw new CliException("--kafka-config " + file + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        String key = SecretArgument.read("--secret-key", secretKey, secretKeyFile, System.in, null)
                .orElse(System.getenv(SECRET_KEY_ENV));
        StandaloneRelay relay;
        try {
            relay = StandaloneRelay.start(new StandaloneRelay.Options(host, port, allow, peers, kafka, topicPrefix,
                    data, key, kafkaClientSettings(kafkaConfig), publicUrl));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stopped.countDown();
        }, "drey-relay-shutdown"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", relay.url());
        out.put("kafka", relay.bootstrapServers());
        out.put("embeddedKafka", kafka == null);
        out.put("data", data == null ? null : data.toAbsolutePath().toString());
        out.put("topicPrefix", topicPrefix);
        relay.minerPubkey().ifPresent(p -> out.put("pubkey", p));
        out.put("allowed", relay.allowedKeys());
        spec.commandLine().getOut().println(Json.write(out));
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
