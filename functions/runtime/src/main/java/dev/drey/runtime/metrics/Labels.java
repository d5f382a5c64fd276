package dev.drey.runtime.metrics;

import dev.drey.kafka.ProtocolKinds;
import java.util.LinkedHashSet;
import java.util.Set;

/** The fixed label values of {@link DreyMetric}. */
public final class Labels {
    /** NIP-01 machine-readable prefixes of an {@code OK false}, plus {@code malformed} for frames that do not parse. */
    public static final Set<String> RELAY_REFUSALS = Set.of("invalid", "blocked", "restricted", "auth-required",
            "rate-limited", "duplicate", "error", "pow", "malformed");
    /** Outcomes of one delivered record. */
    public static final String HANDLED = "handled";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";
    public static final Set<String> OUTCOMES = Set.of(HANDLED, SKIPPED, FAILED);
    /** A record that could not be decoded into an event has no kind. */
    public static final String UNDECODABLE = "undecodable";
    /** Every protocol kind (from {@link ProtocolKinds}, the one table), as text, and {@link #UNDECODABLE}. */
    public static final Set<String> KINDS = kinds();
    /** Why a ROAST run failed: its deadline passed, or the protocol ended it (too many malicious signers). */
    public static final String DEADLINE = "deadline";
    public static final String ABORTED = "aborted";
    public static final Set<String> RUN_FAILURES = Set.of(DEADLINE, ABORTED);
    /** How a DKG run ended. */
    public static final String COMPLETED = "completed";
    public static final String TIMED_OUT = "timed_out";
    public static final Set<String> DKG_OUTCOMES = Set.of(COMPLETED, FAILED, TIMED_OUT);
    /** The shares the DTA and M-Pin functions issue. */
    public static final Set<String> SHARES = Set.of("client-secret", "time-permit", "server-secret");

    private Labels() {
    }

    private static Set<String> kinds() {
        Set<String> out = new LinkedHashSet<>();
        for (int k : ProtocolKinds.all().keySet()) {
            out.add(Integer.toString(k));
        }
        out.add(UNDECODABLE);
        return Set.copyOf(out);
    }
}
