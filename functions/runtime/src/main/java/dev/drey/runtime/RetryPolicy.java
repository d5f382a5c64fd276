package dev.drey.runtime;

import java.time.Duration;

/**
 * How often and how patiently the runner retries a step that failed for a reason that may pass (a KV
 * timeout or throttle, an outbox not acknowledged) before it fails the delivery: {@code attempts} tries in
 * all, waiting {@code firstBackoff}, then twice as long each time, at most {@code maxBackoff}. The waiting
 * goes through {@link Sleeper}, so tests run it without real time.
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {

    /** Waits between attempts (Thread.sleep in production). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** 5 attempts, 200 ms doubling to at most 3 s: about 5 s of trying before the delivery fails. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(3),
            d -> Thread.sleep(d.toMillis()));

    public RetryPolicy {
        if (attempts < 1 || attempts > 100) {
            throw new IllegalArgumentException("retry policy: attempts must be 1 to 100, was " + attempts);
        }
        if (firstBackoff == null || maxBackoff == null || sleeper == null || firstBackoff.isNegative()
                || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("retry policy: backoffs must satisfy 0 <= first <= max, and a sleeper"
                    + " is required");
        }
    }

    /** The wait after failed attempt {@code n} (1-based). */
    Duration backoffAfter(int n) {
        Duration d = firstBackoff;
        for (int i = 1; i < n && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /** The same policy with another sleeper (tests). */
    public RetryPolicy withSleeper(Sleeper s) {
        return new RetryPolicy(attempts, firstBackoff, maxBackoff, s);
    }
}
