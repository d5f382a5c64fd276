package dev.drey.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/** An element of the secp256k1 scalar field Z_n, immutable. */
public final class Scalar {
    public static final BigInteger N = new BigInteger(
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    public static final Scalar ZERO = new Scalar(BigInteger.ZERO);
    public static final Scalar ONE = new Scalar(BigInteger.ONE);

    private final BigInteger value;

    private Scalar(BigInteger value) {
        this.value = value;
    }

    /** Wraps a value reduced mod n. */
    public static Scalar of(BigInteger v) {
        return new Scalar(v.mod(N));
    }

    public static Scalar of(long v) {
        return of(BigInteger.valueOf(v));
    }

    /** Strict decoding: exactly 32 bytes, big-endian, below n (zero allowed). */
    public static Scalar decode(byte[] b32) {
        if (b32 == null || b32.length != 32) {
            throw new CryptoException("scalar: expected 32 bytes, got " + (b32 == null ? "none" : b32.length));
        }
        BigInteger v = new BigInteger(1, b32);
        if (v.compareTo(N) >= 0) {
            throw new CryptoException("scalar: not below the group order");
        }
        return new Scalar(v);
    }

    /** Strict decoding that also refuses zero (secret keys, nonces, identifiers). */
    public static Scalar decodeNonZero(byte[] b32) {
        Scalar s = decode(b32);
        if (s.isZero()) {
            throw new CryptoException("scalar: zero is not allowed here");
        }
        return s;
    }

    /** Interprets any byte string as a big-endian integer reduced mod n (hash outputs). */
    public static Scalar reduce(byte[] bytes) {
        return of(new BigInteger(1, bytes));
    }

    /** A uniformly random non-zero scalar. */
    public static Scalar random(SecureRandom rng) {
        byte[] b = new byte[32];
        while (true) {
            rng.nextBytes(b);
            BigInteger v = new BigInteger(1, b);
            if (v.signum() != 0 && v.compareTo(N) < 0) {
                Arrays.fill(b, (byte) 0);
                return new Scalar(v);
            }
        }
    }

    public BigInteger toBigInteger() {
        return value;
    }

    public byte[] encode() {
        return Bytes.fixed32(value);
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public Scalar add(Scalar o) {
        BigInteger r = value.add(o.value);
        return new Scalar(r.compareTo(N) >= 0 ? r.subtract(N) : r);
    }

    public Scalar sub(Scalar o) {
        BigInteger r = value.subtract(o.value);
        return new Scalar(r.signum() < 0 ? r.add(N) : r);
    }

    public Scalar mul(Scalar o) {
        return new Scalar(value.multiply(o.value).mod(N));
    }

    public Scalar negate() {
        return value.signum() == 0 ? this : new Scalar(N.subtract(value));
    }

    public Scalar invert() {
        if (isZero()) {
            throw new CryptoException("scalar: zero has no inverse");
        }
        return new Scalar(value.modInverse(N));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scalar s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Never prints the value: scalars are often secrets. */
    @Override
    public String toString() {
        return "Scalar[redacted]";
    }
}
