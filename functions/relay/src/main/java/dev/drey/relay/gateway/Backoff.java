package dev.drey.relay.gateway;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Bounded exponential back-off with jitter: attempt {@code n} waits between half and all of
 * {@code min(max, initial * 2^n)}, so peers that failed together do not retry together.
 *
 * @param random numbers in [0, 1); injectable so tests get exact delays
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier random) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30),
            () -> ThreadLocalRandom.current().nextDouble());

    public Backoff {
        if (initial == null || max == null || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max");
        }
        if (random == null) {
            throw new IllegalArgumentException("back-off needs a random source");
        }
    }

    /** The wait before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long maxMs = max.toMillis();
        long cap = initial.toMillis();
        for (int i = 0; i < attempt && cap < maxMs; i++) {
            cap *= 2;
        }
        cap = Math.min(cap, maxMs);
        double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(cap / 2 + Math.round(r * (cap - cap / 2)));
    }

    public Backoff withRandom(DoubleSupplier r) {
        return new Backoff(initial, max, r);
    }
}
