package dev.drey.secrets;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A key file sealed by envelope encryption: a fresh data key from a {@link DataKeyProvider} (KMS on AWS)
 * encrypts the bundle locally with AES-256-GCM; the encrypted data key is stored beside it, so opening
 * the file needs one {@code Decrypt} call and the master key never leaves the KMS.
 * <pre>
 * "DREY" 'E' version=1 keyIdLength[2] keyId encryptedKeyLength[2] encryptedKey nonce[12] ciphertext-and-tag
 * </pre>
 * Everything before the ciphertext, the key id included, is associated data, so a header whose key id was
 * swapped fails authentication. Opening is pinned: the provider's configured key ({@link DataKeyProvider#keyId()},
 * {@code DREY_KMS_KEY_ID}) must be the key the header names, and the data key is decrypted under the configured
 * key, never under the one the (not yet authenticated) header names.
 */
public final class EnvelopeKeyFile {
    static final byte[] MAGIC = {'D', 'R', 'E', 'Y', 'E'};
    static final int VERSION = 1;

    private EnvelopeKeyFile() {
    }

    public static byte[] seal(SecretBundle bundle, DataKeyProvider keys, SecureRandom rng) {
        DataKeyProvider.DataKey dataKey = keys.generateDataKey();
        if (!dataKey.keyId().equals(keys.keyId())) {
            // KMS reports the key's ARN; a file naming another key than the pin could never be opened again.
            throw new SecretStoreException("KMS made the data key under " + dataKey.keyId() + ", not the configured "
                    + keys.keyId() + " (DREY_KMS_KEY_ID must be the key's ARN)");
        }
        byte[] keyId = dataKey.keyId().getBytes(StandardCharsets.UTF_8);
        byte[] encryptedKey = dataKey.encrypted();
        if (keyId.length > 0xffff || encryptedKey.length > 0xffff) {
            throw new SecretStoreException("key id or encrypted data key too long");
        }
        byte[] nonce = Aead.nonce(rng);
        byte[] header = ByteBuffer.allocate(MAGIC.length + 1 + 2 + keyId.length + 2 + encryptedKey.length + nonce.length)
                .put(MAGIC).put((byte) VERSION).putShort((short) keyId.length).put(keyId)
                .putShort((short) encryptedKey.length).put(encryptedKey).put(nonce).array();
        byte[] key = dataKey.plaintext();
        byte[] plain = bundle.encode();
        try {
            byte[] sealed = Aead.seal(key, nonce, header, plain);
            return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    public static SecretBundle open(byte[] file, DataKeyProvider keys) {
        Header h = header(file);
        if (file.length - h.length() < Aead.TAG_BITS / 8) {
            throw new SecretStoreException("envelope key file is truncated");
        }
        if (!h.keyId().equals(keys.keyId())) {
            throw new SecretStoreException("the envelope key file names KMS key " + h.keyId() + " but the configured key "
                    + "(DREY_KMS_KEY_ID) is " + keys.keyId() + "; refusing to open it");
        }
        byte[] key = keys.decryptDataKey(h.encryptedKey());
        try {
            byte[] plain = Aead.open(key, h.nonce(), Arrays.copyOf(file, h.length()),
                    Arrays.copyOfRange(file, h.length(), file.length));
            if (plain == null) {
                throw new SecretStoreException("the envelope key file was altered (authentication failed)");
            }
            return SecretBundle.decode(plain);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The master key that encrypted the file's data key, as KMS reported it when the file was sealed (a key
     * ARN on AWS); read from the header, not yet authenticated: for display and error messages only, never to
     * choose the key a file is opened with.
     */
    public static String keyId(byte[] file) {
        return header(file).keyId();
    }

    private record Header(String keyId, byte[] encryptedKey, byte[] nonce, int length) {
    }

    private static Header header(byte[] file) {
        if (file.length < MAGIC.length + 1 || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new SecretStoreException("not a Drey envelope key file (no DREYE header)");
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        b.position(MAGIC.length);
        try {
            int version = b.get() & 0xff;
            if (version != VERSION) {
                throw new SecretStoreException("envelope key file version " + version + " is not supported (only "
                        + VERSION + ")");
            }
            byte[] id = new byte[b.getShort() & 0xffff];
            b.get(id);
            byte[] encryptedKey = new byte[b.getShort() & 0xffff];
            b.get(encryptedKey);
            byte[] nonce = new byte[Aead.NONCE_BYTES];
            b.get(nonce);
            return new Header(new String(id, StandardCharsets.UTF_8), encryptedKey, nonce, b.position());
        } catch (BufferUnderflowException e) {
            throw new SecretStoreException("envelope key file is truncated");
        }
    }
}
