package dev.drey.crypto.pairing;

import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ROM;

/**
 * Membership of a BLS12-381 curve point in G1, the order-r subgroup of E(Fp), by the endomorphism test
 * (Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly curves", 2021):
 * with φ(x, y) = (β·x, y), β AMCL's cube root of unity {@code CURVE_Cru}, a point P of E(Fp) is in G1 iff
 * φ(P) = −u²·P, u the curve's (negative) BLS parameter. u² has 128 bits and |u| = 0xd201000000010000 only
 * six set bits, so the test costs two 64-bit double-and-add chains (126 doublings, 10 additions) instead
 * of a 255-bit multiplication by r, on the own field arithmetic ({@link Bls381G1#contains}).
 * {@code Bls381SubgroupTest} checks it against {@link #byOrder} on
 * G1 points, random points of E(Fp) and points with a component of each prime order dividing the cofactor.
 */
final class Bls381Subgroup {
    private static final long ABS_U = Bls381G1.ABS_U;
    private static final BIG R = new BIG(ROM.CURVE_Order);

    static {
        if (new BIG(ROM.CURVE_Bnx).nbits() != 64 || BIG.comp(new BIG(ROM.CURVE_Bnx), fromLong(ABS_U)) != 0
                || ECP.SIGN_OF_X != ECP.NEGATIVEX) {
            throw new IllegalStateException("the G1 membership test assumes AMCL's BLS381 parameter u");
        }
    }

    private Bls381Subgroup() {
    }

    /** Whether {@code p} (a point of E(Fp), possibly projective) lies in G1; the identity does. */
    static boolean contains(ECP p) {
        return p.is_infinity() || new Bls381G1().contains(Bls381G1.affine(p));
    }

    /** The definition: r·P = O (a full 255-bit multiplication); the reference the fast test is tested against. */
    static boolean byOrder(ECP p) {
        return p.mul(R).is_infinity();
    }

    private static BIG fromLong(long v) {
        byte[] b = new byte[BIG.MODBYTES];
        for (int i = 0; i < 8; i++) {
            b[b.length - 1 - i] = (byte) (v >>> (8 * i));
        }
        return BIG.fromBytes(b);
    }
}
