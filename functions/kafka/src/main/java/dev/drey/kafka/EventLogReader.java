package dev.drey.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics for replay: every partition of the given topics is assigned (no consumer group,
 * no committed offsets; the caller keeps its own checkpoints), from the beginning or from given
 * offsets. {@link #endOffsets()} and {@link #catchUp} let a caller wait until it has read
 * everything acknowledged so far, which is how the relay gives read-your-writes.
 *
 * <p>Like the Kafka consumer it wraps, one reader is used by one thread at a time.
 */
public final class EventLogReader<T> implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Function<ConsumerRecord<byte[], byte[]>, T> decoder;
    private final List<TopicPartition> partitions;
    private final Duration timeout;

    /** As {@link #EventLogReader(String, KafkaClientSettings, Collection, Function, Duration)} in plain text. */
    public EventLogReader(String bootstrapServers, Collection<String> topics,
            Function<ConsumerRecord<byte[], byte[]>, T> decoder, Duration timeout) {
        this(bootstrapServers, KafkaClientSettings.NONE, topics, decoder, timeout);
    }

    /**
     * A reader of {@code topics}, connecting with {@code client} settings (security protocol,
     * SASL, TLS), decoding with {@code decoder} (which refuses with a {@link RecordCodecException}),
     * positioned at the beginning. Every topic must exist; {@code timeout} bounds each call that
     * waits for Kafka.
     */
    public EventLogReader(String bootstrapServers, KafkaClientSettings client, Collection<String> topics,
            Function<ConsumerRecord<byte[], byte[]>, T> decoder, Duration timeout) {
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("a reader needs at least one topic");
        }
        this.decoder = decoder;
        this.timeout = timeout;
        try {
            this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers, client, timeout),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot create a Kafka consumer for " + bootstrapServers + " ("
                    + client.describe() + "): " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()), e);
        }
        try {
            List<TopicPartition> all = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("Kafka topic " + topic
                            + " does not exist (create it first, e.g. with EventLog.ensureTopics)");
                }
                for (PartitionInfo info : infos) {
                    all.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            this.partitions = List.copyOf(all);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (TimeoutException e) {
            consumer.close(Duration.ZERO);
            throw new IllegalStateException("Kafka at " + bootstrapServers + " (" + client.describe()
                    + ") did not answer within " + timeout.toMillis() + " ms while looking up topics " + topics
                    + "; is it reachable, and do the client security settings match its listener?", e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** A reader of event topics ({@link EventRecordCodec}); 30 s timeout. */
    public static EventLogReader<LoggedEvent> events(String bootstrapServers, Collection<String> topics) {
        return events(bootstrapServers, KafkaClientSettings.NONE, topics);
    }

    /** A reader of event topics ({@link EventRecordCodec}) with client settings; 30 s timeout. */
    public static EventLogReader<LoggedEvent> events(String bootstrapServers, KafkaClientSettings client,
            Collection<String> topics) {
        EventRecordCodec codec = new EventRecordCodec();
        return new EventLogReader<>(bootstrapServers, client, topics, codec::decode, Duration.ofSeconds(30));
    }

    /** A reader of the outbox topic ({@link OutboxRecordCodec}); 30 s timeout. */
    public static EventLogReader<OutboxRecord> outbox(String bootstrapServers, String outboxTopic) {
        OutboxRecordCodec codec = new OutboxRecordCodec();
        return new EventLogReader<>(bootstrapServers, List.of(outboxTopic), codec::decode, Duration.ofSeconds(30));
    }

    /**
     * The consumer settings a reader builds for {@code bootstrapServers} with {@code client}
     * settings and {@code timeout}. They may hold credentials: never log them.
     */
    public static Properties consumerProperties(String bootstrapServers, KafkaClientSettings client,
            Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, timeout.toMillis())));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        return client.applyTo(p);
    }

    /** The assigned partitions: every partition of every topic given. */
    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** Reads everything again. */
    public void seekToBeginning() {
        consumer.seekToBeginning(partitions);
    }

    /** Resumes from a checkpoint: the next offset to read per partition; others keep their position. */
    public void seek(Map<TopicPartition, Long> nextOffsets) {
        for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
            if (!partitions.contains(e.getKey())) {
                throw new IllegalArgumentException("partition " + e.getKey() + " is not read by this reader");
            }
            consumer.seek(e.getKey(), e.getValue());
        }
    }

    /** The next offset this reader will read, per partition (a checkpoint to resume from). */
    public Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            out.put(tp, consumer.position(tp, timeout));
        }
        return out;
    }

    /** The offset the next record appended to each partition will get: read up to here to be caught up. */
    public Map<TopicPartition, Long> endOffsets() {
        try {
            return new LinkedHashMap<>(consumer.endOffsets(partitions, timeout));
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not report end offsets within " + timeout.toMillis() + " ms", e);
        }
    }

    /** Whether this reader has read every record before {@code target} (offsets as from {@link #endOffsets()}). */
    public boolean hasReached(Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the record at {@code position} (an append's acknowledgement) has been read. */
    public boolean hasRead(RecordPosition position) {
        TopicPartition tp = new TopicPartition(position.topic(), position.partition());
        return consumer.position(tp, timeout) > position.offset();
    }

    /**
     * Reads one batch (waiting at most {@code wait} for one) and hands each record to
     * {@code handler}. Returns how many records were handed over. If the handler throws, every
     * record from the one that failed on is read again by the next poll.
     */
    public int poll(Duration wait, RecordHandler<? super T> handler) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(wait);
        int handled = 0;
        Map<TopicPartition, Long> firstUnhandled = new HashMap<>();
        for (TopicPartition tp : batch.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = batch.records(tp);
            if (!records.isEmpty()) {
                firstUnhandled.put(tp, records.get(0).offset());
            }
        }
        try {
            for (TopicPartition tp : batch.partitions()) {
                for (ConsumerRecord<byte[], byte[]> r : batch.records(tp)) {
                    RecordPosition position = new RecordPosition(r.topic(), r.partition(), r.offset());
                    T value;
                    try {
                        value = decoder.apply(r);
                    } catch (RecordCodecException e) {
                        handler.onMalformed(e, position);
                        firstUnhandled.put(tp, r.offset() + 1);
                        continue;
                    }
                    handler.onRecord(value, position);
                    firstUnhandled.put(tp, r.offset() + 1);
                    handled++;
                }
            }
        } catch (RuntimeException | Error e) {
            // poll() already moved past the whole batch: rewind to what was not handled.
            firstUnhandled.forEach(consumer::seek);
            throw e;
        }
        return handled;
    }

    /**
     * Polls until every record before {@code target} has been handed to {@code handler}, or
     * {@code maxWait} passes; returns whether it caught up.
     */
    public boolean catchUp(Map<TopicPartition, Long> target, Duration maxWait, RecordHandler<? super T> handler) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!hasReached(target)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(100).toNanos())), handler);
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
