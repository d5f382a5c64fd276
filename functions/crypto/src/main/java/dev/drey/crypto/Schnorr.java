package dev.drey.crypto;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * BIP-340 (final) signing and verification for everything nostr: the one entry point the rest
 * of the code uses.
 *
 * <p>Uses libsecp256k1 ({@link NativeSchnorr}) when the native library loads and passes its
 * self-test, and the pure-Java {@link Bip340#FINAL} on BouncyCastle otherwise. The choice is
 * made once, at first use, and never changes; {@link #implementation()} reports it and
 * {@link #fallbackReason()} says why the pure path was taken. Messages that are not 32 bytes
 * long always take the pure path (the binding cannot handle them); results are the same either
 * way.
 *
 * <p>System property {@value #PURE_PROPERTY}{@code =true} (e.g. {@code -Ddrey.crypto.pure=true})
 * forces the pure path without trying to load the native library. It is read once, at first use.
 */
public final class Schnorr {
    /** System property that, when {@code true}, forces the pure-Java path. */
    public static final String PURE_PROPERTY = "drey.crypto.pure";
    /** {@link #implementation()} when the native path is in use. */
    public static final String NATIVE = "libsecp256k1";
    /** {@link #implementation()} when the pure-Java path is in use. */
    public static final String PURE = "bouncycastle";

    private Schnorr() {
    }

    /** {@value #NATIVE} or {@value #PURE}: the implementation serving 32-byte messages. */
    public static String implementation() {
        return backend().implementation();
    }

    /** Why the pure path is in use; empty when libsecp256k1 is. */
    public static Optional<String> fallbackReason() {
        return backend().fallbackReason();
    }

    public static byte[] publicKey(byte[] secretKey) {
        return backend().publicKey(secretKey);
    }

    /** Signs a message of any length with 32 bytes of auxiliary randomness. */
    public static byte[] sign(byte[] secretKey, byte[] message, byte[] auxRand) {
        return backend().sign(secretKey, message, auxRand);
    }

    /** Signs with fresh auxiliary randomness. */
    public static byte[] sign(byte[] secretKey, byte[] message, SecureRandom rng) {
        byte[] aux = new byte[32];
        rng.nextBytes(aux);
        return sign(secretKey, message, aux);
    }

    /** Verifies; malformed keys or signatures verify as false rather than throwing. */
    public static boolean verify(byte[] publicKeyX, byte[] message, byte[] signature) {
        return backend().verify(publicKeyX, message, signature);
    }

    /** The loaded libsecp256k1 binding, if the native path is in use ({@link SecretMul} shares it). */
    static Optional<NativeSchnorr> nativePath() {
        return backend().nativePath();
    }

    private static Backend backend() {
        return Chosen.BACKEND;
    }

    /** Lazy holder: the JVM initialises it, thread-safely and once, on first use. */
    private static final class Chosen {
        static final Backend BACKEND = Backend.select(Boolean.getBoolean(PURE_PROPERTY));
    }

    /**
     * The chosen implementation: the native path when present, the pure path for everything
     * it cannot serve. Immutable.
     */
    record Backend(Optional<NativeSchnorr> nativePath, Optional<String> fallbackReason) {
        static Backend select(boolean forcePure) {
            if (forcePure) {
                return new Backend(Optional.empty(), Optional.of("forced by -D" + PURE_PROPERTY + "=true"));
            }
            try {
                return new Backend(Optional.of(NativeSchnorr.load()), Optional.empty());
            } catch (CryptoException e) {
                return new Backend(Optional.empty(), Optional.of(e.getMessage()));
            }
        }

        String implementation() {
            return nativePath.isPresent() ? NATIVE : PURE;
        }

        byte[] publicKey(byte[] secretKey) {
            return nativePath.isPresent() ? nativePath.get().publicKey(secretKey) : Bip340.publicKey(secretKey);
        }

        byte[] sign(byte[] secretKey, byte[] message, byte[] auxRand) {
            if (nativePath.isPresent() && NativeSchnorr.supports(message)) {
                return nativePath.get().sign(secretKey, message, auxRand);
            }
            return Bip340.FINAL.sign(secretKey, message, auxRand);
        }

        boolean verify(byte[] publicKeyX, byte[] message, byte[] signature) {
            if (nativePath.isPresent() && NativeSchnorr.supports(message)) {
                return nativePath.get().verify(publicKeyX, message, signature);
            }
            return Bip340.FINAL.verify(publicKeyX, message, signature);
        }
    }
}
