package dev.drey.crypto.frost;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import java.security.SecureRandom;

/** FROST round 1 (RFC 9591 section 5.1): fresh hiding and binding nonces and their commitments. */
public final class Round1 {
    private Round1() {
    }

    /** Commits for one signing session with fresh randomness. */
    public static SigningNonces commit(Ciphersuite cs, KeyPackage key, SecureRandom rng) {
        byte[] hidingRandomness = new byte[32];
        byte[] bindingRandomness = new byte[32];
        rng.nextBytes(hidingRandomness);
        rng.nextBytes(bindingRandomness);
        return commit(cs, key.identifier(), key.signingShare(), hidingRandomness, bindingRandomness);
    }

    /** Deterministic form for conformance vectors: the caller supplies both 32-byte random strings. */
    public static SigningNonces commit(Ciphersuite cs, Identifier id, Scalar secret, byte[] hidingRandomness,
            byte[] bindingRandomness) {
        Scalar d = nonceGenerate(cs, secret, hidingRandomness);
        Scalar e = nonceGenerate(cs, secret, bindingRandomness);
        // d and e are secret: constant-time multiplication (libsecp256k1 when loaded).
        return new SigningNonces(d, e, new SigningCommitments(id, SecretMul.mulG(d), SecretMul.mulG(e)));
    }

    /**
     * nonce_generate: H3(random_bytes || SerializeScalar(secret)). Mixing in the secret keeps the
     * nonce secret even if the random source is weak.
     */
    public static Scalar nonceGenerate(Ciphersuite cs, Scalar secret, byte[] randomBytes) {
        if (randomBytes == null || randomBytes.length != 32) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "nonce randomness must be 32 bytes");
        }
        Scalar k = cs.h3(randomBytes, secret.encode());
        if (k.isZero()) {
            throw new CryptoException("frost: derived nonce is zero");
        }
        return k;
    }
}
