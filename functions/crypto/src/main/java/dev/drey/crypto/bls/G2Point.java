package dev.drey.crypto.bls;

import dev.drey.crypto.Hex;
import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP2;

/**
 * An immutable point of G2 of BLS12-381 (on the twist y² = x³ + 4(1 + i) over GF(p²)), the identity
 * included, with the ZCash compressed encoding of 96 bytes: x as c1 || c0, flags in the first byte as for
 * {@link G1Point}, and the sign of y taken on c1, or on c0 when c1 = 0. Every instance is in the order-r
 * subgroup ({@link #fromBytes} checks r·Q = O, a full multiplication: G2 points come in rarely, as group keys).
 */
public final class G2Point {
    public static final int BYTES = 96;
    private static final G2Point GENERATOR = new G2Point(ECP2.generator());
    private static final G2Point IDENTITY = new G2Point(new ECP2());

    private final ECP2 q;

    private G2Point(ECP2 q) {
        q.affine();
        this.q = q;
    }

    public static G2Point generator() {
        return GENERATOR;
    }

    public static G2Point identity() {
        return IDENTITY;
    }

    ECP2 ecp2() {
        return new ECP2(q);
    }

    public boolean isIdentity() {
        return q.is_infinity();
    }

    public G2Point add(G2Point o) {
        ECP2 r = new ECP2(q);
        r.add(o.q);
        return new G2Point(r);
    }

    public G2Point negate() {
        ECP2 r = new ECP2(q);
        r.neg();
        return new G2Point(r);
    }

    /** k·Q for a public scalar (taken mod r). */
    public G2Point mul(BigInteger k) {
        BigInteger e = k.mod(Bls12381.ORDER);
        if (e.signum() == 0 || q.is_infinity()) {
            return IDENTITY;
        }
        return new G2Point(new ECP2(q).mul(Fp.big(e)));
    }

    /** k·Q for a secret scalar in [1, r): AMCL's {@code ECP2.mul}, a fixed window with constant-time look-ups. */
    public G2Point mulSecret(BigInteger k) {
        if (k.signum() <= 0 || k.compareTo(Bls12381.ORDER) >= 0) {
            throw new BlsException("secret scalar: must be in [1, r)");
        }
        return new G2Point(new ECP2(q).mul(Fp.big(k)));
    }

    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        if (q.is_infinity()) {
            out[0] = (byte) 0xc0;
            return out;
        }
        FP2 x = q.getX();
        Fp.toBytes(Fp.toBigInteger(x.getB()), out, 0);
        Fp.toBytes(Fp.toBigInteger(x.getA()), out, Fp.BYTES);
        out[0] |= (byte) 0x80;
        if (isLarge(q.getY())) {
            out[0] |= 0x20;
        }
        return out;
    }

    public String toHex() {
        return Hex.encode(toBytes());
    }

    /** The lexicographic sign of the IETF/ZCash encoding: c1 > (p−1)/2, or c0 > (p−1)/2 when c1 = 0. */
    private static boolean isLarge(FP2 y) {
        BigInteger c0 = Fp.toBigInteger(y.getA());
        BigInteger c1 = Fp.toBigInteger(y.getB());
        return c1.signum() != 0 ? c1.compareTo(Fp.HALF) > 0 : c0.compareTo(Fp.HALF) > 0;
    }

    /**
     * Decodes a 96-byte ZCash compressed point, refusing every other form (flags as {@link G1Point#fromBytes};
     * both halves of x below p; on the twist; in the order-r subgroup). The identity is accepted here.
     */
    public static G2Point fromBytes(byte[] b) {
        if (b == null || b.length != BYTES) {
            throw new BlsException("G2 point: expected " + BYTES + " bytes");
        }
        int flags = b[0] & 0xe0;
        if ((flags & 0x80) == 0) {
            throw new BlsException("G2 point: not in compressed form");
        }
        if ((flags & 0x40) != 0) {
            int acc = b[0] & 0x1f;
            for (int i = 1; i < b.length; i++) {
                acc |= b[i];
            }
            if (flags != 0xc0 || acc != 0) {
                throw new BlsException("G2 point: non-canonical encoding of the identity");
            }
            return IDENTITY;
        }
        byte[] xb = b.clone();
        xb[0] &= 0x1f;
        BigInteger c1 = Fp.fromCanonical(xb, 0, "G2 point");
        BigInteger c0 = Fp.fromCanonical(xb, Fp.BYTES, "G2 point");
        ECP2 p = new ECP2(new FP2(Fp.big(c0), Fp.big(c1)));
        if (p.is_infinity()) {
            throw new BlsException("G2 point: x is not on the twist");
        }
        p.affine();
        if (isLarge(p.getY()) != ((flags & 0x20) != 0)) {
            p.neg();
        }
        if (!new ECP2(p).mul(Fp.big(Bls12381.ORDER)).is_infinity()) {
            throw new BlsException("G2 point: not in the order-r subgroup");
        }
        return new G2Point(p);
    }

    /** {@link #fromBytes} refusing the identity (public keys). */
    public static G2Point fromBytesNonIdentity(byte[] b, String what) {
        G2Point q;
        try {
            q = fromBytes(b);
        } catch (BlsException e) {
            throw new BlsException(what + ": " + e.getMessage());
        }
        if (q.isIdentity()) {
            throw new BlsException(what + ": the identity point");
        }
        return q;
    }

    public static G2Point fromHex(String hex) {
        return fromBytes(Bls12381.hexBytes(hex, BYTES, "G2 point"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof G2Point g && new ECP2(q).equals(g.q);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "G2Point[" + toHex() + "]";
    }
}
