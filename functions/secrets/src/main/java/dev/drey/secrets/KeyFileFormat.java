package dev.drey.secrets;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two key-file formats, told apart by their five-byte magic, and the {@value SecretStores#BACKEND} value
 * that opens each, so tools can say which setting a file needs before anything is decrypted.
 */
public enum KeyFileFormat {
    /** {@link PassphraseKeyFile}: scrypt and AES-256-GCM; backend {@code file}. */
    PASSPHRASE(PassphraseKeyFile.MAGIC, "file"),
    /** {@link EnvelopeKeyFile}: a KMS data key and AES-256-GCM; backend {@code kms}. */
    ENVELOPE(EnvelopeKeyFile.MAGIC, "kms");

    private final byte[] magic;
    private final String backend;

    KeyFileFormat(byte[] magic, String backend) {
        this.magic = magic;
        this.backend = backend;
    }

    /** The {@value SecretStores#BACKEND} setting (env {@code DREY_SECRETS_BACKEND}) that opens this format. */
    public String backend() {
        return backend;
    }

    /** The format whose magic {@code file} starts with, if any. */
    public static Optional<KeyFileFormat> of(byte[] file) {
        for (KeyFileFormat f : values()) {
            if (file.length >= f.magic.length && Arrays.equals(file, 0, f.magic.length, f.magic, 0, f.magic.length)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** As {@link #of}, or a {@link SecretStoreException} saying the file is no Drey key file. */
    public static KeyFileFormat require(byte[] file) {
        return of(file).orElseThrow(() -> new SecretStoreException(
                "not a Drey key file (it starts with neither DREYP nor DREYE)"));
    }
}
