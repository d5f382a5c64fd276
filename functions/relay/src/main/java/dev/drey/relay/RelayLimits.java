package dev.drey.relay;

/**
 * Every limit the relay enforces; all are published in the NIP-11 document.
 *
 * @param maxMessageBytes        largest client frame, in UTF-8 bytes
 * @param maxEventTags           most tags on one event
 * @param maxContentLength       longest event content, in Unicode code points
 * @param maxSubscriptions       open subscriptions per connection
 * @param maxFilters             filters in one REQ
 * @param maxLimit               a filter's {@code limit} is clamped to this
 * @param defaultLimit           the limit used when a filter gives none
 * @param createdAtPastSeconds   events of other kinds older than now minus this are refused (7 days by
 *                               default: NIP-59 gift wraps backdate created_at by up to 2 days)
 * @param createdAtFutureSeconds events of other kinds newer than now plus this are refused
 * @param protocolCreatedAtPastSeconds   federation protocol events (kinds 3400–3499) older than now
 *                               minus this are refused (15 minutes by default: a captured protocol
 *                               message cannot be replayed later)
 * @param protocolCreatedAtFutureSeconds federation protocol events newer than now plus this are refused
 * @param perConnection          messages per connection (every message but CLOSE)
 * @param perKey                 events per author key, across connections
 * @param catchUpTimeoutMillis   how long a REQ waits for the index to reach acknowledged writes
 */
public record RelayLimits(int maxMessageBytes, int maxEventTags, int maxContentLength, int maxSubscriptions,
        int maxFilters, int maxLimit, int defaultLimit, long createdAtPastSeconds, long createdAtFutureSeconds,
        long protocolCreatedAtPastSeconds, long protocolCreatedAtFutureSeconds, RateLimit perConnection, RateLimit perKey, long catchUpTimeoutMillis) {

    public static final RelayLimits DEFAULT = new RelayLimits(128 * 1024, 2000, 100_000, 50, 20, 5000, 500,
            7L * 24 * 3600, 900, 900, 900, new RateLimit(500, 1000), new RateLimit(1000, 2000), 5000);

    public RelayLimits {
        positive(maxMessageBytes, "max message bytes");
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("max message bytes must be at least 1024");
        }
        positive(maxEventTags, "max event tags");
        positive(maxContentLength, "max content length");
        positive(maxSubscriptions, "max subscriptions");
        positive(maxFilters, "max filters");
        positive(maxLimit, "max limit");
        positive(defaultLimit, "default limit");
        if (defaultLimit > maxLimit) {
            throw new IllegalArgumentException("default limit must not exceed max limit");
        }
        if (createdAtPastSeconds < 0 || createdAtFutureSeconds < 0 || protocolCreatedAtPastSeconds < 0
                || protocolCreatedAtFutureSeconds < 0) {
            throw new IllegalArgumentException("created_at window must not be negative");
        }
        if (perConnection == null || perKey == null) {
            throw new IllegalArgumentException("rate limits must be given");
        }
        if (catchUpTimeoutMillis < 1) {
            throw new IllegalArgumentException("catch-up timeout must be positive");
        }
    }

    private static void positive(long v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1");
        }
    }
}
