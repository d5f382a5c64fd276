package dev.drey.pol.protocol;

/**
 * A checked request from the PoL service (kinds 3430, 3432, 3440). {@code identityHash} and
 * {@code appKey} are null for a server-secret request; {@code date} (AMCL day number of the first day of
 * the month) is 0 except for a time-permit request.
 */
public record ShareRequest(int kind, String eventId, String requester, String requestId, String curve,
        byte[] identityHash, String appKey, int date, long expiresAt) {
}
