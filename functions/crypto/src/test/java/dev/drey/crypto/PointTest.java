package dev.drey.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Strict decoding of secp256k1 points: every malformed encoding is refused with a clear message. */
class PointTest {
    private static final BigInteger SEVEN = BigInteger.valueOf(7);

    /** The smallest x with x^3 + 7 a non-residue mod p (Euler's criterion): no point has it. */
    static BigInteger firstOffCurveX() {
        BigInteger halfPMinus1 = Point.P.subtract(BigInteger.ONE).shiftRight(1);
        for (BigInteger x = BigInteger.ONE; ; x = x.add(BigInteger.ONE)) {
            BigInteger rhs = x.pow(3).add(SEVEN).mod(Point.P);
            if (!rhs.modPow(halfPMinus1, Point.P).equals(BigInteger.ONE)) {
                return x;
            }
        }
    }

    private static byte[] compressed(int prefix, BigInteger x) {
        return Bytes.concat(new byte[] {(byte) prefix}, Bytes.fixed32(x));
    }

    private static void refused(String expectedMessagePart, org.junit.jupiter.api.function.Executable decode) {
        CryptoException e = assertThrows(CryptoException.class, decode);
        assertTrue(e.getMessage().contains(expectedMessagePart),
                "message '" + e.getMessage() + "' should mention '" + expectedMessagePart + "'");
    }

    @Test
    void generatorRoundTripsThroughBothEncodings() {
        byte[] g = Point.G.encodeCompressed();
        assertEquals(33, g.length);
        assertEquals(Point.G, Point.decodeCompressed(g));
        assertEquals(Point.G, Point.liftX(Point.G.xOnly())); // G has even y
        Point minusG = Point.G.negate();
        byte[] mg = minusG.encodeCompressed();
        assertEquals(0x03, mg[0]);
        assertEquals(minusG, Point.decodeCompressed(mg));
        assertArrayEquals(Point.G.xOnly(), minusG.xOnly());
    }

    @Test
    void liftXAlwaysGivesEvenY() {
        for (long k = 1; k <= 20; k++) {
            Point q = Point.mulG(Scalar.of(k));
            Point lifted = Point.liftX(q.xOnly());
            assertTrue(lifted.hasEvenY());
            assertEquals(q.hasEvenY() ? q : q.negate(), lifted);
        }
    }

    @Test
    void refusesWrongLengths() {
        byte[] g = Point.G.encodeCompressed();
        refused("expected 33 bytes, got none", () -> Point.decodeCompressed(null));
        refused("expected 33 bytes, got 32", () -> Point.decodeCompressed(Point.G.xOnly()));
        refused("expected 33 bytes, got 34", () -> Point.decodeCompressed(Bytes.concat(g, new byte[1])));
        refused("expected 33 bytes, got 65", () -> Point.decodeCompressed(
                Bytes.concat(new byte[] {4}, Point.G.xOnly(), Bytes.fixed32(Point.G.y()))));
        refused("expected 33 bytes, got 1", () -> Point.decodeCompressed(new byte[] {0})); // SEC1 infinity
        refused("expected 32-byte x-only key, got none", () -> Point.liftX(null));
        refused("expected 32-byte x-only key, got 33", () -> Point.liftX(g));
        refused("expected 32-byte x-only key, got 31", () -> Point.liftX(new byte[31]));
    }

    @Test
    void refusesBadPrefixes() {
        BigInteger gx = Point.G.x();
        for (int prefix : new int[] {0x00, 0x01, 0x04, 0x05, 0x06, 0x07, 0x12, 0xff}) {
            refused("prefix must be 02 or 03", () -> Point.decodeCompressed(compressed(prefix, gx)));
        }
    }

    @Test
    void refusesXAtOrAboveTheFieldPrime() {
        BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        for (BigInteger x : new BigInteger[] {Point.P, Point.P.add(BigInteger.ONE), Point.P.add(SEVEN), max}) {
            refused("not below the field prime", () -> Point.decodeCompressed(compressed(2, x)));
            refused("not below the field prime", () -> Point.decodeCompressed(compressed(3, x)));
            refused("not below the field prime", () -> Point.liftX(Bytes.fixed32(x)));
        }
        // p + 7 reduces to an x that IS on the curve (if taken mod p): strictness, not luck.
        BigInteger reduced = Point.P.add(SEVEN).mod(Point.P);
        assertEquals(SEVEN, reduced);
    }

    @Test
    void refusesXOffTheCurve() {
        BigInteger off = firstOffCurveX();
        refused("not on the curve", () -> Point.decodeCompressed(compressed(2, off)));
        refused("not on the curve", () -> Point.decodeCompressed(compressed(3, off)));
        refused("not on the curve", () -> Point.liftX(Bytes.fixed32(off)));
        // x = 0: 7 is not a square mod p, so no point has x = 0 (the all-zero key).
        refused("not on the curve", () -> Point.liftX(new byte[32]));
        // The key from the BIP-340 vectors' "public key not on the curve" row.
        refused("not on the curve", () -> Point.liftX(
                Hex.decode("eefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34")));
    }

    @Test
    void infinityHasNoEncoding() {
        assertTrue(Point.INFINITY.isInfinity());
        assertTrue(Point.G.add(Point.G.negate()).isInfinity());
        assertTrue(Point.mulG(Scalar.ZERO).isInfinity());
        refused("infinity", Point.INFINITY::xOnly);
        refused("infinity", Point.INFINITY::encodeCompressed);
        refused("infinity", Point.INFINITY::hasEvenY);
        assertFalse(Point.G.isInfinity());
    }
}
