package dev.drey.crypto;

import java.security.SecureRandom;

/**
 * BIP-340 (final) signing and verification for everything nostr: the one entry point the rest
 * of the code uses. Delegates to the pure-Java {@link Bip340#FINAL}.
 */
public final class Schnorr {
    private Schnorr() {
    }

    public static byte[] publicKey(byte[] secretKey) {
        return Bip340.publicKey(secretKey);
    }

    public static byte[] sign(byte[] secretKey, byte[] message, byte[] auxRand) {
        return Bip340.FINAL.sign(secretKey, message, auxRand);
    }

    /** Signs with fresh auxiliary randomness. */
    public static byte[] sign(byte[] secretKey, byte[] message, SecureRandom rng) {
        byte[] aux = new byte[32];
        rng.nextBytes(aux);
        return sign(secretKey, message, aux);
    }

    public static boolean verify(byte[] publicKeyX, byte[] message, byte[] signature) {
        return Bip340.FINAL.verify(publicKeyX, message, signature);
    }
}
