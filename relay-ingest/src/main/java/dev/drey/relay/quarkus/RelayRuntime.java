package dev.drey.relay.quarkus;

import dev.drey.kafka.KafkaClientSettings;
import dev.drey.metrics.MicrometerDreyMetrics;
import dev.drey.runtime.metrics.DreyMetric;
import io.micrometer.core.instrument.MeterRegistry;
import dev.drey.relay.MinerKey;
import dev.drey.relay.Relay;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStore;
import dev.drey.secrets.SecretStores;
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

    public RelayRuntime(RelaySettings settings, Config appConfig, MeterRegistry registry) {
        MicrometerDreyMetrics metrics = new MicrometerDreyMetrics(registry);
        var config = settings.toRelayConfig();
        String dir = settings.dataDir();
        Optional<MinerKey> key = minerKey(settings.secretKey(),
                name -> appConfig.getOptionalValue(name, String.class).filter(v -> !v.isBlank()).orElse(null));
        KafkaClientSettings kafkaClient = KafkaClientConfig.read(appConfig);
        this.node = RelayNode.start(new RelayNodeSettings(config, settings.kafka().bootstrapServers(),
                settings.kafka().topicPrefix().orElse(""),
                dir.equals("memory") ? Optional.empty() : Optional.of(Path.of(dir)), key,
                settings.kafka().deliveryTimeout(), settings.pullOverlap(), null, kafkaClient,
                settings.toGatewaySettings()), metrics);
        gauges(metrics, config, key);
        LOG.infof("relay started: %d allowed keys, data %s, Kafka %s (%s), topics %s, miner key %s",
                config.allowedKeys().size(), dir, settings.kafka().bootstrapServers(), kafkaClient.describe(),
                node.topics().eventTopics(), key.map(MinerKey::pubkey).orElse("none (peer pull and outbox off)"));
    }

    /**
     * The gateway's gauges, read at each scrape: outbox backlog and retries, and per configured peer (roster
     * member with a relay URL: a bounded set) the age of the newest event pulled from it (-1 until one came).
     */
    private void gauges(MicrometerDreyMetrics metrics, dev.drey.relay.RelayConfig config, Optional<MinerKey> key) {
        metrics.gauge(DreyMetric.RELAY_OUTBOX_BACKLOG, () -> node.outbox() == null ? 0 : node.outbox().backlog());
        metrics.counterOf(DreyMetric.RELAY_OUTBOX_RETRIES, () -> node.outbox() == null ? 0 : node.outbox().retried());
        String me = key.map(MinerKey::pubkey).orElse("");
        for (var member : config.roster()) {
            if (member.relayUrl().isEmpty() || member.pubkey().equals(me)) {
                continue;
            }
            String peer = member.pubkey();
            metrics.gauge(DreyMetric.RELAY_PEER_PULL_LAG, () -> node.peers().stream()
                    .filter(p -> p.peerKey().equals(peer) && p.newestPulled() >= 0).findFirst()
                    .map(p -> (double) Math.max(0, System.currentTimeMillis() / 1000 - p.newestPulled()))
                    .orElse(-1.0), peer);
        }
    }

    /**
     * The relay's identity key: from its own sealed key file ({@code drey.secrets.*}: a KMS envelope file in
     * deployments, opened with the relay's own KMS key; it holds only the identity key, never a share), or
     * {@code relay.secret-key} in clear for local runs. Both set is refused: which one signs would be a guess.
     */
    static Optional<MinerKey> minerKey(Optional<String> inClear, java.util.function.UnaryOperator<String> setting) {
        boolean sealed = setting.apply(SecretStores.PATH) != null || setting.apply(SecretStores.FILE_BASE64) != null;
        if (sealed && inClear.isPresent()) {
            throw new IllegalArgumentException("both relay.secret-key and a sealed key file (" + SecretStores.PATH
                    + " / " + SecretStores.FILE_BASE64 + ") are set: keep only the key file");
        }
        if (!sealed) {
            return inClear.map(MinerKey::parse);
        }
        SecretStore store = SecretStores.open(setting);
        byte[] secret = store.require(SecretKind.IDENTITY_KEY);
        try {
            return Optional.of(MinerKey.of(secret));
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
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
