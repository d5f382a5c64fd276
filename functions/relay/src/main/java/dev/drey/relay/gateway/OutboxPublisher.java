package dev.drey.relay.gateway;

import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.OutboxRecordCodec;
import dev.drey.kafka.RecordCodecException;
import dev.drey.kafka.RecordHandler;
import dev.drey.kafka.RecordPosition;
import dev.drey.relay.LogPartition;
import dev.drey.relay.MinerKey;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes what the functions put on the outbox topic: each record's event goes to each of its
 * recipient relays ({@link Destination}: one authenticated connection per relay, retries with
 * back-off until {@code OK true} or a definitive refusal, which is logged and recorded in the
 * {@link GatewayState}). At least once: the stored offset of a partition moves past a record only
 * when every delivery of it and of every record before it is finished, so a restart resumes
 * there and may publish some events again (relays answer {@code duplicate:}).
 *
 * <p>One thread reads Kafka; delivery state lives on the single-threaded scheduler.
 */
public final class OutboxPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxPublisher.class.getName());
    /** Records read but not finished; reading pauses above this. */
    static final int MAX_PENDING_RECORDS = 10_000;

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final KafkaClientSettings client;
    private final String topic;
    private final MinerKey me;
    private final GatewayState state;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final HttpClient http;
    private final LongSupplier nowSeconds;
    private final Thread reader;
    private final AtomicInteger pendingRecords = new AtomicInteger();
    private volatile boolean running = true;
    private volatile long delivered;
    private volatile long refused;

    // Scheduler thread only.
    private final Map<String, Destination> destinations = new HashMap<>();
    private final Map<LogPartition, TreeMap<Long, int[]>> open = new HashMap<>();

    /** Reads {@code outboxTopic} at {@code bootstrapServers}, connecting with {@code client} settings. */
    public OutboxPublisher(String bootstrapServers, KafkaClientSettings client, String outboxTopic, MinerKey me,
            GatewayState state, ScheduledExecutorService scheduler, Backoff backoff, HttpClient http,
            LongSupplier nowSeconds) {
        this.bootstrapServers = bootstrapServers;
        this.client = client;
        this.topic = outboxTopic;
        this.me = me;
        this.state = state;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.http = http;
        this.nowSeconds = nowSeconds;
        this.reader = new Thread(this::read, "relay-outbox-reader");
        this.reader.setDaemon(true);
    }

    public OutboxPublisher start() {
        reader.start();
        return this;
    }

    /** The settings of the consumer it reads the outbox with (a copy; may hold credentials: never log it). */
    public Properties consumerProperties() {
        return EventLogReader.consumerProperties(bootstrapServers, client, KAFKA_TIMEOUT);
    }

    /** Deliveries answered {@code OK true} since start. */
    public long delivered() {
        return delivered;
    }

    /** Deliveries refused definitively since start. */
    public long refused() {
        return refused;
    }

    private void read() {
        while (running) {
            try (EventLogReader<OutboxRecord> r = new EventLogReader<>(bootstrapServers, client, List.of(topic),
                    new OutboxRecordCodec()::decode, KAFKA_TIMEOUT)) {
                Map<TopicPartition, Long> resume = new HashMap<>();
                state.outboxOffsets().forEach((p, next) -> {
                    TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                    if (r.partitions().contains(tp)) {
                        resume.put(tp, next);
                    }
                });
                r.seek(resume);
                RecordHandler<OutboxRecord> handler = new RecordHandler<>() {
                    @Override
                    public void onRecord(OutboxRecord value, RecordPosition p) {
                        pendingRecords.incrementAndGet();
                        scheduler.execute(() -> accept(value, p));
                    }

                    @Override
                    public void onMalformed(RecordCodecException error, RecordPosition p) {
                        LOG.log(Level.WARNING, "skipping malformed outbox record at " + p + ": " + error.getMessage());
                        pendingRecords.incrementAndGet();
                        scheduler.execute(() -> accept(null, p));
                    }
                };
                while (running) {
                    if (pendingRecords.get() >= MAX_PENDING_RECORDS) {
                        Thread.sleep(50);
                        continue;
                    }
                    r.poll(Duration.ofMillis(100), handler);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "outbox: reading Kafka failed, retrying: " + e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void accept(OutboxRecord record, RecordPosition p) {
        LogPartition partition = new LogPartition(p.topic(), p.partition());
        int[] remaining = {record == null ? 0 : record.relays().size()};
        open.computeIfAbsent(partition, k -> new TreeMap<>()).put(p.offset(), remaining);
        if (remaining[0] == 0) {
            finish(partition, p.offset());
            return;
        }
        for (String url : record.relays()) {
            destinations.computeIfAbsent(url, u -> new Destination(u, this))
                    .enqueue(new Delivery(record.event(), url, partition, p.offset()));
        }
    }

    /** Called on the scheduler when one delivery of a record is finished (delivered or refused). */
    void finished(Delivery d, boolean accepted, String refusal) {
        if (accepted) {
            delivered++;
        } else {
            refused++;
            LOG.log(Level.WARNING, "outbox: " + d.relayUrl() + " refused event " + d.event().id() + ": " + refusal);
            state.recordRefusal(d.event().id(), d.relayUrl(), refusal);
        }
        TreeMap<Long, int[]> records = open.get(d.partition());
        int[] remaining = records == null ? null : records.get(d.offset());
        if (remaining != null && --remaining[0] == 0) {
            finish(d.partition(), d.offset());
        }
    }

    /** Moves the stored offset past every finished record at the head of the partition. */
    private void finish(LogPartition partition, long offset) {
        pendingRecords.decrementAndGet();
        TreeMap<Long, int[]> records = open.get(partition);
        long next = -1;
        while (!records.isEmpty() && records.firstEntry().getValue()[0] == 0) {
            next = records.pollFirstEntry().getKey() + 1;
        }
        if (next >= 0) {
            state.saveOutboxOffset(partition, next);
        }
    }

    MinerKey me() {
        return me;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Backoff backoff() {
        return backoff;
    }

    HttpClient http() {
        return http;
    }

    LongSupplier nowSeconds() {
        return nowSeconds;
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.execute(() -> destinations.values().forEach(Destination::close));
    }
}
