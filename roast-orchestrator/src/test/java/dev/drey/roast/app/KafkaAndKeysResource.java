package dev.drey.roast.app;

import dev.drey.miner.MinerFunctions;
import dev.drey.kafka.EmbeddedKafka;
import dev.drey.secrets.PassphraseKeyFile;
import dev.drey.secrets.ScryptParams;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the app needs from outside, for tests: a real Kafka broker (functions/kafka's embedded KRaft
 * node), the federation file and the coordinator's passphrase-sealed key file (cheap scrypt), and an
 * MVStore KV file, all in a temporary directory.
 */
public class KafkaAndKeysResource implements QuarkusTestResourceLifecycleManager {
    static final String PREFIX = "qt";
    static final String PASSPHRASE = "test passphrase";
    /** Where tests find the broker (the app gets it through kafka.bootstrap.servers). */
    static volatile String bootstrapServers;

    private EmbeddedKafka kafka;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("drey-roast-app");
            TestFederation fed = new TestFederation();
            Path federation = dir.resolve("federation.json");
            Files.writeString(federation, fed.federationJson());
            Path keyFile = dir.resolve("coordinator.key");
            Files.write(keyFile, PassphraseKeyFile.seal(fed.coordinatorSecrets(), PASSPHRASE.toCharArray(),
                    new ScryptParams(10, 8, 1), new SecureRandom()));
            kafka = EmbeddedKafka.temporary().start();
            bootstrapServers = kafka.bootstrapServers();
            Map<String, String> c = new HashMap<>();
            c.put("kafka.bootstrap.servers", bootstrapServers);
            c.put("drey.kafka.topic-prefix", PREFIX);
            c.put("drey.function", MinerFunctions.ORCHESTRATOR);
            c.put("drey.adapter", "local");
            c.put("drey.federation.file", federation.toString());
            c.put("drey.secrets.path", keyFile.toString());
            c.put("drey.secrets.passphrase", PASSPHRASE);
            c.put("drey.kv.backend", "mvstore");
            c.put("drey.kv.path", dir.resolve("kv.mv.db").toString());
            c.put("drey.kv.mvstore.fsync", "false");
            c.put("drey.relays.default", TestFederation.DEFAULT_RELAY);
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
}
