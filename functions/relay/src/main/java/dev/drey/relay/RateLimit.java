package dev.drey.relay;

/** A token bucket's shape: refilled at {@code perSecond}, holding at most {@code burst} tokens. */
public record RateLimit(double perSecond, int burst) {
    public RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate limit must be a positive number of messages per second");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit burst must be at least 1");
        }
    }
}
