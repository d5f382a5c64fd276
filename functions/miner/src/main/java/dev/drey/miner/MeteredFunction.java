package dev.drey.miner;

import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgMessageException;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.nostr.Event;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.pol.protocol.RefusalReason;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastMessage;
import dev.drey.roast.RoastMessageException;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.metrics.DreyMetric;
import dev.drey.runtime.metrics.DreyMetrics;
import dev.drey.runtime.metrics.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A function whose domain events are counted in {@link DreyMetrics}, read off what it publishes: ROAST session
 * starts and results (completed, or failed at the deadline or by the protocol), DTA and M-Pin shares issued or
 * refused (by {@link RefusalReason}). Each output event is counted once per instance: a redelivered input
 * re-sends the very same events (same ids), which are recognised among the last {@value #REMEMBERED} seen.
 * The time to signature runs from the request reaching this instance to its signature (a request first seen
 * by another instance gives no time). DKG outcomes are counted by {@link DkgFunction}, which sees the result.
 */
final class MeteredFunction implements NostrFunction {
    static final int REMEMBERED = 4096;

    private final NostrFunction function;
    private final DreyMetrics metrics;
    private final Clock clock;
    private final Recent<String, Boolean> counted = new Recent<>();
    private final Recent<String, Instant> requestSeen = new Recent<>();

    private MeteredFunction(NostrFunction function, DreyMetrics metrics, Clock clock) {
        this.function = function;
        this.metrics = metrics;
        this.clock = clock;
    }

    static NostrFunction of(NostrFunction function, DreyMetrics metrics, Clock clock) {
        return metrics == DreyMetrics.NONE ? function : new MeteredFunction(function, metrics, clock);
    }

    @Override
    public String name() {
        return function.name();
    }

    @Override
    public FunctionResult handle(Event event) {
        if (event.kind() == ProtocolKinds.SIGN_REQUEST) {
            requestId(event).ifPresent(id -> requestSeen.putIfAbsent(id, clock.instant()));
        }
        FunctionResult r = function.handle(event);
        observe(r, Labels.ABORTED);
        return r;
    }

    @Override
    public FunctionResult tick(long nowEpochSeconds) {
        FunctionResult r = function.tick(nowEpochSeconds);
        observe(r, Labels.DEADLINE); // the tick fails runs past their deadline, nothing else
        return r;
    }

    private void observe(FunctionResult r, String failure) {
        for (OutboxRecord o : r.outbox()) {
            Event e = o.event();
            if (counted.putIfAbsent(e.id(), Boolean.TRUE) != null) {
                continue;
            }
            switch (e.kind()) {
                case ProtocolKinds.SESSION_START -> metrics.roastSessionStarted();
                case ProtocolKinds.SIGNATURE_RESULT -> result(e, failure);
                case ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE -> share(e, "client-secret");
                case ProtocolKinds.DTA_TIME_PERMIT_RESPONSE -> share(e, "time-permit");
                case ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE -> share(e, "server-secret");
                default -> { }
            }
        }
    }

    private void result(Event e, String failure) {
        RoastMessage m;
        try {
            m = RoastCodec.decode(e);
        } catch (RoastMessageException ex) {
            return; // our own event: cannot happen
        }
        if (m instanceof SignatureResult r) {
            Instant seen = requestSeen.remove(r.requestId());
            if (r.signature() != null) {
                metrics.roastRunCompleted(seen == null ? null : Duration.between(seen, clock.instant()));
            } else {
                metrics.roastRunFailed(failure);
            }
        }
    }

    private void share(Event e, String share) {
        Optional<String> code = DtaMessages.refusalCode(e);
        if (code.isEmpty()) {
            metrics.shareIssued(share);
            return;
        }
        String reason = DreyMetric.OTHER;
        for (RefusalReason known : RefusalReason.values()) {
            if (known.code().equals(code.get())) {
                reason = known.code();
            }
        }
        metrics.shareRefused(share, reason);
    }

    private static Optional<String> requestId(Event e) {
        try {
            return RoastCodec.decode(e) instanceof SignRequest r ? Optional.of(r.requestId()) : Optional.empty();
        } catch (RoastMessageException | IllegalArgumentException ex) {
            return Optional.empty(); // the function itself says why
        }
    }

    /** The DKG run an event belongs to, if it decodes. */
    static Optional<String> dkgRunId(Event e) {
        try {
            return Optional.of(DkgCodec.decode(e).runId());
        } catch (DkgMessageException | IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /** The last {@value #REMEMBERED} entries (an instance's memory for counting once; never a source of truth). */
    static final class Recent<K, V> {
        private final Map<K, V> map = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > REMEMBERED;
            }
        };

        synchronized V putIfAbsent(K key, V value) {
            return map.putIfAbsent(key, value);
        }

        synchronized V remove(K key) {
            return map.remove(key);
        }
    }
}
