package dev.drey.crypto.bls;

import dev.drey.crypto.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * drand's {@code bls-unchained-g1-rfc9380} scheme (the "quicknet" scheme): signatures in G1 (48 bytes),
 * the group public key in G2 (96 bytes), the message of round r is SHA-256 of r as 8 big-endian bytes,
 * hashed to G1 by RFC 9380 under {@link #DST}; the round's randomness is SHA-256 of the signature.
 */
public final class BeaconScheme {
    public static final String ID = "bls-unchained-g1-rfc9380";
    public static final String DST_STRING = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";
    static final byte[] DST = DST_STRING.getBytes(StandardCharsets.US_ASCII);

    private BeaconScheme() {
    }

    /** SHA-256(round as 8 big-endian bytes): what the chain signs for {@code round}. */
    public static byte[] roundMessage(long round) {
        if (round < 1) {
            throw new BlsException("round: must be at least 1");
        }
        return Bytes.sha256(be64(round));
    }

    static byte[] be64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    /** H(m) for round r: the G1 point a round's signature is the group secret times. */
    public static G1Point roundPoint(long round) {
        return HashToCurve.hashToG1(roundMessage(round), DST);
    }

    /** randomness = SHA-256(the 48-byte compressed signature). */
    public static byte[] randomness(G1Point signature) {
        return Bytes.sha256(signature.toBytes());
    }

    /** A plain (non-threshold) signature of a round, for tests and single-key chains. */
    public static G1Point sign(java.math.BigInteger secret, long round) {
        return roundPoint(round).mulSecret(secret);
    }
}
