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
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes what the functions put on the outbox topic: each record's event goes to each of its
 * recipient relays ({@link Destination}: one authenticated connection per relay, paced below the
 * relay's rate limit, retries with back-off until {@code OK true}). The topic is not trusted: only
 * events signed by this miner (id and signature checked) go out, and only to the roster's relays
 * and the configured outbox relays. A delivery that is not allowed, refused definitively by the
 * recipient, out of attempts or time, or beyond its recipient's pending cap is dead-lettered (logged
 * and recorded in the {@link GatewayState}), so one dead recipient never holds up the others.
 * At least once: the stored offset of a partition moves past a record only when every delivery of
 * it and of every record before it is finished (delivered or dead-lettered), so a restart resumes
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
    private final LongSupplier nowMillis;
    private final GatewaySettings settings;
    private final Set<String> allowedRelays;
    private final Thread reader;
    private final AtomicInteger pendingRecords = new AtomicInteger();
    private volatile boolean running = true;
    private volatile long delivered;
    private volatile long deadLettered;
    private volatile long retried;

    // Scheduler thread only.
    private final Map<String, Destination> destinations = new HashMap<>();
    private final Map<LogPartition, TreeMap<Long, int[]>> open = new HashMap<>();

    /**
     * Reads {@code outboxTopic} at {@code bootstrapServers}, connecting with {@code client} settings.
     *
     * @param allowedRelays the only relay URLs it publishes to (the roster's and the configured outbox relays)
     * @param nowMillis     the clock (unix milliseconds) for AUTH events, pacing and delivery ages
     */
    public OutboxPublisher(String bootstrapServers, KafkaClientSettings client, String outboxTopic, MinerKey me,
            GatewayState state, ScheduledExecutorService scheduler, Backoff backoff, HttpClient http,
            LongSupplier nowMillis, GatewaySettings settings, Set<String> allowedRelays) {
        this.bootstrapServers = bootstrapServers;
        this.client = client;
        this.topic = outboxTopic;
        this.me = me;
        this.state = state;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.http = http;
        this.nowMillis = nowMillis;
        this.settings = settings;
        this.allowedRelays = Set.copyOf(allowedRelays);
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

    /** Retryable refusals ({@code rate-limited:}, {@code error:}, {@code auth-required:}) since start. */
    public long retried() {
        return retried;
    }

    /** Scheduler thread: a recipient answered with a retryable refusal. */
    void countRetry() {
        retried++;
    }

    /** Outbox records read and not yet answered by every recipient (delivered or dead-lettered). */
    public int backlog() {
        return pendingRecords.get();
    }

    /** Deliveries given up on since start (each also a {@link GatewayState.DeadLetter}). */
    public long deadLettered() {
        return deadLettered;
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
        Optional<String> notMine = OutboxAdmission.eventRefusal(record.event(), me.pubkey());
        for (String url : record.relays()) {
            Delivery d = new Delivery(record.event(), url, partition, p.offset());
            Optional<String> refusal = notMine.or(() -> OutboxAdmission.relayRefusal(url, allowedRelays));
            if (refusal.isPresent()) {
                deadLetter(d, 0, refusal.get());
            } else {
                destinations.computeIfAbsent(url, u -> new Destination(u, this)).enqueue(d);
            }
        }
    }

    /** Scheduler thread: the recipient answered {@code OK true} (or {@code duplicate:}). */
    void delivered(Delivery d) {
        delivered++;
        finished(d);
    }

    /** Scheduler thread: the delivery is abandoned; recorded with why, then finished. */
    void deadLetter(Delivery d, int attempts, String reason) {
        deadLettered++;
        GatewayState.DeadLetter letter = new GatewayState.DeadLetter(d.event().id(), d.relayUrl(), reason,
                nowMillis.getAsLong() / 1000, attempts);
        LOG.log(Level.WARNING, "outbox: dead letter: event " + letter.eventId() + " to " + letter.relayUrl()
                + " after " + attempts + " sends: " + letter.reason());
        state.recordDeadLetter(letter);
        finished(d);
    }

    private void finished(Delivery d) {
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

    long nowMillis() {
        return nowMillis.getAsLong();
    }

    GatewaySettings settings() {
        return settings;
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
