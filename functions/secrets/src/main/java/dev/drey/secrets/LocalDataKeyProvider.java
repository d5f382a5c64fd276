package dev.drey.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Envelope encryption without a KMS: data keys are wrapped with a local 32-byte master key (AES-256-GCM,
 * the key id as associated data). Stands in for KMS in development and tests through the same interface.
 */
public final class LocalDataKeyProvider implements DataKeyProvider {
    private final byte[] masterKey;
    private final String keyId;
    private final SecureRandom rng;

    public LocalDataKeyProvider(byte[] masterKey, String keyId, SecureRandom rng) {
        if (masterKey == null || masterKey.length != Aead.KEY_BYTES || keyId == null || keyId.isEmpty()) {
            throw new IllegalArgumentException("local data keys: need a 32-byte master key and a key id");
        }
        this.masterKey = masterKey.clone();
        this.keyId = keyId;
        this.rng = rng;
    }

    @Override
    public DataKey generateDataKey() {
        byte[] key = new byte[Aead.KEY_BYTES];
        rng.nextBytes(key);
        byte[] nonce = Aead.nonce(rng);
        byte[] wrapped = Aead.seal(masterKey, nonce, keyId.getBytes(StandardCharsets.UTF_8), key);
        try {
            return new DataKey(key, ByteBuffer.allocate(nonce.length + wrapped.length).put(nonce).put(wrapped).array(),
                    keyId);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] decryptDataKey(byte[] encrypted) {
        if (encrypted.length <= Aead.NONCE_BYTES) {
            throw new SecretStoreException("encrypted data key is truncated");
        }
        byte[] key = Aead.open(masterKey, Arrays.copyOf(encrypted, Aead.NONCE_BYTES),
                keyId.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(encrypted, Aead.NONCE_BYTES, encrypted.length));
        if (key == null || key.length != Aead.KEY_BYTES) {
            throw new SecretStoreException("the data key does not decrypt under master key " + keyId);
        }
        return key;
    }

    @Override
    public String toString() {
        return "LocalDataKeyProvider[" + keyId + "]";
    }
}
