package dev.drey.roast.app;

import dev.drey.kafka.EventRecordCodec;
import dev.drey.kafka.RecordCodecException;
import dev.drey.kafka.RecordPosition;
import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.DecodedBatch;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.RecordFailure;
import dev.drey.runtime.RedeliverException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The local adapter: SmallRye Reactive Messaging's Kafka consumer on the function's topics
 * (channel {@value #CHANNEL}, topics from {@link FunctionTopicsConfig}), each record decoded by the same
 * {@link EventRecordCodec} relay-ingest wrote it with, run, its outputs on the outbox before the offset is
 * committed. A record that is not a Drey event record, or that the function refuses, is logged, sent to the
 * dead-letter topic and skipped. When the runner asks for a redelivery ({@link RedeliverException}: the KV
 * store or the outbox failed past the runner's retries) the exception fails the message, so its offset is
 * never committed: the channel fails (failure-strategy {@code fail}), health turns DOWN, the platform
 * restarts the process, which resumes at the last committed offset (safe, as the functions are
 * idempotent). Disabled where a platform delivers the records ({@code drey.adapter=knative} or
 * {@code lambda}).
 */
@ApplicationScoped
public class KafkaConsumerAdapter {
    public static final String CHANNEL = "drey-in";
    private static final Logger LOG = Logger.getLogger(KafkaConsumerAdapter.class.getName());

    private final EventRecordCodec codec = new EventRecordCodec();

    @Inject
    FunctionRunner runner;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<byte[], byte[]> record) {
        process(record);
    }

    /** The local path for one record; public so tests compare the other adapters against it. */
    public BatchOutcome process(ConsumerRecord<byte[], byte[]> record) {
        return process(codec, runner, record);
    }

    static BatchOutcome process(EventRecordCodec codec, FunctionRunner runner, ConsumerRecord<byte[], byte[]> record) {
        DecodedBatch batch;
        try {
            batch = new DecodedBatch(List.of(codec.decode(record)), List.of(), 1);
        } catch (RecordCodecException e) {
            RecordFailure f = RecordFailure.at(new RecordPosition(record.topic(), record.partition(), record.offset()),
                    RecordFailure.Stage.DECODE, e.getMessage());
            batch = new DecodedBatch(List.of(), List.of(f), 1); // the runner dead-letters it
        }
        BatchOutcome o;
        try {
            o = runner.run(batch);
        } catch (RedeliverException e) {
            LOG.log(Level.WARNING, "{0}: not committing {1}-{2}@{3}, it will be redelivered: {4}", new Object[] {
                runner.function().name(), record.topic(), record.partition(), record.offset(), e.getMessage()});
            throw e;
        }
        for (RecordFailure f : o.failures()) {
            LOG.log(Level.WARNING, "{0}: record not handled, dead-lettered: {1}", new Object[] {runner.function().name(), f});
        }
        if (!batch.events().isEmpty()) {
            ColdStart.firstEventHandled(runner.function().name());
        }
        return o;
    }
}
