package dev.drey.relay;

/** A token bucket driven by the caller's clock (milliseconds); not thread-safe on its own. */
public final class TokenBucket {
    private final RateLimit limit;
    private double tokens;
    private long lastMillis;

    public TokenBucket(RateLimit limit, long nowMillis) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.lastMillis = nowMillis;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowMillis) {
        refill(nowMillis);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** True when the bucket has refilled completely, i.e. forgetting it changes nothing. */
    public boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens >= limit.burst();
    }

    private void refill(long nowMillis) {
        // A clock that steps back must not mint tokens or take them away.
        if (nowMillis > lastMillis) {
            tokens = Math.min(limit.burst(), tokens + (nowMillis - lastMillis) * limit.perSecond() / 1000.0);
            lastMillis = nowMillis;
        }
    }
}
