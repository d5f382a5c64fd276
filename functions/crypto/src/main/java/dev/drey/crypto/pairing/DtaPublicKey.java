package dev.drey.crypto.pairing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The public side of a t-of-n sharing of the master secret: Feldman commitments C_k = a_k·P in G1
 * (C_0 = s·P). Miner i's public share is s_i·P = Σ C_k·i^k. Nothing here lies in G2: a multiple of s
 * in G2 would let a token thief test PINs offline.
 */
public record DtaPublicKey(PairingCurve curve, List<byte[]> commitments) {
    public DtaPublicKey {
        if (curve == null || commitments == null || commitments.isEmpty()) {
            throw new PairingException("DTA public key: curve and at least one commitment required");
        }
        List<byte[]> copy = new ArrayList<>(commitments.size());
        for (int k = 0; k < commitments.size(); k++) {
            curve.g1().validate(commitments.get(k), "DTA commitment " + k);
            copy.add(commitments.get(k).clone());
        }
        commitments = List.copyOf(copy);
    }

    public int threshold() {
        return commitments.size();
    }

    /** s·P. */
    public byte[] groupKey() {
        return commitments.get(0).clone();
    }

    /** s_i·P for miner {@code index}. */
    public byte[] publicShare(int index) {
        if (index < 1) {
            throw new PairingException("share index must be at least 1");
        }
        BigInteger x = BigInteger.valueOf(index);
        BigInteger[] powers = new BigInteger[commitments.size()];
        BigInteger p = BigInteger.ONE;
        for (int k = 0; k < powers.length; k++) {
            powers[k] = p;
            p = p.multiply(x).mod(curve.order());
        }
        return curve.g1().linearCombination(commitments.toArray(byte[][]::new), powers);
    }

    /** Sum of several dealers' commitments (the DKG's joint key). */
    public static DtaPublicKey sum(PairingCurve curve, List<DtaPublicKey> parts) {
        int t = parts.get(0).threshold();
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < t; k++) {
            byte[][] pts = new byte[parts.size()][];
            BigInteger[] ones = new BigInteger[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).threshold() != t) {
                    throw new PairingException("DTA commitments: dealers disagree on the threshold");
                }
                pts[i] = parts.get(i).commitments().get(k);
                ones[i] = BigInteger.ONE;
            }
            out.add(curve.g1().linearCombination(pts, ones));
        }
        return new DtaPublicKey(curve, out);
    }
}
