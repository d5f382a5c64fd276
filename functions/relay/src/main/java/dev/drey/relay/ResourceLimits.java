package dev.drey.relay;

/**
 * Limits that keep one client (or a few) from exhausting the relay's memory, threads or
 * connections. Unlike {@link RelayLimits} they are not published in NIP-11.
 *
 * @param maxConnections               open connections in total; more are refused at the handshake
 * @param maxConnectionsPerAddress     open connections from one remote IP address
 * @param authTimeoutMillis            a connection that has not authenticated (NIP-42) by then is closed
 * @param maxQueuedOutputBytes         answers written but not yet taken by the client; a connection whose
 *                                     backlog passes this is closed (a client that does not read)
 * @param rateLimitedFramesBeforeClose frames refused as rate-limited, in a row, before the connection is
 *                                     closed; each of those is answered, nothing after
 * @param maxQueriesInFlight           REQs of one connection waiting for or running their stored query
 * @param maxScanKeys                  index entries one REQ may read; a REQ that reaches it gets what was
 *                                     found, then EOSE
 */
public record ResourceLimits(int maxConnections, int maxConnectionsPerAddress, long authTimeoutMillis,
        long maxQueuedOutputBytes, int rateLimitedFramesBeforeClose, int maxQueriesInFlight, long maxScanKeys) {

    public static final ResourceLimits DEFAULT = new ResourceLimits(1000, 20, 60_000, 4L * 1024 * 1024, 20, 4,
            100_000);

    public ResourceLimits {
        positive(maxConnections, "max connections");
        positive(maxConnectionsPerAddress, "max connections per address");
        positive(authTimeoutMillis, "auth timeout");
        positive(maxQueuedOutputBytes, "max queued output bytes");
        positive(rateLimitedFramesBeforeClose, "rate-limited frames before close");
        positive(maxQueriesInFlight, "max queries in flight");
        positive(maxScanKeys, "max scan keys");
        if (maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("max connections per address must not exceed max connections");
        }
    }

    private static void positive(long v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1");
        }
    }
}
