package dev.drey.relay;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Token buckets per key, shared by all connections of one relay. Full buckets carry no
 * information, so they are dropped when the map grows: its size stays bounded by the keys
 * that were active recently.
 */
public final class KeyedRateLimiter {
    private static final int SWEEP_ABOVE = 10_000;
    private final RateLimit limit;
    private final Map<String, TokenBucket> buckets = new HashMap<>();

    public KeyedRateLimiter(RateLimit limit) {
        this.limit = limit;
    }

    public RateLimit limit() {
        return limit;
    }

    public synchronized boolean tryTake(String key, long nowMillis) {
        if (buckets.size() > SWEEP_ABOVE) {
            for (Iterator<TokenBucket> it = buckets.values().iterator(); it.hasNext(); ) {
                if (it.next().isFull(nowMillis)) {
                    it.remove();
                }
            }
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(limit, nowMillis)).tryTake(nowMillis);
    }
}
