package dev.drey.runtime;

import dev.drey.kafka.EventLog;
import dev.drey.nostr.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topic ({@code Topics.deadLetter()} of the log's topics, e.g. {@code drey.dead-letter})
 * through a producer with the log's own settings (acks=all, idempotent, the same client security). Each
 * failure becomes one record: key = the failed record's name ({@code topic-partition@offset} when known),
 * value = a JSON envelope
 * <pre>{"function":"signer","record":"drey.sign-0@42","topic":"drey.sign","partition":0,"offset":42,
 *  "stage":"function","reason":"..."}</pre>
 * ({@code topic}/{@code partition}/{@code offset} only when the delivery said where the record is). The
 * original stays in its topic, so the envelope points at it rather than copying it. The producer is
 * created on the first dead letter: most deliveries never need it.
 */
public final class KafkaDeadLetters implements DeadLetterSink, AutoCloseable {
    /** Reasons are cut here: an envelope names a problem, it does not carry attacker-sized text. */
    static final int MAX_REASON_CHARS = 2000;

    private final EventLog log;
    private final String topic;
    private final Duration timeout;
    private KafkaProducer<byte[], byte[]> producer;

    /** Waits as long as the outbox does: the log's delivery timeout plus 5 s. */
    public KafkaDeadLetters(EventLog log) {
        this.log = log;
        this.topic = log.topics().deadLetter();
        this.timeout = log.config().deliveryTimeout().plusSeconds(5);
    }

    public String topic() {
        return topic;
    }

    @Override
    public void send(String function, List<RecordFailure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        KafkaProducer<byte[], byte[]> p = producer();
        List<Future<?>> acks = new ArrayList<>();
        try {
            for (RecordFailure f : failures) {
                acks.add(p.send(new ProducerRecord<>(topic, f.where().getBytes(StandardCharsets.UTF_8),
                        envelope(function, f))));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<?> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new OutboxSink.OutboxException("dead-letter append to " + topic + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new OutboxSink.OutboxException("dead-letter append to " + topic + " not acknowledged within "
                    + timeout.toMillis() + " ms", e);
        } catch (KafkaException e) {
            throw new OutboxSink.OutboxException("dead-letter append to " + topic + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxSink.OutboxException("interrupted while waiting for the dead-letter topic", e);
        }
    }

    /** The JSON envelope of one failure (see the class comment). */
    public static byte[] envelope(String function, RecordFailure f) {
        String reason = f.reason().length() > MAX_REASON_CHARS
                ? f.reason().substring(0, MAX_REASON_CHARS) + "..." : f.reason();
        JsonWriter w = new JsonWriter();
        w.raw('{').string("function").raw(':').string(function);
        w.raw(',').string("record").raw(':').string(f.where());
        if (f.position() != null) {
            w.raw(',').string("topic").raw(':').string(f.position().topic());
            w.raw(',').string("partition").raw(':').number(f.position().partition());
            w.raw(',').string("offset").raw(':').number(f.position().offset());
        }
        w.raw(',').string("stage").raw(':').string(f.stage().name().toLowerCase(Locale.ROOT));
        w.raw(',').string("reason").raw(':').string(reason).raw('}');
        return w.toBytes();
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            try {
                log.ensureTopics(List.of(topic));
            } catch (IllegalStateException e) {
                throw new OutboxSink.OutboxException("dead-letter topic " + topic + " is not available: "
                        + e.getMessage(), e);
            }
            producer = new KafkaProducer<>(log.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }
}
