package dev.drey.beacon;

import dev.drey.crypto.bls.G1Point;
import dev.drey.crypto.bls.G2Point;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The DKG's points (AMCL's uncompressed encodings: G1 {@code 04 || x || y}, G2 {@code x.a || x.b || y.a || y.b}
 * with x = a + b·u) as drand's ZCash-compressed {@link G1Point} / {@link G2Point}. Only the flags are computed
 * here (compression bit, and the sign bit: y is the lexicographically larger root, for G2 comparing the u
 * coefficient first); the point types' strict decoders then check the result (on the curve, in the subgroup).
 */
public final class ZcashPoints {
    private static final int FP = 48;
    private static final BigInteger P = new BigInteger("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241e"
            + "abfffeb153ffffb9feffffffffaaab", 16);
    private static final BigInteger HALF = P.subtract(BigInteger.ONE).shiftRight(1);

    private ZcashPoints() {
    }

    public static G1Point g1(byte[] amcl) {
        if (amcl == null || amcl.length != 1 + 2 * FP || amcl[0] != 0x04) {
            throw new BeaconException("G1 point: expected AMCL's uncompressed 97-byte encoding");
        }
        byte[] out = Arrays.copyOfRange(amcl, 1, 1 + FP);
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(amcl, 1 + FP, 1 + 2 * FP));
        return G1Point.fromBytes(flag(out, y.compareTo(HALF) > 0));
    }

    public static G2Point g2(byte[] amcl) {
        if (amcl == null || amcl.length != 4 * FP) {
            throw new BeaconException("G2 point: expected AMCL's uncompressed 192-byte encoding");
        }
        byte[] xa = Arrays.copyOfRange(amcl, 0, FP);
        byte[] xb = Arrays.copyOfRange(amcl, FP, 2 * FP);
        BigInteger ya = new BigInteger(1, Arrays.copyOfRange(amcl, 2 * FP, 3 * FP));
        BigInteger yb = new BigInteger(1, Arrays.copyOfRange(amcl, 3 * FP, 4 * FP));
        boolean larger = yb.signum() != 0 ? yb.compareTo(HALF) > 0 : ya.compareTo(HALF) > 0;
        byte[] out = new byte[2 * FP];
        System.arraycopy(xb, 0, out, 0, FP); // ZCash: the u coefficient first
        System.arraycopy(xa, 0, out, FP, FP);
        return G2Point.fromBytes(flag(out, larger));
    }

    private static byte[] flag(byte[] x, boolean larger) {
        x[0] |= (byte) (0x80 | (larger ? 0x20 : 0));
        return x;
    }
}
