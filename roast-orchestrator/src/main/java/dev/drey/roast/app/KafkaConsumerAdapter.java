package dev.drey.roast.app;

import dev.drey.kafka.EventRecordCodec;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.RecordCodecException;
import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.RecordFailure;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The local adapter: SmallRye Reactive Messaging's Kafka consumer on the function's topics
 * (channel {@value #CHANNEL}, topics from {@link FunctionTopicsConfig}), each record decoded by the same
 * {@link EventRecordCodec} relay-ingest wrote it with, run, its outputs on the outbox before the offset is
 * committed. A record that is not a Drey event record is logged and skipped; an outbox failure fails the
 * channel (health turns DOWN, the platform restarts the process, which resumes at the last committed
 * offset: safe, as the functions are idempotent). Disabled where a platform delivers the records
 * ({@code drey.adapter=knative} or {@code lambda}).
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
        LoggedEvent event;
        try {
            event = codec.decode(record);
        } catch (RecordCodecException e) {
            RecordFailure f = new RecordFailure(record.topic() + "-" + record.partition() + "@" + record.offset(),
                    RecordFailure.Stage.DECODE, e.getMessage());
            LOG.log(Level.WARNING, "{0}: record not handled: {1}", new Object[] {runner.function().name(), f});
            return new BatchOutcome(1, 0, java.util.List.of(), java.util.List.of(), java.util.List.of(f));
        }
        BatchOutcome o = runner.run(event);
        for (RecordFailure f : o.failures()) {
            LOG.log(Level.WARNING, "{0}: record not handled: {1}", new Object[] {runner.function().name(), f});
        }
        ColdStart.firstEventHandled(runner.function().name());
        return o;
    }
}
