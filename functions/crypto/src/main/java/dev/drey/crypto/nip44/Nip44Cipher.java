package dev.drey.crypto.nip44;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NIP-44 version 2 encryption with an explicit plaintext size limit.
 *
 * <p>Payload: {@code base64(0x02 || nonce[32] || ChaCha20(padded plaintext) || HMAC-SHA256[32])};
 * ChaCha20 is the IETF variant (12-byte nonce, block counter 0); the MAC covers
 * {@code nonce || ciphertext}. See {@code Padding} for the length prefix, including the 2026
 * amendment that allows plaintexts of 65536 bytes and more (2 zero bytes then a u32).
 *
 * <p>The spec allows plaintexts up to 2^32 - 1 bytes; a node that decrypts what peers send must
 * bound memory, so every cipher carries {@link #maxPlaintextBytes()} and refuses larger
 * plaintexts on both sides (decryption refuses oversized payloads before decoding them).
 * {@link #LEGACY_MAX_PLAINTEXT_BYTES} never emits the extended prefix, for peers that predate the
 * amendment.
 */
public record Nip44Cipher(int maxPlaintextBytes) {
    /** Default limit: 16 MiB, far above any protocol message and still cheap to hold in memory. */
    public static final int DEFAULT_MAX_PLAINTEXT_BYTES = 16 * 1024 * 1024;
    /** The pre-amendment maximum (u16 prefix only). */
    public static final int LEGACY_MAX_PLAINTEXT_BYTES = 65535;
    /** Highest configurable limit: keeps every derived size inside a Java array and String. */
    public static final int HARD_MAX_PLAINTEXT_BYTES = 1 << 30;

    public static final Nip44Cipher DEFAULT = new Nip44Cipher(DEFAULT_MAX_PLAINTEXT_BYTES);

    static final byte VERSION = 2;
    private static final int MAC_LENGTH = 32;
    private static final int OVERHEAD = 1 + MessageKeys.NONCE_LENGTH + MAC_LENGTH;
    /** Smallest payload: 1-byte plaintext, padded to 32, 2-byte prefix. */
    private static final int MIN_DATA_LENGTH = OVERHEAD + Padding.SHORT_PREFIX_LENGTH + 32;
    private static final int MIN_PAYLOAD_LENGTH = base64Length(MIN_DATA_LENGTH);

    public Nip44Cipher {
        if (maxPlaintextBytes < 1 || maxPlaintextBytes > HARD_MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("nip44: plaintext limit must be in 1.." + HARD_MAX_PLAINTEXT_BYTES
                    + ", got " + maxPlaintextBytes);
        }
    }

    /** The longest payload (base64 characters) this cipher will attempt to decrypt. */
    public int maxPayloadLength() {
        return base64Length(maxDataLength());
    }

    private int maxDataLength() {
        return Math.toIntExact(OVERHEAD + Padding.paddedSize(maxPlaintextBytes));
    }

    /**
     * Encrypts with a caller-chosen 32-byte nonce. Only tests and vectors choose nonces: reusing
     * a nonce under one conversation key reveals the XOR of two plaintexts.
     */
    public String encrypt(String plaintext, byte[] conversationKey, byte[] nonce) {
        byte[] utf8 = encodeUtf8(plaintext);
        if (utf8.length < Padding.MIN_PLAINTEXT_LENGTH) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_PLAINTEXT, "plaintext must not be empty");
        }
        if (utf8.length > maxPlaintextBytes) {
            throw new Nip44Exception(Nip44Exception.Reason.PLAINTEXT_TOO_LARGE, "plaintext of " + utf8.length
                    + " bytes above the limit of " + maxPlaintextBytes + " bytes");
        }
        MessageKeys keys = MessageKeys.derive(conversationKey, nonce);
        byte[] data = Padding.pad(utf8);
        Arrays.fill(utf8, (byte) 0);
        chacha20(keys, data);
        byte[] mac = Hashes.hmacSha256(keys.hmacKey(), nonce, data);
        return Base64.getEncoder().encodeToString(Bytes.concat(new byte[] {VERSION}, nonce, data, mac));
    }

    /**
     * Decrypts and authenticates a payload. Checks run in the spec's order: length and version
     * before the MAC (cheap and key-independent), the MAC (constant time) before anything is
     * decrypted, and the padding only on authenticated bytes.
     *
     * @throws Nip44Exception naming the failure; see {@link Nip44Exception.Reason}
     */
    public String decrypt(String payload, byte[] conversationKey) {
        ConversationKey.requireValid(conversationKey);
        if (payload == null || payload.isEmpty()) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_PAYLOAD_LENGTH, "invalid payload length: 0");
        }
        if (payload.charAt(0) == '#') {
            // The spec reserves '#' for future non-base64 encodings.
            throw new Nip44Exception(Nip44Exception.Reason.UNKNOWN_VERSION,
                    "unknown version (payload starts with '#', a non-base64 encoding)");
        }
        int plen = payload.length();
        if (plen < MIN_PAYLOAD_LENGTH || plen > maxPayloadLength()) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_PAYLOAD_LENGTH, "invalid payload length: " + plen
                    + " (must be " + MIN_PAYLOAD_LENGTH + ".." + maxPayloadLength() + ")");
        }
        byte[] data = decodeBase64(payload);
        if (data.length < MIN_DATA_LENGTH || data.length > maxDataLength()) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_PAYLOAD_LENGTH,
                    "invalid decoded payload length: " + data.length);
        }
        if (data[0] != VERSION) {
            throw new Nip44Exception(Nip44Exception.Reason.UNKNOWN_VERSION, "unknown version " + (data[0] & 0xff));
        }
        byte[] nonce = Arrays.copyOfRange(data, 1, 1 + MessageKeys.NONCE_LENGTH);
        byte[] ciphertext = Arrays.copyOfRange(data, 1 + MessageKeys.NONCE_LENGTH, data.length - MAC_LENGTH);
        byte[] mac = Arrays.copyOfRange(data, data.length - MAC_LENGTH, data.length);
        MessageKeys keys = MessageKeys.derive(conversationKey, nonce);
        byte[] expected = Hashes.hmacSha256(keys.hmacKey(), nonce, ciphertext);
        if (!Bytes.constantTimeEquals(expected, mac)) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_MAC, "invalid MAC");
        }
        chacha20(keys, ciphertext);
        try {
            byte[] plaintext = Padding.unpad(ciphertext, maxPlaintextBytes);
            try {
                return decodeUtf8(plaintext);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } finally {
            Arrays.fill(ciphertext, (byte) 0);
        }
    }

    /** XORs the ChaCha20 keystream into data, in place. */
    private static void chacha20(MessageKeys keys, byte[] data) {
        ChaCha7539Engine engine = new ChaCha7539Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(keys.chachaKey()), keys.chachaNonce()));
        engine.processBytes(data, 0, data.length, data, 0);
    }

    private static int base64Length(int bytes) {
        return Math.toIntExact(4L * ((bytes + 2L) / 3));
    }

    /** Standard alphabet, padded and canonical (what every NIP-44 encoder emits). */
    private static byte[] decodeBase64(String payload) {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_BASE64, "invalid base64");
        }
        // java.util.Base64 accepts missing padding and non-zero trailing bits; re-encoding
        // rejects both, so each payload has exactly one accepted spelling.
        if (!Base64.getEncoder().encodeToString(data).equals(payload)) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_BASE64, "invalid base64 (not canonical)");
        }
        return data;
    }

    private static byte[] encodeUtf8(String plaintext) {
        if (plaintext == null) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_PLAINTEXT, "plaintext missing");
        }
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(plaintext));
            return Arrays.copyOfRange(b.array(), b.position(), b.limit());
        } catch (CharacterCodingException e) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_PLAINTEXT,
                    "plaintext is not well-formed Unicode (unpaired surrogate)");
        }
    }

    private static String decodeUtf8(byte[] utf8) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_UTF8, "plaintext is not valid UTF-8");
        }
    }
}
