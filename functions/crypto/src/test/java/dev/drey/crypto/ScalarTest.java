package dev.drey.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Strict decoding of scalars mod n: exactly 32 bytes, below n, and non-zero where refused. */
class ScalarTest {
    private static final BigInteger MAX256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private static void refused(String expectedMessagePart, org.junit.jupiter.api.function.Executable decode) {
        CryptoException e = assertThrows(CryptoException.class, decode);
        assertTrue(e.getMessage().contains(expectedMessagePart),
                "message '" + e.getMessage() + "' should mention '" + expectedMessagePart + "'");
    }

    @Test
    void decodesEverythingBelowN() {
        BigInteger nMinus1 = Scalar.N.subtract(BigInteger.ONE);
        for (BigInteger v : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO.pow(255), nMinus1}) {
            Scalar s = Scalar.decode(Bytes.fixed32(v));
            assertEquals(v, s.toBigInteger());
            assertArrayEquals(Bytes.fixed32(v), s.encode());
        }
        assertEquals(Scalar.ONE, Scalar.of(Scalar.N.add(BigInteger.ONE))); // of() reduces, decode() does not
    }

    @Test
    void refusesWrongLengths() {
        refused("expected 32 bytes, got none", () -> Scalar.decode(null));
        refused("expected 32 bytes, got 0", () -> Scalar.decode(new byte[0]));
        refused("expected 32 bytes, got 31", () -> Scalar.decode(new byte[31]));
        refused("expected 32 bytes, got 33", () -> Scalar.decode(new byte[33]));
        refused("expected 32 bytes, got 33", () -> Scalar.decodeNonZero(Bytes.concat(new byte[1], Scalar.ONE.encode())));
    }

    @Test
    void refusesValuesAtOrAboveN() {
        for (BigInteger v : new BigInteger[] {Scalar.N, Scalar.N.add(BigInteger.ONE), MAX256}) {
            refused("not below the group order", () -> Scalar.decode(Bytes.fixed32(v)));
            refused("not below the group order", () -> Scalar.decodeNonZero(Bytes.fixed32(v)));
        }
    }

    @Test
    void zeroIsAllowedByDecodeButRefusedWhereItMustNotOccur() {
        assertTrue(Scalar.decode(new byte[32]).isZero());
        refused("zero is not allowed", () -> Scalar.decodeNonZero(new byte[32]));
        refused("zero is not allowed", () -> Bip340.publicKey(new byte[32]));
        refused("zero has no inverse", Scalar.ZERO::invert);
        assertFalse(Scalar.decodeNonZero(Scalar.ONE.encode()).isZero());
    }

    @Test
    void arithmeticStaysReducedModN() {
        Scalar nMinus1 = Scalar.decode(Bytes.fixed32(Scalar.N.subtract(BigInteger.ONE)));
        assertEquals(Scalar.ZERO, nMinus1.add(Scalar.ONE));
        assertEquals(nMinus1, Scalar.ZERO.sub(Scalar.ONE));
        assertEquals(Scalar.ONE, nMinus1.negate());
        assertEquals(Scalar.ONE, nMinus1.mul(nMinus1)); // (-1)^2
        assertEquals(Scalar.ONE, nMinus1.invert().mul(nMinus1));
        assertEquals(Scalar.reduce(Bytes.fixed32(MAX256)), Scalar.of(MAX256));
    }

    @Test
    void neverPrintsItsValue() {
        Scalar s = Scalar.decode(Bytes.fixed32(BigInteger.valueOf(0x1234567)));
        assertFalse(s.toString().contains("1234567"));
        assertFalse(s.toString().toLowerCase().contains(Hex.encode(s.encode()).substring(56)));
    }
}
