package dev.drey.crypto.bls;

import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ROM;

/**
 * GF(p) of BLS12-381 on {@link BigInteger}, for public values only (decoding, hashing public messages to
 * the curve): values are kept reduced in [0, p). Group arithmetic is AMCL's; this is the glue around it.
 */
final class Fp {
    static final BigInteger P = new BigInteger(
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16);
    static final int BYTES = 48;
    /** (p − 1)/2: the ZCash sign bit is set for y above it. */
    static final BigInteger HALF = P.shiftRight(1);
    /** p ≡ 3 (mod 4), so a square root of a square a is a^((p+1)/4). */
    private static final BigInteger SQRT_EXP = P.add(BigInteger.ONE).shiftRight(2);

    static {
        if (!toBigInteger(new BIG(ROM.Modulus)).equals(P)) {
            throw new IllegalStateException("AMCL's BLS381 modulus is not BLS12-381's p");
        }
    }

    private Fp() {
    }

    static BigInteger add(BigInteger a, BigInteger b) {
        BigInteger s = a.add(b);
        return s.compareTo(P) >= 0 ? s.subtract(P) : s;
    }

    static BigInteger sub(BigInteger a, BigInteger b) {
        BigInteger s = a.subtract(b);
        return s.signum() < 0 ? s.add(P) : s;
    }

    static BigInteger neg(BigInteger a) {
        return a.signum() == 0 ? a : P.subtract(a);
    }

    static BigInteger mul(BigInteger a, BigInteger b) {
        return a.multiply(b).mod(P);
    }

    static BigInteger sqr(BigInteger a) {
        return a.multiply(a).mod(P);
    }

    /** 1/a, and 0 for 0 (RFC 9380's inv0). */
    static BigInteger inv0(BigInteger a) {
        return a.signum() == 0 ? a : a.modInverse(P);
    }

    /** A square root of a, or null if a is not a square. */
    static BigInteger sqrt(BigInteger a) {
        BigInteger y = a.modPow(SQRT_EXP, P);
        return sqr(y).equals(a) ? y : null;
    }

    /** RFC 9380 sgn0 for m = 1: the parity. */
    static int sgn0(BigInteger a) {
        return a.testBit(0) ? 1 : 0;
    }

    /** Exactly 48 big-endian bytes, refused unless below p. */
    static BigInteger fromCanonical(byte[] b, int off, String what) {
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(b, off, off + BYTES));
        if (x.compareTo(P) >= 0) {
            throw new BlsException(what + ": coordinate not below the field modulus (non-canonical)");
        }
        return x;
    }

    static void toBytes(BigInteger x, byte[] out, int off) {
        byte[] raw = x.toByteArray();
        int n = Math.min(raw.length, BYTES);
        java.util.Arrays.fill(out, off, off + BYTES, (byte) 0);
        System.arraycopy(raw, raw.length - n, out, off + BYTES - n, n);
    }

    static BIG big(BigInteger x) {
        byte[] b = new byte[BIG.MODBYTES];
        toBytes(x, b, 0);
        return BIG.fromBytes(b);
    }

    static BigInteger toBigInteger(BIG b) {
        byte[] out = new byte[BIG.MODBYTES];
        b.toBytes(out);
        return new BigInteger(1, out);
    }
}
