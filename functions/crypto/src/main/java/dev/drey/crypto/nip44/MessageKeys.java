package dev.drey.crypto.nip44;

import java.util.Arrays;

/**
 * The per-message keys of NIP-44 v2: {@code HKDF-expand(conversation key, info = nonce, L = 76)}
 * split into a ChaCha20 key (32 bytes), a ChaCha20 nonce (12) and an HMAC-SHA256 key (32).
 * Accessors return copies; {@link #toString()} never shows the keys.
 */
public final class MessageKeys {
    /** Length of the per-message nonce that is the HKDF info, in bytes. */
    public static final int NONCE_LENGTH = 32;

    private static final int CHACHA_KEY_LENGTH = 32;
    private static final int CHACHA_NONCE_LENGTH = 12;
    private static final int HMAC_KEY_LENGTH = 32;
    private static final int OUTPUT_LENGTH = CHACHA_KEY_LENGTH + CHACHA_NONCE_LENGTH + HMAC_KEY_LENGTH;

    private final byte[] chachaKey;
    private final byte[] chachaNonce;
    private final byte[] hmacKey;

    private MessageKeys(byte[] okm) {
        this.chachaKey = Arrays.copyOfRange(okm, 0, CHACHA_KEY_LENGTH);
        this.chachaNonce = Arrays.copyOfRange(okm, CHACHA_KEY_LENGTH, CHACHA_KEY_LENGTH + CHACHA_NONCE_LENGTH);
        this.hmacKey = Arrays.copyOfRange(okm, CHACHA_KEY_LENGTH + CHACHA_NONCE_LENGTH, OUTPUT_LENGTH);
        Arrays.fill(okm, (byte) 0);
    }

    /**
     * Derives the keys for one message.
     *
     * @throws Nip44Exception {@code INVALID_KEY_LENGTH} unless the conversation key and the nonce
     *     are both 32 bytes
     */
    public static MessageKeys derive(byte[] conversationKey, byte[] nonce) {
        ConversationKey.requireValid(conversationKey);
        if (nonce == null || nonce.length != NONCE_LENGTH) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_KEY_LENGTH,
                    "nonce must be " + NONCE_LENGTH + " bytes, got " + (nonce == null ? "none" : nonce.length));
        }
        return new MessageKeys(Hkdf.expand(conversationKey, nonce, OUTPUT_LENGTH));
    }

    public byte[] chachaKey() {
        return chachaKey.clone();
    }

    public byte[] chachaNonce() {
        return chachaNonce.clone();
    }

    public byte[] hmacKey() {
        return hmacKey.clone();
    }

    @Override
    public String toString() {
        return "MessageKeys[redacted]";
    }
}
