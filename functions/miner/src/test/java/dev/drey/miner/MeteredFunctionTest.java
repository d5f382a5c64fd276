package dev.drey.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.metrics.CountingMetrics;
import dev.drey.runtime.metrics.DreyMetric;
import dev.drey.runtime.metrics.DreyMetrics;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Domain events are read off what a function publishes, each counted once however often it is re-sent. */
class MeteredFunctionTest {
    private static final byte[] KEY = new byte[32];

    static {
        KEY[31] = 5;
    }

    static OutboxRecord out(int kind, List<List<String>> tags) {
        Event e = new EventTemplate(1_700_000_000L, kind, tags, "{\"v\":1}").sign(KEY, new byte[32]);
        return new OutboxRecord(e, List.of("wss://relay.example"));
    }

    @Test
    void sharesIssuedAndRefusedAreCountedOnceByShareAndReason() {
        List<OutboxRecord> answers = List.of(
                out(ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, List.of(List.of("p", "ab".repeat(32)))),
                out(ProtocolKinds.DTA_TIME_PERMIT_RESPONSE, List.of(List.of("error", "expired"))),
                out(ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE, List.of(List.of("error", "not-a-reason-code"))),
                out(ProtocolKinds.SESSION_START, List.of()));
        NostrFunction core = new NostrFunction() {
            @Override
            public String name() {
                return "dta-function";
            }

            @Override
            public FunctionResult handle(Event event) {
                return new FunctionResult(answers, List.of());
            }
        };
        CountingMetrics metrics = new CountingMetrics();
        NostrFunction metered = MeteredFunction.of(core, metrics, Clock.systemUTC());
        Event input = answers.get(0).event();

        assertEquals(core.handle(input), metered.handle(input), "what the function makes is passed on unchanged");
        metered.handle(input); // a redelivery re-sends the very same events

        assertEquals(1, metrics.count(DreyMetric.SHARES_ISSUED, "client-secret"));
        assertEquals(1, metrics.count(DreyMetric.SHARES_REFUSED, "time-permit", "expired"));
        assertEquals(1, metrics.count(DreyMetric.SHARES_REFUSED, "server-secret", DreyMetric.OTHER));
        assertEquals(1, metrics.count(DreyMetric.ROAST_SESSIONS_STARTED));
        assertEquals(4, metrics.snapshot().values().stream().mapToLong(Long::longValue).sum());
        assertSame(core, MeteredFunction.of(core, DreyMetrics.NONE, Clock.systemUTC()), "no metrics, no wrapper");
    }
}
