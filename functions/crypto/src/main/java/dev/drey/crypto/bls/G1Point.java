package dev.drey.crypto.bls;

import dev.drey.crypto.Hex;
import dev.drey.crypto.pairing.Bls381Kernels;
import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.PAIR;

/**
 * An immutable point of G1 of BLS12-381 (y² = x³ + 4 over GF(p)), the identity included, with the ZCash
 * compressed encoding of 48 bytes (the encoding of drand, noble and the IETF BLS signature draft). Every
 * instance is in the order-r subgroup: {@link #fromBytes} checks it, and the operations keep it.
 * AMCL's mutable {@link ECP} stays inside.
 */
public final class G1Point {
    public static final int BYTES = 48;
    private static final G1Point GENERATOR = new G1Point(ECP.generator());
    private static final G1Point IDENTITY = new G1Point(new ECP());
    private static final BigInteger FOUR = BigInteger.valueOf(4);

    private final ECP p;

    private G1Point(ECP p) {
        p.affine();
        this.p = p;
    }

    /** Wraps a point already known to be in G1 (the caller's promise); the point is copied. */
    static G1Point ofTrusted(ECP p) {
        return new G1Point(new ECP(p));
    }

    public static G1Point generator() {
        return GENERATOR;
    }

    public static G1Point identity() {
        return IDENTITY;
    }

    /** A copy of the AMCL point, for this package's arithmetic. */
    ECP ecp() {
        return new ECP(p);
    }

    public boolean isIdentity() {
        return p.is_infinity();
    }

    public G1Point add(G1Point o) {
        ECP r = new ECP(p);
        r.add(o.p);
        return new G1Point(r);
    }

    public G1Point negate() {
        ECP r = new ECP(p);
        r.neg();
        return new G1Point(r);
    }

    /** k·P for a public scalar k (any sign or size; taken mod r), by AMCL's GLV method. */
    public G1Point mul(BigInteger k) {
        BigInteger e = k.mod(Bls12381.ORDER);
        if (e.signum() == 0 || p.is_infinity()) {
            return IDENTITY;
        }
        return new G1Point(PAIR.G1mul(new ECP(p), Fp.big(e)));
    }

    /**
     * k·P for a secret scalar k in [1, r): AMCL's {@code ECP.mul}, a fixed-length signed 4-bit window whose
     * table look-ups are constant-time moves, so neither the branches nor the memory accesses follow k.
     */
    public G1Point mulSecret(BigInteger k) {
        if (k.signum() <= 0 || k.compareTo(Bls12381.ORDER) >= 0) {
            throw new BlsException("secret scalar: must be in [1, r)");
        }
        return new G1Point(new ECP(p).mul(Fp.big(k)));
    }

    /** The 48-byte ZCash compressed encoding: x with flags compressed (0x80), infinity (0x40), y sign (0x20). */
    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        if (p.is_infinity()) {
            out[0] = (byte) 0xc0;
            return out;
        }
        Fp.toBytes(Fp.toBigInteger(p.getX()), out, 0);
        out[0] |= (byte) 0x80;
        if (Fp.toBigInteger(p.getY()).compareTo(Fp.HALF) > 0) {
            out[0] |= 0x20;
        }
        return out;
    }

    public String toHex() {
        return Hex.encode(toBytes());
    }

    /**
     * Decodes a 48-byte ZCash compressed point, refusing every other form: the compression flag must be
     * set; the identity must be exactly {@code c0 00..00}; x must be below p, on the curve, and the point
     * in G1. The identity is accepted here; callers that must not see it ({@link #fromBytesNonIdentity}) say so.
     */
    public static G1Point fromBytes(byte[] b) {
        if (b == null || b.length != BYTES) {
            throw new BlsException("G1 point: expected " + BYTES + " bytes");
        }
        int flags = b[0] & 0xe0;
        if ((flags & 0x80) == 0) {
            throw new BlsException("G1 point: not in compressed form");
        }
        if ((flags & 0x40) != 0) {
            if (flags != 0xc0 || !restIsZero(b)) {
                throw new BlsException("G1 point: non-canonical encoding of the identity");
            }
            return IDENTITY;
        }
        byte[] xb = b.clone();
        xb[0] &= 0x1f;
        BigInteger x = Fp.fromCanonical(xb, 0, "G1 point");
        BigInteger y = Fp.sqrt(Fp.add(x.pow(3).mod(Fp.P), FOUR));
        if (y == null) {
            throw new BlsException("G1 point: x is not on the curve");
        }
        boolean large = (flags & 0x20) != 0;
        if ((y.compareTo(Fp.HALF) > 0) != large) {
            y = Fp.neg(y);
        }
        ECP q = new ECP(Fp.big(x), Fp.big(y));
        if (q.is_infinity() || !Bls381Kernels.inG1(q)) {
            throw new BlsException("G1 point: not in the order-r subgroup");
        }
        return new G1Point(q);
    }

    /** {@link #fromBytes} refusing the identity (signatures, partials, verification shares). */
    public static G1Point fromBytesNonIdentity(byte[] b, String what) {
        G1Point q;
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

    public static G1Point fromHex(String hex) {
        return fromBytes(Bls12381.hexBytes(hex, BYTES, "G1 point"));
    }

    private static boolean restIsZero(byte[] b) {
        int acc = b[0] & 0x1f;
        for (int i = 1; i < b.length; i++) {
            acc |= b[i];
        }
        return acc == 0;
    }

    /** From affine coordinates (hash-to-curve output); refused unless on the curve. Subgroup not checked. */
    static ECP onCurve(BigInteger x, BigInteger y) {
        ECP q = new ECP(Fp.big(x), Fp.big(y));
        if (q.is_infinity()) {
            throw new IllegalStateException("hash to curve left the curve");
        }
        return q;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof G1Point g && new ECP(p).equals(g.p);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "G1Point[" + toHex() + "]";
    }

    static BIG scalar(BigInteger k) {
        return Fp.big(k);
    }
}
