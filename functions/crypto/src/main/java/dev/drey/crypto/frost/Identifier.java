package dev.drey.crypto.frost;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Scalar;
import java.math.BigInteger;

/** A participant's identifier: a non-zero scalar, serialised as 32 big-endian bytes. Public. */
public record Identifier(Scalar value) implements Comparable<Identifier> {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    public Identifier {
        if (value == null || value.isZero()) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "identifier must be non-zero");
        }
    }

    /** The identifier with a small positive value (1, 2, 3, ...). */
    public static Identifier of(long v) {
        if (v <= 0) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER,
                    "identifier must be a positive integer, got " + v);
        }
        return new Identifier(Scalar.of(v));
    }

    /** Strict decoding of a serialised identifier (32 bytes, below n, non-zero). */
    public static Identifier decode(byte[] b32) {
        try {
            return new Identifier(Scalar.decodeNonZero(b32));
        } catch (CryptoException e) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "identifier: " + e.getMessage());
        }
    }

    public byte[] encode() {
        return value.encode();
    }

    @Override
    public int compareTo(Identifier o) {
        return value.toBigInteger().compareTo(o.value.toBigInteger());
    }

    /** Identifiers are public: small ones print as their number, others as hex. */
    @Override
    public String toString() {
        BigInteger v = value.toBigInteger();
        return v.compareTo(LONG_MAX) <= 0 ? v.toString() : dev.drey.crypto.Hex.encode(encode());
    }
}
