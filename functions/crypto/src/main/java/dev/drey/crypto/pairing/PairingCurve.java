package dev.drey.crypto.pairing;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * A Type-3 pairing curve from AMCL: its two groups, scalar field, Milagro's map to G1, M-Pin
 * functions and a pairing-product check. {@link PairingCurves} names the implementations.
 */
public interface PairingCurve {

    /** "bls381", "bn254cx" or "bls383". */
    String id();

    /** EFS: bytes of a field element (and of an identity hash). */
    int fieldBytes();

    /** The prime order r of G1, G2 and GT. */
    BigInteger order();

    PairingGroup g1();

    PairingGroup g2();

    /** Milagro's map of an EFS-byte hash onto G1 (ECP.mapit). */
    byte[] hashToG1(byte[] hash);

    MpinPrimitives mpin();

    /** Whether e(q1, p1)·e(q2, p2) = 1 (q in G2, p in G1), with one shared final exponentiation. */
    boolean pairingProductIsOne(byte[] q1, byte[] p1, byte[] q2, byte[] p2);

    /** A uniform non-zero scalar. */
    default BigInteger randomScalar(SecureRandom rng) {
        BigInteger r = order();
        byte[] wide = new byte[fieldBytes() + 16]; // 128 extra bits: bias of the reduction is negligible
        BigInteger k;
        do {
            rng.nextBytes(wide);
            k = new BigInteger(1, wide).mod(r);
        } while (k.signum() == 0);
        return k;
    }

    /** A scalar as AMCL's fixed-length big-endian bytes (EGS). */
    default byte[] scalarBytes(BigInteger k) {
        byte[] raw = k.mod(order()).toByteArray();
        byte[] out = new byte[mpin().scalarLength()];
        int n = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - n, out, out.length - n, n);
        return out;
    }

    /** A scalar from bytes, which must be exactly EGS long and below r. */
    default BigInteger scalarFromBytes(byte[] b, String what) {
        if (b == null || b.length != mpin().scalarLength()) {
            throw new PairingException(what + ": expected " + mpin().scalarLength() + " bytes");
        }
        BigInteger k = new BigInteger(1, b);
        if (k.compareTo(order()) >= 0) {
            throw new PairingException(what + ": not below the group order");
        }
        return k;
    }
}
