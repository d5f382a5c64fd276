package dev.drey.relay.quarkus;

import dev.drey.kafka.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kafka broker for the app under test, secured like a managed cluster: its only client
 * listener demands SASL/PLAIN, so the app works only if every one of its Kafka clients gets the
 * {@code kafka.*} client settings. Its address and those settings go into the relay's configuration.
 * The app listens on a port chosen here, so the relay's required public URL can name it.
 */
public class EmbeddedKafkaResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.builder().saslPlain("relay-ingest", "test-only-secret").build().start();
        Map<String, String> config = new HashMap<>();
        config.put("relay.kafka.bootstrap-servers", kafka.bootstrapServers());
        kafka.clientSettings().values().forEach((k, v) -> config.put(KafkaClientConfig.PREFIX + k, v));
        int port = freePort();
        config.put("quarkus.http.test-port", Integer.toString(port));
        config.put("relay.public-url", "ws://localhost:" + port + "/");
        return config;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the app under test", e);
        }
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
