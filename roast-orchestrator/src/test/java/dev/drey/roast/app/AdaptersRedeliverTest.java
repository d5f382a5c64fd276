package dev.drey.roast.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.EventRecordCodec;
import dev.drey.kafka.RecordPosition;
import dev.drey.kv.KvTransientException;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.MskJson;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecordFailure;
import dev.drey.runtime.RedeliverException;
import dev.drey.runtime.RetryPolicy;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Every adapter refuses to acknowledge a delivery the runner could not finish (the KV store down past the
 * retries) and dead-letters the records that can never be handled, instead of skipping either silently.
 */
class AdaptersRedeliverTest {
    private static final Instant RECEIVED = Instant.ofEpochMilli(1_760_000_000_500L);
    private static final byte[] KEY = new byte[32];

    static {
        KEY[31] = 5;
    }

    /** A function whose KV store is down (kind 1) and that refuses kind 7. */
    static final class StoreDown implements NostrFunction {
        int calls;

        @Override
        public String name() {
            return "store-down";
        }

        @Override
        public FunctionResult handle(Event e) {
            calls++;
            if (e.kind() == 7) {
                throw new IllegalArgumentException("refused: kind 7");
            }
            throw new KvTransientException("redis: no reply from redis://kv:6379 within PT10S");
        }
    }

    final AdaptersAgreeTest.Captured outbox = new AdaptersAgreeTest.Captured();
    final List<RecordFailure> dead = new ArrayList<>();
    final StoreDown function = new StoreDown();
    final FunctionRunner runner = new FunctionRunner(function, outbox, (f, failures) -> dead.addAll(failures),
            new RetryPolicy(3, Duration.ZERO, Duration.ZERO, d -> { }));

    static Event event(int kind) {
        return new EventTemplate(1_760_000_000L, kind, List.of(), "x").sign(KEY, new byte[32]);
    }

    static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> p, long offset) {
        return new ConsumerRecord<>(p.topic(), 0, offset, 0L, TimestampType.CREATE_TIME, -1, -1, p.key(), p.value(),
                p.headers(), Optional.empty());
    }

    @Test
    void theLocalConsumerFailsTheMessageSoItsOffsetIsNotCommitted() {
        ConsumerRecord<byte[], byte[]> r = consumed(new EventRecordCodec().encode("drey.other", event(1), RECEIVED), 4);
        RedeliverException e = assertThrows(RedeliverException.class,
                () -> KafkaConsumerAdapter.process(new EventRecordCodec(), runner, r));
        assertTrue(e.getMessage().contains("still failing after 3 attempts"), e.getMessage());
        assertEquals(3, function.calls);
        assertEquals(List.of(), outbox.records);
        assertEquals(List.of(), dead, "an outage is not the record's fault");
    }

    @Test
    void theLocalConsumerDeadLettersAnUndecodableRecordWithItsPosition() {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("drey.sign", 2, 17, "junk".getBytes(), "{".getBytes());
        BatchOutcome o = KafkaConsumerAdapter.process(new EventRecordCodec(), runner, r);
        assertEquals(1, o.failures().size());
        assertEquals(o.failures(), dead);
        assertEquals(new RecordPosition("drey.sign", 2, 17), dead.get(0).position());
        assertEquals(RecordFailure.Stage.DECODE, dead.get(0).stage());
    }

    @Test
    void theLambdaInvocationFails() {
        String batch = MskJson.batch(List.of(new EventRecordCodec().encode("drey.other", event(1), RECEIVED)), 0, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(RedeliverException.class, () -> new LambdaEntry(runner).handleRequest(
                new ByteArrayInputStream(batch.getBytes(StandardCharsets.UTF_8)), out, null));
        assertEquals(0, out.size(), "no summary: the invocation failed");
        assertEquals(List.of(), outbox.records);
    }

    @Test
    void knativeAnswers503ForAnOutage400And422ForRecordsItDeadLettered() {
        CloudEventResource resource = new CloudEventResource();
        resource.enabled = true; // as drey.adapter=knative sets it
        resource.runner = runner;
        Event down = event(1);
        Response r = resource.receive(new HeaderMap(CloudEvents.headers(down, "drey.other", 0, 1, RECEIVED)),
                down.toJson().getBytes(StandardCharsets.UTF_8));
        assertEquals(503, r.getStatus());
        assertEquals(List.of(), dead);

        Event refused = event(7);
        r = resource.receive(new HeaderMap(CloudEvents.headers(refused, "drey.other", 0, 2, RECEIVED)),
                refused.toJson().getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.getStatus(), String.valueOf(r.getEntity()));
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).reason().contains("refused: kind 7"), dead.get(0).reason());

        r = resource.receive(new HeaderMap(CloudEvents.headers(refused, "drey.other", 0, 3, RECEIVED)),
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.getStatus(), String.valueOf(r.getEntity()));
        assertEquals(2, dead.size());
        assertEquals(RecordFailure.Stage.DECODE, dead.get(1).stage());
        assertEquals(new RecordPosition("drey.other", 0, 3), dead.get(1).position(), "named from the ce- headers");
    }
}
