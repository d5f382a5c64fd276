package dev.drey.relay.node;

import dev.drey.kafka.EventLogConfig;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.relay.MinerKey;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.gateway.Backoff;
import dev.drey.relay.gateway.GatewaySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run one miner's relay node.
 *
 * @param relay            the relay core's configuration (allow-list, roster with peer relay URLs, limits)
 * @param bootstrapServers Kafka's {@code host:port,...}
 * @param topicPrefix      topic name prefix ({@code ""} for none), so miners can share a cluster
 * @param dataDir          where the index and gateway state live; empty keeps both in memory
 * @param minerKey         this miner's identity for NIP-42 to peers and outbox relays; without it
 *                         neither peer pull nor the outbox runs
 * @param deliveryTimeout  how long an append may wait for Kafka before {@code OK false "error: ..."}
 * @param pullOverlap      how far before its checkpoint a peer pull resumes
 * @param backoff          reconnect and retry back-off of peer pull and the outbox
 * @param kafkaClient      security protocol, SASL and TLS settings for every Kafka client of the
 *                         node (producer, index feeder, outbox reader, health probe)
 * @param gateway          peer pull and outbox limits: created_at window and rate per peer, the relays
 *                         the outbox may publish to, per-recipient caps and dead-lettering
 */
public record RelayNodeSettings(RelayConfig relay, String bootstrapServers, String topicPrefix,
        Optional<Path> dataDir, Optional<MinerKey> minerKey, Duration deliveryTimeout, Duration pullOverlap,
        Backoff backoff, KafkaClientSettings kafkaClient,
        // --- gateway (peer pull and outbox) settings ---
        GatewaySettings gateway) {

    public static final Duration DEFAULT_PULL_OVERLAP = Duration.ofMinutes(10);

    public RelayNodeSettings {
        Objects.requireNonNull(relay, "relay");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are required");
        }
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        dataDir = dataDir == null ? Optional.empty() : dataDir;
        minerKey = minerKey == null ? Optional.empty() : minerKey;
        deliveryTimeout = deliveryTimeout == null ? EventLogConfig.DEFAULT_DELIVERY_TIMEOUT : deliveryTimeout;
        pullOverlap = pullOverlap == null ? DEFAULT_PULL_OVERLAP : pullOverlap;
        backoff = backoff == null ? Backoff.DEFAULT : backoff;
        kafkaClient = kafkaClient == null ? KafkaClientSettings.NONE : kafkaClient;
        gateway = gateway == null ? GatewaySettings.DEFAULT : gateway;
    }

    /** Default gateway settings. */
    public RelayNodeSettings(RelayConfig relay, String bootstrapServers, String topicPrefix, Optional<Path> dataDir,
            Optional<MinerKey> minerKey, Duration deliveryTimeout, Duration pullOverlap, Backoff backoff,
            KafkaClientSettings kafkaClient) {
        this(relay, bootstrapServers, topicPrefix, dataDir, minerKey, deliveryTimeout, pullOverlap, backoff,
                kafkaClient, null);
    }

    /** Plain-text Kafka (no client settings). */
    public RelayNodeSettings(RelayConfig relay, String bootstrapServers, String topicPrefix, Optional<Path> dataDir,
            Optional<MinerKey> minerKey, Duration deliveryTimeout, Duration pullOverlap, Backoff backoff) {
        this(relay, bootstrapServers, topicPrefix, dataDir, minerKey, deliveryTimeout, pullOverlap, backoff,
                KafkaClientSettings.NONE);
    }

    public static RelayNodeSettings of(RelayConfig relay, String bootstrapServers) {
        return new RelayNodeSettings(relay, bootstrapServers, "", Optional.empty(), Optional.empty(), null, null,
                null, KafkaClientSettings.NONE, null);
    }

    public RelayNodeSettings withTopicPrefix(String prefix) {
        return new RelayNodeSettings(relay, bootstrapServers, prefix, dataDir, minerKey, deliveryTimeout,
                pullOverlap, backoff, kafkaClient, gateway);
    }

    public RelayNodeSettings withDataDir(Path dir) {
        return new RelayNodeSettings(relay, bootstrapServers, topicPrefix, Optional.ofNullable(dir), minerKey,
                deliveryTimeout, pullOverlap, backoff, kafkaClient, gateway);
    }

    public RelayNodeSettings withMinerKey(MinerKey key) {
        return new RelayNodeSettings(relay, bootstrapServers, topicPrefix, dataDir, Optional.ofNullable(key),
                deliveryTimeout, pullOverlap, backoff, kafkaClient, gateway);
    }

    public RelayNodeSettings withDeliveryTimeout(Duration d) {
        return new RelayNodeSettings(relay, bootstrapServers, topicPrefix, dataDir, minerKey, d, pullOverlap,
                backoff, kafkaClient, gateway);
    }

    public RelayNodeSettings withBackoff(Backoff b) {
        return new RelayNodeSettings(relay, bootstrapServers, topicPrefix, dataDir, minerKey, deliveryTimeout,
                pullOverlap, b, kafkaClient, gateway);
    }

    public RelayNodeSettings withKafkaClient(KafkaClientSettings settings) {
        return new RelayNodeSettings(relay, bootstrapServers, topicPrefix, dataDir, minerKey, deliveryTimeout,
                pullOverlap, backoff, settings, gateway);
    }

    // --- gateway (peer pull and outbox) settings ---

    public RelayNodeSettings withGateway(GatewaySettings g) {
        return new RelayNodeSettings(relay, bootstrapServers, topicPrefix, dataDir, minerKey, deliveryTimeout,
                pullOverlap, backoff, kafkaClient, g);
    }
}
