package dev.drey.crypto.election;

import dev.drey.crypto.Point;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public side of a threshold election key (from its own DKG run): K, the threshold t and every trustee's
 * public share K_i = s_i·G by trustee index (1-based, the DKG's participant identifiers).
 */
public record ElectionKey(Point publicKey, int threshold, Map<Integer, Point> publicShares) {
    public ElectionKey {
        ElGamalCiphertext.requireKey(publicKey);
        if (publicShares == null || threshold < 1 || threshold > publicShares.size()) {
            throw new ElectionException("election key: threshold " + threshold + " not within 1.."
                    + (publicShares == null ? 0 : publicShares.size()));
        }
        for (Map.Entry<Integer, Point> e : publicShares.entrySet()) {
            if (e.getKey() == null || e.getKey() < 1 || e.getValue() == null || e.getValue().isInfinity()) {
                throw new ElectionException("election key: trustee " + e.getKey() + " has no valid public share");
            }
        }
        publicShares = Collections.unmodifiableMap(new TreeMap<>(publicShares));
    }
}
