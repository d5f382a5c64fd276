package dev.drey.crypto.election;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import java.util.Arrays;
import java.util.List;

/**
 * Exponential ElGamal on secp256k1: (α, β) = (r·G, m·G + r·K) for the election public key K. Adding two
 * ciphertexts adds their messages; decryption yields m·G, from which a bounded {@link DiscreteLog} finds m.
 * Wire form: α || β, 66 bytes of compressed points.
 */
public record ElGamalCiphertext(Point alpha, Point beta) {
    public static final int ENCODED_LENGTH = 66;

    public ElGamalCiphertext {
        if (alpha == null || beta == null) {
            throw new ElectionException("ciphertext: missing alpha or beta");
        }
    }

    /** Encrypts m under K with the secret nonce r (both multiplications through the constant-time path). */
    public static ElGamalCiphertext encrypt(Point publicKey, long m, Scalar nonce) {
        requireKey(publicKey);
        if (nonce.isZero()) {
            throw new ElectionException("ciphertext: the nonce must be non-zero");
        }
        Point alpha = SecretMul.mulG(nonce);
        Point rk = SecretMul.mul(publicKey, nonce);
        // m is a secret too (a vote); the offset keeps the multiplier non-zero for m = 0 (see RangeProof).
        Point beta = SecretMul.mulG(Scalar.of(m).add(Scalar.ONE)).subtract(Point.G).add(rk);
        return new ElGamalCiphertext(alpha, beta);
    }

    /** The encryption of 0 with nonce 1, (G, K): public, and the starting point of every tally. */
    public static ElGamalCiphertext trivialZero(Point publicKey) {
        requireKey(publicKey);
        return new ElGamalCiphertext(Point.G, publicKey);
    }

    public ElGamalCiphertext add(ElGamalCiphertext o) {
        return new ElGamalCiphertext(alpha.add(o.alpha), beta.add(o.beta));
    }

    /** The homomorphic sum of a non-empty list. */
    public static ElGamalCiphertext sum(List<ElGamalCiphertext> cts) {
        if (cts.isEmpty()) {
            throw new ElectionException("ciphertext: nothing to add");
        }
        return new ElGamalCiphertext(Point.sum(cts.stream().map(ElGamalCiphertext::alpha).toList()),
                Point.sum(cts.stream().map(ElGamalCiphertext::beta).toList()));
    }

    /** 66 bytes; a ciphertext with a point at infinity has no encoding (and never verifies). */
    public byte[] encode() {
        if (alpha.isInfinity() || beta.isInfinity()) {
            throw new ElectionException("ciphertext: a point at infinity has no encoding");
        }
        byte[] out = new byte[ENCODED_LENGTH];
        System.arraycopy(alpha.encodeCompressed(), 0, out, 0, 33);
        System.arraycopy(beta.encodeCompressed(), 0, out, 33, 33);
        return out;
    }

    /** Strict decoding: 66 bytes, both points on the curve and not infinity. */
    public static ElGamalCiphertext decode(byte[] b66) {
        if (b66 == null || b66.length != ENCODED_LENGTH) {
            throw new ElectionException("ciphertext: expected " + ENCODED_LENGTH + " bytes, got "
                    + (b66 == null ? "none" : b66.length));
        }
        try {
            return new ElGamalCiphertext(Point.decodeCompressed(Arrays.copyOfRange(b66, 0, 33)),
                    Point.decodeCompressed(Arrays.copyOfRange(b66, 33, 66)));
        } catch (CryptoException e) {
            throw new ElectionException("ciphertext: " + e.getMessage());
        }
    }

    static void requireKey(Point publicKey) {
        if (publicKey == null || publicKey.isInfinity()) {
            throw new ElectionException("election key: missing or the point at infinity");
        }
    }
}
