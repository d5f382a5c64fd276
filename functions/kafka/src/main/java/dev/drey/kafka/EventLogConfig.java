package dev.drey.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How an {@link EventLog} reaches Kafka. {@code deliveryTimeout} bounds how long an append may
 * stay unacknowledged before its future fails (Kafka unavailable); {@code linger} trades a little
 * latency for batching; new topics get {@code partitions} and {@code replicationFactor};
 * {@code producerOverrides} are any further producer settings, applied last;
 * {@code clientSettings} (security protocol, SASL, TLS) go to every client the log creates, the
 * producer and the admin client alike.
 */
public record EventLogConfig(String bootstrapServers, Topics topics, Duration deliveryTimeout, Duration linger,
        int partitions, short replicationFactor, Map<String, String> producerOverrides,
        KafkaClientSettings clientSettings) {

    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(2);

    public EventLogConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one host:port");
        }
        if (topics == null) {
            throw new IllegalArgumentException("topics must not be null");
        }
        if (linger == null || linger.isNegative() || linger.toMillis() > 1000) {
            throw new IllegalArgumentException("linger must be 0..1000 ms");
        }
        if (deliveryTimeout == null || deliveryTimeout.toMillis() < 1000 + linger.toMillis()) {
            throw new IllegalArgumentException("deliveryTimeout must be at least 1 s plus linger");
        }
        if (deliveryTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("deliveryTimeout too large");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1");
        }
        producerOverrides = Map.copyOf(producerOverrides == null ? Map.of() : producerOverrides);
        clientSettings = clientSettings == null ? KafkaClientSettings.NONE : clientSettings;
    }

    /** Without client settings (plain text). */
    public EventLogConfig(String bootstrapServers, Topics topics, Duration deliveryTimeout, Duration linger,
            int partitions, short replicationFactor, Map<String, String> producerOverrides) {
        this(bootstrapServers, topics, deliveryTimeout, linger, partitions, replicationFactor, producerOverrides,
                KafkaClientSettings.NONE);
    }

    /** Unprefixed topics, 30 s delivery timeout, 2 ms linger, 1 partition, replication 1 (one broker). */
    public static EventLogConfig of(String bootstrapServers) {
        return new EventLogConfig(bootstrapServers, Topics.unprefixed(), DEFAULT_DELIVERY_TIMEOUT, DEFAULT_LINGER,
                1, (short) 1, Map.of(), KafkaClientSettings.NONE);
    }

    public EventLogConfig withTopics(Topics t) {
        return new EventLogConfig(bootstrapServers, t, deliveryTimeout, linger, partitions, replicationFactor,
                producerOverrides, clientSettings);
    }

    public EventLogConfig withDeliveryTimeout(Duration d) {
        return new EventLogConfig(bootstrapServers, topics, d, linger, partitions, replicationFactor,
                producerOverrides, clientSettings);
    }

    public EventLogConfig withLinger(Duration l) {
        return new EventLogConfig(bootstrapServers, topics, deliveryTimeout, l, partitions, replicationFactor,
                producerOverrides, clientSettings);
    }

    /** Partitions and replication factor for topics this log creates (e.g. 3 and 3 on MSK). */
    public EventLogConfig withNewTopics(int partitionCount, short replication) {
        return new EventLogConfig(bootstrapServers, topics, deliveryTimeout, linger, partitionCount, replication,
                producerOverrides, clientSettings);
    }

    public EventLogConfig withProducerOverrides(Map<String, String> overrides) {
        return new EventLogConfig(bootstrapServers, topics, deliveryTimeout, linger, partitions, replicationFactor,
                overrides, clientSettings);
    }

    /** Security settings for every client of the log (e.g. SASL_SSL with MSK IAM). */
    public EventLogConfig withClientSettings(KafkaClientSettings settings) {
        return new EventLogConfig(bootstrapServers, topics, deliveryTimeout, linger, partitions, replicationFactor,
                producerOverrides, settings);
    }

    /** Producer overrides may carry credentials (roast passes the SASL settings that way): redacted. */
    @Override
    public String toString() {
        StringJoiner overrides = new StringJoiner(", ", "{", "}");
        new TreeMap<>(producerOverrides).forEach((k, v) ->
                overrides.add(k + "=" + (KafkaClientSettings.isSecret(k) ? "(redacted)" : v)));
        return "EventLogConfig[bootstrapServers=" + bootstrapServers + ", topics=" + topics + ", deliveryTimeout="
                + deliveryTimeout + ", linger=" + linger + ", partitions=" + partitions + ", replicationFactor="
                + replicationFactor + ", producerOverrides=" + overrides + ", clientSettings="
                + clientSettings + "]";
    }
}
