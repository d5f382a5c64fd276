package dev.drey.signer;

import java.time.Duration;

/**
 * A policy's answer to a sign request: accepted, or refused with a reason the requester may read. An accepted
 * request may spend a single-use authorisation ({@link #claim}, e.g. a proof-of-life claim): the signer records
 * it atomically before it answers, and refuses a second request citing it.
 */
public record PolicyDecision(boolean accepted, String reason, SingleUse claim) {
    public static final PolicyDecision ACCEPT = new PolicyDecision(true, "", null);

    /** An authorisation that may back one request only; the record of its use is kept {@code keepFor}. */
    public record SingleUse(String id, Duration keepFor) {
        public SingleUse {
            if (id == null || id.isEmpty() || keepFor == null || keepFor.isNegative() || keepFor.isZero()) {
                throw new IllegalArgumentException("single-use authorisation: need an id and a positive keep time");
            }
        }
    }

    public PolicyDecision {
        reason = reason == null ? "" : reason;
        if (!accepted && reason.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        if (!accepted && claim != null) {
            throw new IllegalArgumentException("a refusal spends no authorisation");
        }
    }

    public PolicyDecision(boolean accepted, String reason) {
        this(accepted, reason, null);
    }

    public static PolicyDecision refuse(String reason) {
        return new PolicyDecision(false, reason, null);
    }

    /** Accepted, provided {@code claim} was not spent by another request. */
    public static PolicyDecision acceptSpending(SingleUse claim) {
        return new PolicyDecision(true, "", claim);
    }
}
