package dev.drey.crypto.tlock;

import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP2;
import org.apache.milagro.amcl.BLS381.ROM;

/**
 * ZCash compressed encodings of BLS12-381 points (48-byte G1, 96-byte G2: flag bits compressed / infinity /
 * y-is-larger in the top three bits, x big-endian, G2's x as c1 || c0) into AMCL's BLS381 objects, which the tlock
 * IBE needs for its GT value (e(σ, U) serialised as tlock does).
 *
 * <p>Why not {@code dev.drey.crypto.bls.G1Point}/{@code G2Point}: they keep their AMCL point package-private and have
 * no pairing into GT, only the pairing-product check. This bridge decodes U strictly (flags, x &lt; p, on the curve,
 * in the subgroup: U comes from a file an attacker writes) and re-reads points the bls types have already checked
 * ({@link #trustedG1}, {@link #trustedG2}) without repeating the subgroup test. If the bls package grows a public
 * GT pairing, this class should go.
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

    /** A point a bls type has already decoded strictly (in G1): only the AMCL form is rebuilt. */
    static ECP trustedG1(byte[] b) {
        return decodeG1(b, "G1 point", false);
    }

    /** A point a bls type has already decoded strictly (in G2): only the AMCL form is rebuilt. */
    static ECP2 trustedG2(byte[] b) {
        return decodeG2(b, "G2 point", false);
    }

    static ECP decodeG1(byte[] b, String what) {
        return decodeG1(b, what, true);
    }

    static ECP2 decodeG2(byte[] b, String what) {
        return decodeG2(b, what, true);
    }

    private static ECP decodeG1(byte[] b, String what, boolean checkSubgroup) {
        BigInteger x = coordinate(b, G1_BYTES, 0, what);
        ECP p = new ECP(toBig(x));
        if (p.is_infinity()) {
            throw new TlockException(what + " is not on the curve");
        }
        if (isLarger(toBigInteger(p.getY())) != ((b[0] & LARGER) != 0)) {
            p.neg();
        }
        if (checkSubgroup && !p.mul(new BIG(ROM.CURVE_Order)).is_infinity()) {
            throw new TlockException(what + " is not in the G1 subgroup");
        }
        return p;
    }

    private static ECP2 decodeG2(byte[] b, String what, boolean checkSubgroup) {
        BigInteger x1 = coordinate(b, G2_BYTES, 0, what);
        BigInteger x0 = coordinate(b, G2_BYTES, FP_BYTES, what);
        ECP2 q = new ECP2(new FP2(toBig(x0), toBig(x1)));
        if (q.is_infinity()) {
            throw new TlockException(what + " is not on the curve");
        }
        if (isLarger(q.getY()) != ((b[0] & LARGER) != 0)) {
            q.neg();
        }
        if (checkSubgroup && !q.mul(new BIG(ROM.CURVE_Order)).is_infinity()) {
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
