package dev.drey.crypto.bls;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public side of a t-of-n threshold BLS key: the group key in G2 (what clients verify beacons and VRF
 * outputs with), the threshold t, and each miner's verification share v_i = s_i·g1 in G1 (what partial
 * proofs are checked against, without pairings). The group key's Miller-loop lines are computed once.
 */
public final class BlsGroupKey {
    private final int threshold;
    private final G2Point publicKey;
    private final Map<Integer, G1Point> verificationShares;
    private final Bls12381.PreparedG2 prepared;

    public BlsGroupKey(int threshold, G2Point publicKey, Map<Integer, G1Point> verificationShares) {
        if (threshold < 1 || verificationShares == null || verificationShares.size() < threshold) {
            throw new BlsException("group key: need a threshold of at least 1 and at least that many verification shares");
        }
        for (Map.Entry<Integer, G1Point> e : verificationShares.entrySet()) {
            if (e.getKey() == null || e.getKey() < 1 || e.getValue() == null || e.getValue().isIdentity()) {
                throw new BlsException("group key: verification share " + e.getKey() + " must be a non-identity G1 point at an index of at least 1");
            }
        }
        this.threshold = threshold;
        this.publicKey = publicKey;
        this.verificationShares = Collections.unmodifiableMap(new TreeMap<>(verificationShares));
        this.prepared = new Bls12381.PreparedG2(publicKey);
    }

    public int threshold() {
        return threshold;
    }

    public G2Point publicKey() {
        return publicKey;
    }

    public Map<Integer, G1Point> verificationShares() {
        return verificationShares;
    }

    public G1Point verificationShare(int index) {
        G1Point v = verificationShares.get(index);
        if (v == null) {
            throw new BlsException("partial signature from index " + index + ": no such share in the group");
        }
        return v;
    }

    Bls12381.PreparedG2 prepared() {
        return prepared;
    }
}
