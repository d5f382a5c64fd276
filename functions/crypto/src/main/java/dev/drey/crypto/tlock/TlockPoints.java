package dev.drey.crypto.tlock;

import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP2;
import org.apache.milagro.amcl.BLS381.ROM;

/**
 * ZCash compressed encodings of BLS12-381 points (48-byte G1, 96-byte G2: flag bits compressed / infinity /
 * y-is-larger in the top three bits, x big-endian, G2's x as c1 || c0), with subgroup checks, on AMCL's BLS381.
 *
 * <p>Private stop-gap: the bls work (branch fix/bls) brings the project's encodings; once it is merged this class
 * should delegate to them. Decoding rejects every non-canonical input (flags, x ≥ p, x off the curve, point
 * outside the order-r subgroup), because U and σ come from files an attacker writes.
 */
final class TlockPoints {
    static final int G1_BYTES = 48;
    static final int G2_BYTES = 96;
    private static final int FP_BYTES = 48;
    static final BigInteger P = toBigInteger(new BIG(ROM.Modulus));
    static final BigInteger R = toBigInteger(new BIG(ROM.CURVE_Order));
    private static final BigInteger HALF_P = P.subtract(BigInteger.ONE).shiftRight(1);
    private static final int COMPRESSED = 0x80;
    private static final int INFINITY = 0x40;
    private static final int LARGER = 0x20;

    private TlockPoints() {
    }

    static ECP decodeG1(byte[] b, String what) {
        BigInteger x = coordinate(b, G1_BYTES, 0, what);
        ECP p = new ECP(toBig(x));
        if (p.is_infinity()) {
            throw new TlockException(what + " is not on the curve");
        }
        if (isLarger(toBigInteger(p.getY())) != ((b[0] & LARGER) != 0)) {
            p.neg();
        }
        if (!p.mul(new BIG(ROM.CURVE_Order)).is_infinity()) {
            throw new TlockException(what + " is not in the G1 subgroup");
        }
        return p;
    }

    static ECP2 decodeG2(byte[] b, String what) {
        BigInteger x1 = coordinate(b, G2_BYTES, 0, what);
        BigInteger x0 = coordinate(b, G2_BYTES, FP_BYTES, what);
        ECP2 q = new ECP2(new FP2(toBig(x0), toBig(x1)));
        if (q.is_infinity()) {
            throw new TlockException(what + " is not on the curve");
        }
        if (isLarger(q.getY()) != ((b[0] & LARGER) != 0)) {
            q.neg();
        }
        if (!q.mul(new BIG(ROM.CURVE_Order)).is_infinity()) {
            throw new TlockException(what + " is not in the G2 subgroup");
        }
        return q;
    }

    static byte[] encodeG1(ECP p) {
        if (p.is_infinity()) {
            throw new IllegalArgumentException("the identity is not a signature");
        }
        ECP a = new ECP(p);
        a.affine();
        byte[] out = new byte[G1_BYTES];
        a.getX().toBytes(out);
        out[0] |= (byte) (COMPRESSED | (isLarger(toBigInteger(a.getY())) ? LARGER : 0));
        return out;
    }

    static byte[] encodeG2(ECP2 q) {
        if (q.is_infinity()) {
            throw new IllegalArgumentException("the identity has no place in a tlock ciphertext");
        }
        ECP2 a = new ECP2(q);
        a.affine();
        byte[] out = new byte[G2_BYTES];
        FP2 x = a.getX();
        byte[] c1 = new byte[FP_BYTES];
        byte[] c0 = new byte[FP_BYTES];
        x.getB().toBytes(c1);
        x.getA().toBytes(c0);
        System.arraycopy(c1, 0, out, 0, FP_BYTES);
        System.arraycopy(c0, 0, out, FP_BYTES, FP_BYTES);
        out[0] |= (byte) (COMPRESSED | (isLarger(a.getY()) ? LARGER : 0));
        return out;
    }

    static BIG toBig(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] fixed = new byte[BIG.MODBYTES];
        int n = Math.min(raw.length, fixed.length);
        System.arraycopy(raw, raw.length - n, fixed, fixed.length - n, n);
        return BIG.fromBytes(fixed);
    }

    static BigInteger toBigInteger(BIG v) {
        byte[] b = new byte[BIG.MODBYTES];
        new BIG(v).toBytes(b);
        return new BigInteger(1, b);
    }

    /** The lexicographic order ZCash uses on Fp2: c1 decides, c0 only when c1 is zero. */
    private static boolean isLarger(FP2 y) {
        BigInteger c1 = toBigInteger(y.getB());
        return c1.signum() != 0 ? isLarger(c1) : isLarger(toBigInteger(y.getA()));
    }

    private static boolean isLarger(BigInteger y) {
        return y.compareTo(HALF_P) > 0;
    }

    private static BigInteger coordinate(byte[] b, int length, int offset, String what) {
        if (b == null || b.length != length) {
            throw new TlockException(what + " must be " + length + " bytes (compressed)");
        }
        int flags = b[0] & 0xe0;
        if (offset == 0 && ((flags & COMPRESSED) == 0 || (flags & INFINITY) != 0)) {
            throw new TlockException(what + " must be a compressed point other than the identity");
        }
        byte[] x = java.util.Arrays.copyOfRange(b, offset, offset + FP_BYTES);
        if (offset == 0) {
            x[0] &= 0x1f;
        }
        BigInteger v = new BigInteger(1, x);
        if (v.compareTo(P) >= 0) {
            throw new TlockException(what + " has a coordinate outside the field");
        }
        return v;
    }
}
