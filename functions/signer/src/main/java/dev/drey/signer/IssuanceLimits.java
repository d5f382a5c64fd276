package dev.drey.signer;

import java.time.Duration;
import java.util.Set;

/**
 * What a DREY issuance may say: amounts are positive integers up to {@code maxAmount}, the unit is one of
 * {@code units}, and the proof-of-life claim it cites is at most {@code claimMaxAge} old (and at most
 * {@link #CLOCK_SKEW} in the future) when the signer first sees the request.
 */
public record IssuanceLimits(Duration claimMaxAge, long maxAmount, Set<String> units) {
    public static final Duration DEFAULT_CLAIM_MAX_AGE = Duration.ofDays(40);
    public static final long DEFAULT_MAX_AMOUNT = 1000;
    public static final Set<String> DEFAULT_UNITS = Set.of("DREY");
    /** How far a claim's created_at may be ahead of this signer's clock (the PoL service's clock may run fast). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    public static final IssuanceLimits DEFAULTS = new IssuanceLimits(DEFAULT_CLAIM_MAX_AGE, DEFAULT_MAX_AMOUNT,
            DEFAULT_UNITS);

    public IssuanceLimits {
        if (claimMaxAge == null || claimMaxAge.isNegative() || claimMaxAge.isZero()) {
            throw new IllegalArgumentException("issuance limits: the claim's maximum age must be positive");
        }
        if (maxAmount < 1) {
            throw new IllegalArgumentException("issuance limits: the maximum amount must be at least 1");
        }
        if (units == null || units.isEmpty()) {
            throw new IllegalArgumentException("issuance limits: name at least one unit");
        }
        units = Set.copyOf(units);
    }

    /**
     * How long a spent claim is remembered: past that the claim is too old to be accepted anyway (its
     * created_at is at most {@link #CLOCK_SKEW} ahead, and it expires {@code claimMaxAge} after), plus a day.
     */
    public Duration spentClaimKeep() {
        return claimMaxAge.plus(CLOCK_SKEW).plusDays(1);
    }
}
