package dev.drey.kafka;

import dev.drey.nostr.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Appends events to their family's topic with {@code acks=all} and idempotent production. The
 * future of an append completes only once Kafka acknowledged the record, with where it is
 * stored, and fails with an {@link AppendFailedException} when Kafka does not acknowledge it
 * within the configured delivery timeout (e.g. the broker is down). Thread-safe; share one.
 *
 * <p>Futures complete on the Kafka producer's I/O thread: keep dependent work short or use the
 * {@code *Async} stages. {@link #append} does not block once its topic is known; the first
 * append to a topic not yet ensured creates it and loads its metadata on the caller's thread
 * (at most about the delivery timeout), so call {@link #ensureTopics()} at startup.
 */
public final class EventLog implements AutoCloseable {

    private final EventLogConfig config;
    private final Clock clock;
    private final EventRecordCodec eventCodec = new EventRecordCodec();
    private final OutboxRecordCodec outboxCodec = new OutboxRecordCodec();
    private final Properties producerProperties;
    private final Properties adminProperties;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public EventLog(EventLogConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * {@code clock} stamps the received-at header. Fails with an IllegalStateException naming the
     * cause when Kafka refuses the client settings (e.g. a SASL callback handler class that is
     * not on the class path).
     */
    public EventLog(EventLogConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.producerProperties = producerPropertiesFor(config);
        this.adminProperties = adminPropertiesFor(config);
        this.producer = create("producer", () -> new KafkaProducer<>(producerProperties, new ByteArraySerializer(),
                new ByteArraySerializer()));
        try {
            this.admin = create("admin client", () -> Admin.create(adminProperties));
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    private <T> T create(String what, Supplier<T> client) {
        try {
            return client.get();
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot create the Kafka " + what + " for " + where() + ": "
                    + rootMessage(e), e);
        }
    }

    /** The producer's settings, the client settings included (a copy; may hold credentials: never log it). */
    public Properties producerProperties() {
        return copy(producerProperties);
    }

    /** The admin client's settings, the client settings included (a copy; may hold credentials). */
    public Properties adminProperties() {
        return copy(adminProperties);
    }

    /** How this log reaches Kafka. */
    public EventLogConfig config() {
        return config;
    }

    private static Properties copy(Properties p) {
        Properties out = new Properties();
        out.putAll(p);
        return out;
    }

    static Properties producerPropertiesFor(EventLogConfig c) {
        long delivery = c.deliveryTimeout().toMillis();
        long linger = c.linger().toMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(linger));
        // Kafka requires delivery >= linger + request timeout.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, delivery - linger)));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(delivery));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(delivery));
        // With the default "rebootstrap", losing every broker drops the cached topic metadata,
        // and each send() would then block the caller for max.block.ms. Keeping the metadata
        // makes an append while Kafka is down return at once and fail after the delivery timeout.
        p.put(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
        // Reconnect quickly once a restarted broker is back.
        p.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "500");
        c.clientSettings().applyTo(p);
        p.putAll(c.producerOverrides());
        return p;
    }

    static Properties adminPropertiesFor(EventLogConfig c) {
        long timeout = c.deliveryTimeout().toMillis();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, timeout)));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        c.clientSettings().applyTo(p);
        // Security settings given as producer overrides (how callers passed them before client
        // settings existed) must reach the admin client too, or topic checks cannot connect.
        c.producerOverrides().forEach((k, v) -> {
            if (KafkaClientSettings.isClientSetting(k)) {
                p.put(k, v);
            }
        });
        return p;
    }

    public Topics topics() {
        return config.topics();
    }

    /**
     * Creates every topic of {@link #topics()} that is missing and loads their metadata into the
     * producer. Blocks at most about the delivery timeout; fails with an IllegalStateException.
     */
    public void ensureTopics() {
        ensureTopics(config.topics().all());
    }

    /** As {@link #ensureTopics()}, for the given topics. */
    public void ensureTopics(List<String> topics) {
        try {
            TopicProvisioner.ensureExist(admin, topics, config.partitions(), config.replicationFactor(),
                    config.deliveryTimeout());
        } catch (IllegalStateException e) {
            // A client whose security settings do not match the listener sees no error from the
            // broker, only silence: say which settings were used.
            boolean silent = e.getCause() instanceof java.util.concurrent.TimeoutException;
            throw new IllegalStateException("Kafka at " + where() + ": " + e.getMessage()
                    + (silent ? "; is it reachable, and do the client security settings match its listener?" : ""),
                    e.getCause());
        }
        for (String t : topics) {
            try {
                producer.partitionsFor(t);
            } catch (TimeoutException e) {
                throw new IllegalStateException("no metadata for Kafka topic " + t + " within "
                        + config.deliveryTimeout().toMillis() + " ms from " + where(), e);
            }
        }
        ensured.addAll(topics);
    }

    /** The address and the security settings in use (never a credential), for errors. */
    private String where() {
        return config.bootstrapServers() + " (" + config.clientSettings().describe() + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Appends {@code event} to its family's topic, received now. */
    public CompletableFuture<RecordPosition> append(Event event) {
        return append(event, clock.instant());
    }

    /** Appends {@code event} to its family's topic; {@code receivedAt} goes in the record's header. */
    public CompletableFuture<RecordPosition> append(Event event, Instant receivedAt) {
        String topic = config.topics().topicFor(event.kind());
        return send(topic, event.id(), () -> eventCodec.encode(topic, event, receivedAt));
    }

    /** Puts an event and its recipient relays on the outbox topic. */
    public CompletableFuture<RecordPosition> appendToOutbox(OutboxRecord outbox) {
        String topic = config.topics().outbox();
        return send(topic, outbox.event().id(), () -> outboxCodec.encode(topic, outbox, clock.instant()));
    }

    /** Sends all buffered records now and waits for their acknowledgement or failure. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        try {
            producer.close(config.deliveryTimeout());
        } finally {
            admin.close(config.deliveryTimeout());
        }
    }

    private interface RecordSupplier {
        ProducerRecord<byte[], byte[]> get();
    }

    private CompletableFuture<RecordPosition> send(String topic, String eventId, RecordSupplier record) {
        if (!ensured.contains(topic)) {
            try {
                ensureTopics(List.of(topic));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new AppendFailedException(topic, eventId,
                        "Kafka topic " + topic + " is not available: " + e.getMessage(), e));
            }
        }
        CompletableFuture<RecordPosition> done = new CompletableFuture<>();
        try {
            producer.send(record.get(), (metadata, error) -> {
                if (error != null) {
                    done.completeExceptionally(failure(topic, eventId, error));
                } else {
                    done.complete(new RecordPosition(metadata.topic(), metadata.partition(), metadata.offset()));
                }
            });
        } catch (RuntimeException e) {
            // send() throws for what never reached the buffer: timeout waiting for metadata or
            // buffer space, a closed producer, a record too large.
            done.completeExceptionally(failure(topic, eventId, e));
        }
        return done;
    }

    private AppendFailedException failure(String topic, String eventId, Throwable error) {
        String detail = error instanceof TimeoutException
                ? "Kafka did not acknowledge the event within " + config.deliveryTimeout().toMillis()
                        + " ms (is the broker reachable?): " + error.getMessage()
                : "Kafka refused the event: " + error.getClass().getSimpleName() + ": " + error.getMessage();
        return new AppendFailedException(topic, eventId, detail, error);
    }
}
