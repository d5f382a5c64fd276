package dev.drey.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.RecordPosition;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.kv.KvException;
import dev.drey.kv.KvTransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionRunnerTest {
    static final byte[] REPLY_KEY = new byte[32];

    static {
        REPLY_KEY[31] = 3;
    }

    /** Answers kind 1 with a kind 2 addressed to the author; throws on kind 7, like a refused request. */
    static final class Echo implements NostrFunction {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public FunctionResult handle(Event e) {
            if (e.kind() == 7) {
                throw new IllegalArgumentException("malformed request");
            }
            if (e.kind() != 1) {
                return FunctionResult.ignored("kind " + e.kind());
            }
            Event reply = new EventTemplate(e.createdAt(), 2, List.of(List.of("p", e.pubkey())), e.content())
                    .sign(REPLY_KEY, new byte[32]);
            return new FunctionResult(List.of(new OutboxRecord(reply, List.of("wss://relay.example"))), List.of());
        }
    }

    static LoggedEvent logged(int kind, long offset) {
        Event e = MskBatchDecoderTest.event(kind, "c" + offset);
        return new LoggedEvent(e, Instant.EPOCH, new RecordPosition("drey.other", 0, offset));
    }

    @Test
    void runsEveryEventAndReportsEveryFailure() {
        List<List<OutboxRecord>> published = new ArrayList<>();
        FunctionRunner runner = new FunctionRunner(new Echo(), published::add);
        RecordFailure undecodable = new RecordFailure("drey.other-0@0", RecordFailure.Stage.DECODE, "bad key");
        DecodedBatch batch = new DecodedBatch(List.of(logged(1, 1), logged(7, 2), logged(3, 3), logged(1, 4)),
                List.of(undecodable), 5);

        BatchOutcome o = runner.run(batch);

        assertEquals(5, o.records());
        assertEquals(3, o.handled());
        assertEquals(2, o.published().size());
        assertEquals(List.of(o.published()), published);
        assertEquals("c1", o.published().get(0).event().content());
        assertEquals(List.of("drey.other-0@3: kind 3"), o.notes());
        assertEquals(2, o.failures().size());
        assertEquals(undecodable, o.failures().get(0));
        assertEquals("drey.other-0@2", o.failures().get(1).where());
        assertEquals(RecordFailure.Stage.FUNCTION, o.failures().get(1).stage());
        assertTrue(o.failures().get(1).reason().contains("malformed request"));
        assertEquals(new RecordPosition("drey.other", 0, 2), o.failures().get(1).position());
        String json = o.toJson();
        assertTrue(json.startsWith("{\"records\":5,\"handled\":3,\"published\":[\""), json);
        assertTrue(json.contains("{\"record\":\"drey.other-0@0\",\"stage\":\"decode\",\"reason\":\"bad key\"}"), json);
    }

    /** Records the waits instead of sleeping. */
    static final class Waits implements RetryPolicy.Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public void sleep(Duration d) {
            waits.add(d);
        }
    }

    static RetryPolicy policy(Waits waits) {
        return new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250), waits);
    }

    /** Echo behind a KV store that times out {@code failures} times before it answers. */
    static NostrFunction flaky(int[] failures, RuntimeException fault) {
        Echo echo = new Echo();
        return new NostrFunction() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public FunctionResult handle(Event e) {
                if (failures[0]-- > 0) {
                    throw fault;
                }
                return echo.handle(e);
            }
        };
    }

    @Test
    void anUnacknowledgedOutboxIsRetriedThenFailsTheDelivery() {
        Waits waits = new Waits();
        int[] calls = {0};
        FunctionRunner runner = new FunctionRunner(new Echo(), r -> {
            calls[0]++;
            throw new OutboxSink.OutboxException("broker down", null);
        }, DeadLetterSink.OUTCOME_ONLY, policy(waits));
        RedeliverException e = assertThrows(RedeliverException.class, () -> runner.run(logged(1, 1)));
        assertTrue(e.getMessage().contains("broker down"), e.getMessage());
        assertEquals(4, calls[0]);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250)), waits.waits);
    }

    @Test
    void aTransientStoreFailureIsRetriedAndTheRecordHandled() {
        Waits waits = new Waits();
        List<List<OutboxRecord>> published = new ArrayList<>();
        List<RecordFailure> dead = new ArrayList<>();
        FunctionRunner runner = new FunctionRunner(flaky(new int[] {2}, new KvTransientException("redis: timeout")),
                published::add, (f, failures) -> dead.addAll(failures), policy(waits));
        BatchOutcome o = runner.run(logged(1, 1));
        assertEquals(1, o.handled());
        assertEquals(List.of(), o.failures());
        assertEquals(1, published.get(0).size());
        assertEquals(List.of(), dead);
        assertEquals(2, waits.waits.size());
    }

    @Test
    void aPersistentTransientFailureFailsTheDeliveryWithoutSkippingOrPublishing() {
        List<List<OutboxRecord>> published = new ArrayList<>();
        List<RecordFailure> dead = new ArrayList<>();
        // wrapped by the function: the cause chain decides
        RuntimeException fault = new IllegalStateException("vault", new KvTransientException("dynamodb: throttled"));
        FunctionRunner runner = new FunctionRunner(flaky(new int[] {100}, fault), published::add,
                (f, failures) -> dead.addAll(failures), policy(new Waits()));
        DecodedBatch batch = new DecodedBatch(List.of(logged(1, 1), logged(1, 2)), List.of(), 2);
        RedeliverException e = assertThrows(RedeliverException.class, () -> runner.run(batch));
        assertTrue(e.getMessage().contains("still failing after 4 attempts") && e.getMessage().contains("drey.other-0@1"),
                e.getMessage());
        assertEquals(List.of(), published, "nothing of a failed delivery is published");
        assertEquals(List.of(), dead, "a store outage is not the record's fault");
    }

    @Test
    void aStoreFailureThatRetryingCannotCureFailsTheDeliveryAtOnce() {
        Waits waits = new Waits();
        FunctionRunner runner = new FunctionRunner(flaky(new int[] {1}, new KvException("redis: consume refused:"
                + " appendfsync everysec")), r -> { }, (f, failures) -> { }, policy(waits));
        RedeliverException e = assertThrows(RedeliverException.class, () -> runner.run(logged(1, 1)));
        assertTrue(e.getMessage().contains("not retried"), e.getMessage());
        assertEquals(List.of(), waits.waits);
    }

    @Test
    void badRecordsAreSkippedAndDeadLetteredWithTheirReason() {
        List<RecordFailure> dead = new ArrayList<>();
        List<String> deadFunction = new ArrayList<>();
        List<List<OutboxRecord>> published = new ArrayList<>();
        FunctionRunner runner = new FunctionRunner(new Echo(), published::add, (f, failures) -> {
            deadFunction.add(f);
            dead.addAll(failures);
        }, policy(new Waits()));
        RecordFailure undecodable = new RecordFailure("drey.other-0@0", RecordFailure.Stage.DECODE, "bad key",
                new RecordPosition("drey.other", 0, 0));
        BatchOutcome o = runner.run(new DecodedBatch(List.of(logged(7, 1), logged(1, 2)), List.of(undecodable), 3));
        assertEquals(1, o.handled());
        assertEquals(1, published.get(0).size());
        assertEquals(List.of("echo"), deadFunction);
        assertEquals(o.failures(), dead);
        assertEquals(2, dead.size());
        assertEquals(RecordFailure.Stage.FUNCTION, dead.get(1).stage());
        assertTrue(dead.get(1).reason().contains("malformed request"));
        String envelope = new String(KafkaDeadLetters.envelope("echo", dead.get(1)), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(envelope.startsWith("{\"function\":\"echo\",\"record\":\"drey.other-0@1\",\"topic\":\"drey.other\","
                + "\"partition\":0,\"offset\":1,\"stage\":\"function\",\"reason\":\"echo failed on event "), envelope);
    }

    @Test
    void aDeadLetterTopicThatDoesNotAcknowledgeFailsTheDelivery() {
        FunctionRunner runner = new FunctionRunner(new Echo(), r -> { }, (f, failures) -> {
            throw new OutboxSink.OutboxException("dead-letter append failed", null);
        }, policy(new Waits()));
        assertThrows(RedeliverException.class, () -> runner.run(logged(7, 1)));
    }

    @Test
    void failuresAreClassifiedByTheirCauseChain() {
        assertEquals(FunctionRunner.FailureKind.TRANSIENT, FunctionRunner.classify(new KvTransientException("t")));
        assertEquals(FunctionRunner.FailureKind.TRANSIENT,
                FunctionRunner.classify(new RuntimeException(new java.io.IOException("reset"))));
        assertEquals(FunctionRunner.FailureKind.BACKEND,
                FunctionRunner.classify(new IllegalStateException(new KvException("foreign entry"))));
        assertEquals(FunctionRunner.FailureKind.BAD_RECORD,
                FunctionRunner.classify(new IllegalArgumentException("bad signature")));
    }

    @Test
    void routesToRecipientsRelaysThenDefaults() {
        String alice = "ab".repeat(32);
        RecipientRelays relays = RecipientRelays.parse(List.of(alice + "@wss://alice.example", " ",
                alice + "@ws://alice2.example:7000"), List.of("ws://127.0.0.1:7447"));
        Event e = MskBatchDecoderTest.event(3420, "x");
        assertEquals(List.of("wss://alice.example", "ws://alice2.example:7000", "ws://127.0.0.1:7447"),
                relays.route(e).relays());
        RecipientRelays none = RecipientRelays.parse(List.of(), List.of());
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> none.route(e));
        assertTrue(ex.getMessage().contains("no relay is known for [" + alice + "]"), ex.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> RecipientRelays.parse(List.of(alice + "@https://x"), List.of()));
        assertTrue(bad.getMessage().contains("ws://"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecipientRelays.parse(List.of("nokey"), List.of()));
    }
}
