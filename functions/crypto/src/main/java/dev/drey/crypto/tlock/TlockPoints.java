package dev.drey.crypto.tlock;

import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP2;
import org.apache.milagro.amcl.BLS381.ROM;
import dev.drey.crypto.bls.G1Point;
import dev.drey.crypto.bls.G2Point;

/**
 * The AMCL form of points the bls types hold, for the one thing the bls package does not offer: a pairing value in
 * GT (tlock hashes e(σ, U) itself, not a pairing-product check). {@link G1Point} and {@link G2Point} keep their AMCL
 * point package-private, so this re-reads their ZCash compressed bytes (x, then y from the curve equation and the
 * sign flag). No checks beyond that: the points come from the bls types, which decoded them strictly. If the bls
 * package grows a public GT pairing, this class should go.
 */
final class TlockPoints {
    private static final int FP_BYTES = 48;
    private static final BigInteger HALF_P = toBigInteger(new BIG(ROM.Modulus)).subtract(BigInteger.ONE).shiftRight(1);
    private static final int LARGER = 0x20;

    private TlockPoints() {
    }

    static ECP amcl(G1Point p) {
        byte[] b = p.toBytes();
        ECP e = new ECP(big(b, 0));
        if (isLarger(toBigInteger(e.getY())) != ((b[0] & LARGER) != 0)) {
            e.neg();
        }
        return e;
    }

    static ECP2 amcl(G2Point q) {
        byte[] b = q.toBytes();
        ECP2 e = new ECP2(new FP2(big(b, FP_BYTES), big(b, 0)));
        if (isLarger(e.getY()) != ((b[0] & LARGER) != 0)) {
            e.neg();
        }
        return e;
    }

    static BIG toBig(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] fixed = new byte[BIG.MODBYTES];
        int n = Math.min(raw.length, fixed.length);
        System.arraycopy(raw, raw.length - n, fixed, fixed.length - n, n);
        return BIG.fromBytes(fixed);
    }

    private static BIG big(byte[] b, int offset) {
        byte[] x = java.util.Arrays.copyOfRange(b, offset, offset + FP_BYTES);
        if (offset == 0) {
            x[0] &= 0x1f; // the flag bits
        }
        return BIG.fromBytes(x);
    }

    private static BigInteger toBigInteger(BIG v) {
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
}
