package dev.drey.relay.quarkus;

import dev.drey.kafka.KafkaClientSettings;
import dev.drey.relay.MinerKey;
import dev.drey.relay.Relay;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Builds the relay node once per application: Kafka log (sink and index feeder), index, relay,
 * and with a miner key peer pull and the outbox; every Kafka client gets the {@code kafka.*}
 * security settings ({@link KafkaClientConfig}). The websocket endpoint and the NIP-11 resource
 * only hand traffic to it.
 */
@Startup
@Singleton
public class RelayRuntime {
    private static final Logger LOG = Logger.getLogger(RelayRuntime.class);

    private final RelayNode node;

    public RelayRuntime(RelaySettings settings, Config appConfig) {
        var config = settings.toRelayConfig();
        String dir = settings.dataDir();
        Optional<MinerKey> key = settings.secretKey().map(MinerKey::parse);
        KafkaClientSettings kafkaClient = KafkaClientConfig.read(appConfig);
        this.node = RelayNode.start(new RelayNodeSettings(config, settings.kafka().bootstrapServers(),
                settings.kafka().topicPrefix().orElse(""),
                dir.equals("memory") ? Optional.empty() : Optional.of(Path.of(dir)), key,
                settings.kafka().deliveryTimeout(), settings.pullOverlap(), null, kafkaClient,
                settings.toGatewaySettings()));
        LOG.infof("relay started: %d allowed keys, data %s, Kafka %s (%s), topics %s, miner key %s",
                config.allowedKeys().size(), dir, settings.kafka().bootstrapServers(), kafkaClient.describe(),
                node.topics().eventTopics(), key.map(MinerKey::pubkey).orElse("none (peer pull and outbox off)"));
    }

    public Relay relay() {
        return node.relay();
    }

    public RelayNode node() {
        return node;
    }

    @PreDestroy
    void stop() {
        node.close();
    }
}
