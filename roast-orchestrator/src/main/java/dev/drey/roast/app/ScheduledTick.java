package dev.drey.roast.app;

import dev.drey.nostr.JsonWriter;
import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.InboundException;
import dev.drey.runtime.JsonTree;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic tick ({@code NostrFunction#tick}) as a scheduler outside the process delivers it on Lambda
 * (an EventBridge scheduled event, {@code "source":"aws.events"}, {@code "detail-type":"Scheduled Event"})
 * and on Knative (a PingSource CloudEvent, {@code ce-type: dev.knative.sources.ping}). The tick's time is
 * the event's own ({@code time}, {@code ce-time}), not the host clock's, so a retried delivery ticks at the
 * same instant (the functions' ticks are idempotent) and the adapters are testable with a fixed clock.
 *
 * <p>The host clock only bounds it: a time more than {@value #MAX_AHEAD_SECONDS} s ahead of the host clock
 * is refused. A tick from the future would fail every ROAST run whose deadline had not come yet, so whoever
 * can reach the endpoint must not be able to choose it; a time in the past can only do less than the next
 * tick will (deadlines at or before it).
 */
final class ScheduledTick {
    /** The CloudEvent type a Knative PingSource sends. */
    static final String PING_TYPE = "dev.knative.sources.ping";
    /** How far ahead of the host clock a scheduler's time may be (clock skew). */
    static final long MAX_AHEAD_SECONDS = 120;
    /** An EventBridge scheduled event is a few hundred bytes; larger payloads are only read as MSK batches. */
    static final int MAX_SCHEDULED_EVENT_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(ScheduledTick.class.getName());

    private ScheduledTick() {
    }

    /**
     * The tick time (epoch seconds) of {@code payload} if it is an EventBridge scheduled event; empty if it
     * is anything else (an MSK batch, or something the MSK decoder will refuse).
     *
     * @throws InboundException if it is a scheduled event whose {@code time} is missing, not an ISO-8601
     *     instant or too far ahead of {@code clock}
     */
    static Optional<Long> eventBridgeTime(byte[] payload, Clock clock) {
        if (payload == null || payload.length > MAX_SCHEDULED_EVENT_BYTES) {
            return Optional.empty();
        }
        Object root;
        try {
            root = JsonTree.parse(payload, "Lambda payload");
        } catch (InboundException e) {
            return Optional.empty(); // not JSON: the MSK decoder refuses it with its own reason
        }
        if (!(root instanceof Map<?, ?> m) || !"aws.events".equals(m.get("source"))
                || !"Scheduled Event".equals(m.get("detail-type"))) {
            return Optional.empty();
        }
        if (!(m.get("time") instanceof String time)) {
            throw new InboundException("EventBridge scheduled event " + m.get("id") + ": \"time\" must be an ISO-8601 instant");
        }
        return Optional.of(checked(time, clock, "EventBridge scheduled event " + m.get("id") + ": \"time\""));
    }

    /**
     * The tick time (epoch seconds) of a PingSource CloudEvent's {@code ce-time}.
     *
     * @throws InboundException if it is missing, not an RFC 3339 instant or too far ahead of {@code clock}
     */
    static long pingTime(String ceTime, String ceId, Clock clock) {
        if (ceTime == null || ceTime.isBlank()) {
            throw new InboundException("PingSource CloudEvent " + ceId + ": header ce-time is missing");
        }
        return checked(ceTime.strip(), clock, "PingSource CloudEvent " + ceId + ": ce-time");
    }

    private static long checked(String time, Clock clock, String what) {
        Instant t;
        try {
            t = Instant.parse(time);
        } catch (DateTimeException e) {
            throw new InboundException(what + " is not an ISO-8601 instant: '" + time + "'");
        }
        Instant limit = clock.instant().plus(Duration.ofSeconds(MAX_AHEAD_SECONDS));
        if (t.isAfter(limit)) {
            throw new InboundException(what + " " + t + " is more than " + MAX_AHEAD_SECONDS
                    + " s ahead of this host's clock (" + clock.instant() + "): refused, a tick from the future"
                    + " would fail runs before their deadline");
        }
        return t.getEpochSecond();
    }

    /** Runs the tick at {@code now}, logging its notes; whatever the runner throws propagates. */
    static BatchOutcome run(FunctionRunner runner, long now) {
        BatchOutcome o = runner.tick(now);
        for (String note : o.notes()) {
            LOG.log(Level.WARNING, "{0}: tick at {1}: {2}", new Object[] {runner.function().name(), Long.toString(now), note});
        }
        return o;
    }

    /** The reply: {@code {"tick":<epoch seconds>,"published":[<event ids>]}}. */
    static String summary(long now, BatchOutcome o) {
        JsonWriter w = new JsonWriter();
        w.raw('{').string("tick").raw(':').number(now);
        w.raw(',').string("published").raw(':').stringArray(o.published().stream().map(r -> r.event().id()).toList());
        return w.raw('}').toString();
    }
}
