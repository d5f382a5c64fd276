package dev.drey.secrets;

/**
 * The key-management half of envelope encryption: a fresh data key (its plaintext to encrypt with locally,
 * its encrypted form to store beside the ciphertext), and decryption of a stored data key. AWS KMS on AWS
 * ({@link KmsDataKeyProvider}); a local master key for development and tests ({@link LocalDataKeyProvider}).
 * Closing releases a client, if the provider holds one.
 */
public interface DataKeyProvider extends AutoCloseable {

    /** A data key; {@code keyId} names the master key that encrypted it. Never printed. */
    final class DataKey {
        private final byte[] plaintext;
        private final byte[] encrypted;
        private final String keyId;

        public DataKey(byte[] plaintext, byte[] encrypted, String keyId) {
            if (plaintext == null || plaintext.length != Aead.KEY_BYTES || encrypted == null || encrypted.length == 0
                    || keyId == null || keyId.isEmpty()) {
                throw new SecretStoreException("data key: need a 32-byte key, its encrypted form and a key id");
            }
            this.plaintext = plaintext.clone();
            this.encrypted = encrypted.clone();
            this.keyId = keyId;
        }

        public byte[] plaintext() {
            return plaintext.clone();
        }

        public byte[] encrypted() {
            return encrypted.clone();
        }

        public String keyId() {
            return keyId;
        }

        @Override
        public String toString() {
            return "DataKey[" + keyId + "]";
        }
    }

    DataKey generateDataKey();

    /**
     * The master key this provider is pinned to (configuration, e.g. {@code DREY_KMS_KEY_ID}): the only key it
     * generates data keys under and decrypts them with. A key file's header naming another key is refused
     * before anything is decrypted ({@link EnvelopeKeyFile#open}).
     */
    String keyId();

    /**
     * The 32-byte plaintext of a data key encrypted under {@link #keyId()}; a data key encrypted under any
     * other master key fails. The key id is never taken from the file: an attacker who can replace the file
     * could otherwise name a master key of their own and have their chosen secrets loaded.
     */
    byte[] decryptDataKey(byte[] encrypted);

    @Override
    default void close() {
    }
}
