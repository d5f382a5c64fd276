package dev.drey.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Opens a miner's key file as configuration says. Settings (property, or the environment variable
 * {@code DREY_SECRETS_*} / {@code DREY_KMS_*} that stands for it):
 * <ul>
 * <li>{@value #BACKEND}: {@code file} (passphrase-sealed, the default) or {@code kms} (envelope-sealed);</li>
 * <li>{@value #PATH} (default {@value #DEFAULT_PATH}), or {@value #FILE_BASE64}: the file itself, base64
 *     (a Kubernetes secret or Lambda variable; an envelope file is a few hundred bytes);</li>
 * <li>{@value #PASSPHRASE} or {@value #PASSPHRASE_FILE} for {@code file};</li>
 * <li>{@value #KMS_KEY_ID} and optionally {@value #KMS_REGION} for {@code kms}.</li>
 * </ul>
 */
public final class SecretStores {
    public static final String BACKEND = "drey.secrets.backend";
    public static final String PATH = "drey.secrets.path";
    public static final String FILE_BASE64 = "drey.secrets.file-base64";
    public static final String PASSPHRASE = "drey.secrets.passphrase";
    public static final String PASSPHRASE_FILE = "drey.secrets.passphrase-file";
    public static final String KMS_KEY_ID = "drey.kms.key-id";
    public static final String KMS_REGION = "drey.kms.region";
    public static final String DEFAULT_PATH = "data/miner.key";

    private SecretStores() {
    }

    /** @param setting a property's value (null when unset), e.g. MicroProfile Config's or {@link #fromSystem} */
    public static SecretStore open(UnaryOperator<String> setting) {
        String backend = setting.apply(BACKEND) == null ? "file" : setting.apply(BACKEND).strip().toLowerCase(Locale.ROOT);
        byte[] file = readFile(setting);
        KeyFileFormat format = KeyFileFormat.require(file);
        if (List.of("file", "kms").contains(backend) && !format.backend().equals(backend)) {
            throw new SecretStoreException("the key file is " + format.name().toLowerCase(Locale.ROOT) + "-sealed: set "
                    + BACKEND + " (DREY_SECRETS_BACKEND) to " + format.backend() + ", not " + backend);
        }
        switch (backend) {
            case "file": {
                char[] passphrase = passphrase(setting);
                try {
                    return PassphraseKeyFile.open(file, passphrase);
                } finally {
                    java.util.Arrays.fill(passphrase, '\0');
                }
            }
            case "kms": {
                String keyId = setting.apply(KMS_KEY_ID);
                if (keyId == null || keyId.isBlank()) {
                    throw new SecretStoreException(KMS_KEY_ID + " (DREY_KMS_KEY_ID) must name the KMS key for backend kms");
                }
                try (KmsDataKeyProvider kms = KmsDataKeyProvider.connect(keyId.strip(), setting.apply(KMS_REGION))) {
                    return EnvelopeKeyFile.open(file, kms);
                }
            }
            default:
                throw new SecretStoreException(BACKEND + " must be file or kms, was '" + backend + "'");
        }
    }

    /** Settings from system properties, then environment variables ({@code drey.kms.key-id} → {@code DREY_KMS_KEY_ID}). */
    public static UnaryOperator<String> fromSystem() {
        return name -> {
            String v = System.getProperty(name);
            if (v == null || v.isBlank()) {
                v = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            return v == null || v.isBlank() ? null : v;
        };
    }

    private static byte[] readFile(UnaryOperator<String> setting) {
        String inline = setting.apply(FILE_BASE64);
        if (inline != null && !inline.isBlank()) {
            try {
                return Base64.getMimeDecoder().decode(inline.strip());
            } catch (IllegalArgumentException e) {
                throw new SecretStoreException(FILE_BASE64 + " is not base64: " + e.getMessage());
            }
        }
        Path path = Path.of(setting.apply(PATH) == null ? DEFAULT_PATH : setting.apply(PATH).strip());
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SecretStoreException("cannot read the key file " + path + " (" + PATH + "): " + e, e);
        }
    }

    private static char[] passphrase(UnaryOperator<String> setting) {
        return configuredPassphrase(setting).orElseThrow(() -> new SecretStoreException(
                "the key file needs a passphrase: set " + PASSPHRASE + " (DREY_SECRETS_PASSPHRASE) or " + PASSPHRASE_FILE));
    }

    /**
     * The passphrase as the settings give it ({@value #PASSPHRASE}, else the contents of {@value #PASSPHRASE_FILE}
     * without trailing line breaks), or empty if neither is set; tools that write key files read it the same way.
     */
    public static Optional<char[]> configuredPassphrase(UnaryOperator<String> setting) {
        String p = setting.apply(PASSPHRASE);
        if (p != null) {
            return Optional.of(p.toCharArray());
        }
        String f = setting.apply(PASSPHRASE_FILE);
        if (f == null) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(Path.of(f.strip()), StandardCharsets.UTF_8);
            // A trailing newline from `echo ... > file` is not part of the passphrase.
            return Optional.of(text.replaceAll("\\R+$", "").toCharArray());
        } catch (IOException e) {
            throw new SecretStoreException("cannot read the passphrase file " + f + ": " + e, e);
        }
    }
}
