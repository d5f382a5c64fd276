package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.KeyType;
import dev.drey.dkg.Participant;
import dev.drey.dkg.Roster;
import dev.drey.dkg.StartRequest;
import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogConfig;
import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.Topics;
import dev.drey.nostr.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code drey replay --bootstrap} against a real (embedded) broker: a DKG function configured as its deployment
 * is (key file, KV store, roster, trusted initiator), one start request on its topic. A dry run reports the new
 * outputs and writes nothing; {@code --publish} appends exactly those to the outbox; a replay after that changes
 * nothing (the function is idempotent) and exits 0.
 */
class ReplayClusterTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    private static Run drey(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Drey.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void replaysADeployedFunctionOverItsTopicAndPublishesOnlyWhenAsked() throws Exception {
        SecureRandom rng = new SecureRandom();
        byte[] initiator = Hex.decode("01".repeat(32));
        byte[] me = Hex.decode("02".repeat(32));
        byte[] other = Hex.decode("03".repeat(32));
        String mePk = Hex.encode(Schnorr.publicKey(me));
        String otherPk = Hex.encode(Schnorr.publicKey(other));
        Path idKey = Files.writeString(dir.resolve("identity"), Hex.encode(me));
        Path passphrase = Files.writeString(dir.resolve("passphrase"), "correct horse battery staple");
        Path keyFile = dir.resolve("miner.key");
        Run created = drey("keyfile", "create", "--out", keyFile.toString(), "--scrypt-cost=10", "--passphrase-file",
                passphrase.toString(), "--identity-key-file", idKey.toString());
        assertEquals(0, created.exit(), created.err());
        Path config = dir.resolve("dkg.properties");
        Files.writeString(config, String.join("\n",
                "drey.function=dkg",
                "drey.dkg.trusted-initiators=" + Hex.encode(Schnorr.publicKey(initiator)),
                "drey.relays.roster=" + mePk + "@ws://127.0.0.1:1," + otherPk + "@ws://127.0.0.1:2",
                "drey.relays.default=ws://127.0.0.1:1",
                "drey.kv.backend=mvstore",
                "drey.kv.path=" + dir.resolve("kv.mv.db"),
                "drey.secrets.path=" + keyFile,
                "drey.secrets.passphrase-file=" + passphrase) + "\n");

        Topics topics = Topics.unprefixed();
        String dkgTopic = topics.topicFor(MessageFamily.DKG);
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).build().start();
                EventLog log = new EventLog(EventLogConfig.of(kafka.bootstrapServers()).withTopics(topics))) {
            log.ensureTopics();
            Roster roster = new Roster(List.of(new Participant(1, mePk), new Participant(2, otherPk)));
            Event start = DkgCodec.template(new StartRequest("0".repeat(64), KeyType.FROST_BIP340, "", 2, roster),
                    System.currentTimeMillis() / 1000, roster.pubkeys()).sign(initiator, rng);
            log.append(start).get(30, TimeUnit.SECONDS);
            String bootstrap = kafka.bootstrapServers();

            Run dry = drey("replay", "--bootstrap", bootstrap, "--topic", dkgTopic, "--config", config.toString());
            assertEquals(Drey.EXIT_INVALID, dry.exit(), dry.out() + dry.err());
            JsonNode d = dry.json();
            assertEquals(1, d.get("records").asInt());
            assertTrue(d.get("newOutputs").size() > 0, d.toString());
            assertEquals(0, d.get("published").asInt());
            assertTrue(outboxIds(bootstrap, topics).isEmpty(), "a dry run publishes nothing");

            Run pub = drey("replay", "--bootstrap", bootstrap, "--topic", dkgTopic, "--config", config.toString(),
                    "--publish");
            assertEquals(Drey.EXIT_INVALID, pub.exit(), pub.err());
            JsonNode p = pub.json();
            Set<String> reported = new HashSet<>();
            p.get("newOutputs").forEach(n -> reported.add(n.asText().substring(0, 64)));
            assertEquals(reported, outboxIds(bootstrap, topics), "exactly the new outputs reached the outbox");
            assertEquals(p.get("newOutputs").size(), p.get("published").asInt());

            Run again = drey("replay", "--bootstrap", bootstrap, "--topic", dkgTopic, "--config", config.toString(),
                    "--publish");
            assertEquals(0, again.exit(), again.out() + again.err());
            JsonNode a = again.json();
            assertTrue(a.get("unchanged").asBoolean());
            assertEquals(a.get("outputs").asInt(), a.get("alreadyPublished").asInt());
            assertEquals(reported, outboxIds(bootstrap, topics), "nothing published twice");

            Run wrongTopic = drey("replay", "--bootstrap", bootstrap, "--topic", topics.topicFor(MessageFamily.SIGN),
                    "--config", config.toString());
            assertEquals(Drey.EXIT_FAILURE, wrongTopic.exit());
            assertTrue(wrongTopic.err().contains("does not consume"), wrongTopic.err());
            assertFalse(wrongTopic.err().contains("\tat "), wrongTopic.err());
        }
    }

    private static Set<String> outboxIds(String bootstrap, Topics topics) {
        List<String> ids = new ArrayList<>();
        try (EventLogReader<OutboxRecord> r = EventLogReader.outbox(bootstrap, topics.outbox())) {
            r.catchUp(r.endOffsets(), Duration.ofSeconds(30), (o, pos) -> ids.add(o.event().id()));
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no event twice on the outbox: " + ids);
        return new HashSet<>(ids);
    }
}
