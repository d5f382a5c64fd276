package dev.drey.relay.kafka;

import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.EventRecordCodec;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.RecordCodecException;
import dev.drey.kafka.RecordHandler;
import dev.drey.kafka.RecordPosition;
import dev.drey.nostr.Verification;
import dev.drey.relay.EventIndex;
import dev.drey.relay.LogListener;
import dev.drey.relay.LogPartition;
import dev.drey.relay.LogPosition;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Fills the index from the event topics: one thread reads every partition with an
 * {@link EventLogReader}, resuming after the offsets the index itself stored, and hands each
 * record to the listener (the relay's {@code IndexFeed}). Because the index's offsets are stored
 * with its data, deleting the index makes this replay the topics from the beginning and rebuild
 * it. {@link #caughtUp()} completes once everything in the log at start has been applied.
 *
 * <p>Every record's id and signature are verified again before it is indexed: anything that can
 * write to the topics (a misconfigured producer, an attacker holding Kafka credentials) must not
 * put an event on the relay that no key signed. Such records are logged, counted and skipped.
 * The thread catches everything: an {@link Error} (out of memory) ends it, and {@link #failure()}
 * says why, so health checks report the relay down instead of serving a frozen index.
 */
public final class KafkaIndexFeeder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KafkaIndexFeeder.class.getName());
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long RETRY_MILLIS = 1000;

    private final String bootstrapServers;
    private final KafkaClientSettings client;
    private final List<String> topics;
    private final EventIndex index;
    private final LogListener listener;
    private final Duration timeout;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long applied;
    private volatile String lastError = "";
    private volatile long rejected;
    private volatile String failure = "";

    /** Reads {@code topics} at {@code bootstrapServers}, connecting with {@code client} settings. */
    public KafkaIndexFeeder(String bootstrapServers, KafkaClientSettings client, List<String> topics,
            EventIndex index, LogListener listener, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.client = client;
        this.topics = List.copyOf(topics);
        this.index = index;
        this.listener = listener;
        this.timeout = timeout;
        this.thread = new Thread(this::run, "relay-index-feeder");
        this.thread.setDaemon(true);
    }

    public KafkaIndexFeeder start() {
        thread.start();
        return this;
    }

    /** Completes once the index holds every record that was in the log when the feeder started. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /** Records handed to the listener since start. */
    public long appliedCount() {
        return applied;
    }

    /** The last failure reading Kafka, empty when the last attempt worked. */
    public String lastError() {
        return lastError;
    }

    /** The settings of the consumer it reads with (a copy; may hold credentials: never log it). */
    public Properties consumerProperties() {
        return EventLogReader.consumerProperties(bootstrapServers, client, timeout);
    }

    /** Records skipped because their id or signature does not verify. */
    public long rejectedCount() {
        return rejected;
    }

    /** Why the thread died (empty while it runs or after a clean close). */
    public String failure() {
        return failure;
    }

    /** Whether the thread is alive and has not been closed (liveness). */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    private void run() {
        try {
            feed();
        } catch (Throwable t) {
            // Out of memory or a bug: nothing reliable is left to do here except say so.
            failure = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            running = false;
            LOG.log(Level.ERROR, "index feeder died; the index no longer follows the log: " + failure);
        }
    }

    private void feed() {
        while (running) {
            try (EventLogReader<LoggedEvent> reader = new EventLogReader<>(bootstrapServers, client, topics,
                    new EventRecordCodec()::decode, timeout)) {
                reader.seek(resumePoints(reader.partitions()));
                Map<TopicPartition, Long> target = caughtUp.isDone() ? Map.of() : reader.endOffsets();
                RecordHandler<LoggedEvent> handler = new RecordHandler<>() {
                    @Override
                    public void onRecord(LoggedEvent value, RecordPosition p) {
                        Verification v = value.event().verify();
                        if (!v.isValid()) {
                            rejected++;
                            LOG.log(Level.WARNING, "skipping record at " + p + " whose event does not verify ("
                                    + v.message() + "): not indexed");
                            return;
                        }
                        listener.onRecord(value.event(), new LogPosition(p.topic(), p.partition(), p.offset()));
                        applied++;
                    }

                    @Override
                    public void onMalformed(RecordCodecException error, RecordPosition p) {
                        // One bad record must not stall the index; it is not an event anyone can query.
                        LOG.log(Level.WARNING, "skipping malformed record at " + p + ": " + error.getMessage());
                    }
                };
                lastError = "";
                while (running) {
                    reader.poll(POLL, handler);
                    if (!caughtUp.isDone() && reader.hasReached(target)) {
                        caughtUp.complete(null);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.log(Level.WARNING, "index feeder: reading Kafka failed, retrying: " + lastError);
                sleep(RETRY_MILLIS);
            }
        }
    }

    /** The next offset per partition: one past what the index stored, or the beginning. */
    private Map<TopicPartition, Long> resumePoints(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OptionalLong done = index.appliedOffset(new LogPartition(tp.topic(), tp.partition()));
            if (done.isPresent()) {
                out.put(tp, done.getAsLong() + 1);
            }
        }
        return out;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(timeout.toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
