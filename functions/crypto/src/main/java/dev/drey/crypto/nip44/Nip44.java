package dev.drey.crypto.nip44;

import java.security.SecureRandom;

/**
 * NIP-44 version 2 encrypted payloads (nostr), the entry point for protocol code. Uses
 * {@link Nip44Cipher#DEFAULT} (plaintexts up to 16 MiB); build a {@link Nip44Cipher} for another
 * limit.
 *
 * <p>Implements NIP-44 as amended in 2026 (nostr-protocol/nips #1907 and #2270): plaintexts of
 * 65536 bytes and more carry a 6-byte length prefix, two zero bytes then a big-endian u32; shorter
 * plaintexts are encoded exactly as before (details in {@code Padding}).
 */
public final class Nip44 {
    private static final SecureRandom RNG = new SecureRandom();

    private Nip44() {
    }

    /** The conversation key of our secret key and the peer's x-only public key. */
    public static byte[] conversationKey(byte[] secretKey, byte[] peerXOnlyPublicKey) {
        return ConversationKey.derive(secretKey, peerXOnlyPublicKey);
    }

    /** Encrypts under a fresh random 32-byte nonce. */
    public static String encrypt(String plaintext, byte[] conversationKey) {
        byte[] nonce = new byte[MessageKeys.NONCE_LENGTH];
        RNG.nextBytes(nonce);
        return encrypt(plaintext, conversationKey, nonce);
    }

    /** Encrypts under a given nonce: for test vectors only, never reuse a nonce. */
    public static String encrypt(String plaintext, byte[] conversationKey, byte[] nonce) {
        return Nip44Cipher.DEFAULT.encrypt(plaintext, conversationKey, nonce);
    }

    /** Authenticates and decrypts; failures are {@link Nip44Exception}s naming the cause. */
    public static String decrypt(String payload, byte[] conversationKey) {
        return Nip44Cipher.DEFAULT.decrypt(payload, conversationKey);
    }

    /** The padded length of a plaintext of 1..2^32-1 bytes (the spec's calc_padded_len). */
    public static long calcPaddedLen(long unpaddedLen) {
        return Padding.calcPaddedLen(unpaddedLen);
    }
}
