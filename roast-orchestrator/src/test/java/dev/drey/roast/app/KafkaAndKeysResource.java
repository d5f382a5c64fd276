package dev.drey.roast.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drey.crypto.frost.Identifier;
import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogConfig;
import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.Topics;
import dev.drey.miner.MinerFunctions;
import dev.drey.nostr.Event;
import dev.drey.secrets.PassphraseKeyFile;
import dev.drey.secrets.ScryptParams;
import dev.drey.secrets.SecretBundle;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the app needs from outside, for tests: a real Kafka broker (functions/kafka's embedded KRaft
 * node), the passphrase-sealed key file (cheap scrypt) and settings of the function named by the init
 * argument {@value #FUNCTION_ARG} (default roast-orchestrator), and an MVStore KV file, all in a
 * temporary directory. The ROAST functions get {@link TestFederation}'s keys (the orchestrator its
 * coordinator key, the signer member {@value #SIGNER_MEMBER}'s); the share functions get
 * {@link TestDtaFederation}'s miner {@value #SHARE_MINER}.
 */
public class KafkaAndKeysResource implements QuarkusTestResourceLifecycleManager {
    static final String FUNCTION_ARG = "function";
    static final String PREFIX = "qt";
    static final String PASSPHRASE = "test passphrase";
    static final int SIGNER_MEMBER = 1;
    static final int SHARE_MINER = 1;
    static final Topics TOPICS = Topics.withPrefix(PREFIX);
    /** Where tests find the broker (the app gets it through kafka.bootstrap.servers). */
    static volatile String bootstrapServers;

    private String function = MinerFunctions.ORCHESTRATOR;
    private EmbeddedKafka kafka;
    private Path dir;

    @Override
    public void init(Map<String, String> initArgs) {
        function = initArgs.getOrDefault(FUNCTION_ARG, MinerFunctions.ORCHESTRATOR);
        MinerFunctions.families(function); // an unknown name fails here, naming it
    }

    /**
     * Writes {@code function}'s key file (sealed with {@code passphrase} at scrypt {@code cost}) and, for the
     * ROAST functions, the federation file into {@code dir}; returns the function's settings naming them.
     * {@link ColdStartFixture} writes the same for the packaged app.
     */
    static Map<String, String> functionSettings(String function, Path dir, String passphrase, ScryptParams cost)
            throws IOException {
        Map<String, String> c = new HashMap<>();
        SecretBundle secrets;
        if (TestDtaFederation.isShareFunction(function)) {
            TestDtaFederation dta = new TestDtaFederation();
            c.putAll(dta.settings(function));
            secrets = dta.minerSecrets(SHARE_MINER);
        } else {
            TestFederation fed = new TestFederation();
            Path federation = dir.resolve("federation.json");
            Files.writeString(federation, fed.federationJson());
            c.putAll(fed.settings(function));
            c.remove(MinerFunctions.FEDERATION_JSON); // the file, as deployed
            c.put(MinerFunctions.FEDERATION_FILE, federation.toString());
            secrets = function.equals(MinerFunctions.SIGNER) ? fed.signerSecrets(Identifier.of(SIGNER_MEMBER))
                    : fed.coordinatorSecrets();
        }
        Path keyFile = dir.resolve(function + ".key");
        Files.write(keyFile, PassphraseKeyFile.seal(secrets, passphrase.toCharArray(), cost, new SecureRandom()));
        c.put("drey.secrets.path", keyFile.toString());
        c.put("drey.secrets.passphrase", passphrase);
        return c;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("drey-roast-app");
            Map<String, String> c = functionSettings(function, dir, PASSPHRASE, new ScryptParams(10, 8, 1));
            kafka = EmbeddedKafka.temporary().start();
            bootstrapServers = kafka.bootstrapServers();
            // Topics exist before anything runs, as a deployment provisions them.
            try (EventLog log = new EventLog(EventLogConfig.of(bootstrapServers).withTopics(TOPICS))) {
                log.ensureTopics();
            }
            c.put("kafka.bootstrap.servers", bootstrapServers);
            c.put("drey.kafka.topic-prefix", PREFIX);
            c.put("drey.adapter", "local");
            // These tests drive both adapters in one process: the CloudEvent endpoint too (off by default here).
            c.put("drey.cloudevents.enabled", "true");
            c.put("drey.kv.backend", "mvstore");
            c.put("drey.kv.path", dir.resolve("kv.mv.db").toString());
            c.put("drey.kv.mvstore.fsync", "false");
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }

    /** Appends {@code events} to their topics, as relay-ingest does, each acknowledged by the broker. */
    static void append(List<Event> events) throws InterruptedException, ExecutionException, TimeoutException {
        try (EventLog log = new EventLog(EventLogConfig.of(bootstrapServers).withTopics(TOPICS))) {
            for (Event e : events) {
                log.append(e).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The one outbox record whose event {@code matches}, read from the start of the topic for up to 30 s. */
    static OutboxRecord awaitOutbox(Predicate<Event> matches, String what) {
        List<OutboxRecord> found = new ArrayList<>();
        try (EventLogReader<OutboxRecord> outbox = EventLogReader.outbox(bootstrapServers, TOPICS.outbox())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (found.isEmpty() && System.nanoTime() < deadline) {
                outbox.poll(Duration.ofMillis(200), (o, pos) -> {
                    if (matches.test(o.event())) {
                        found.add(o);
                    }
                });
            }
        }
        assertEquals(1, found.size(), what + " on the outbox");
        return found.get(0);
    }
}
