package dev.drey.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.RecordPosition;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionRunnerTest {
    static final byte[] REPLY_KEY = new byte[32];

    static {
        REPLY_KEY[31] = 3;
    }

    /** Answers kind 1 with a kind 2 addressed to the author; throws on kind 7, like a store outage. */
    static final class Echo implements NostrFunction {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public FunctionResult handle(Event e) {
            if (e.kind() == 7) {
                throw new IllegalStateException("store unavailable");
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
        assertTrue(o.failures().get(1).reason().contains("store unavailable"));
        String json = o.toJson();
        assertTrue(json.startsWith("{\"records\":5,\"handled\":3,\"published\":[\""), json);
        assertTrue(json.contains("{\"record\":\"drey.other-0@0\",\"stage\":\"decode\",\"reason\":\"bad key\"}"), json);
    }

    @Test
    void anUnacknowledgedOutboxFailsTheDelivery() {
        FunctionRunner runner = new FunctionRunner(new Echo(), r -> {
            throw new OutboxSink.OutboxException("broker down", null);
        });
        assertThrows(OutboxSink.OutboxException.class, () -> runner.run(logged(1, 1)));
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
