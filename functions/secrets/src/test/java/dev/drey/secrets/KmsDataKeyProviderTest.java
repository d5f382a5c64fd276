package dev.drey.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * The KMS provider's requests, against an in-process KMS that keeps its master key the way KMS does (a
 * {@link LocalDataKeyProvider} underneath) and checks what real KMS checks: key spec and encryption context.
 * No AWS calls.
 */
class KmsDataKeyProviderTest {
    static final String ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** A second key in another account, which a swapped key file could name. */
    static final String OTHER_ARN = "arn:aws:kms:eu-west-1:999999999999:key/ffffffff-12ab-34cd-56ef-1234567890ab";

    /**
     * Holds a master key per key ARN, as KMS does. Like KMS, Decrypt uses the request's {@code KeyId} when
     * given (and fails when the data key was encrypted under another key).
     */
    static final class InProcessKms implements KmsClient {
        final Map<String, LocalDataKeyProvider> masters = new java.util.HashMap<>();
        final List<Object> requests = new ArrayList<>();

        InProcessKms() {
            for (String arn : List.of(ARN, OTHER_ARN)) {
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                masters.put(arn, new LocalDataKeyProvider(k, arn, new SecureRandom()));
            }
        }

        @Override
        public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest r) {
            requests.add(r);
            if (r.keySpec() != DataKeySpec.AES_256) {
                throw new IllegalArgumentException("unexpected key spec");
            }
            DataKeyProvider.DataKey k = master(r.keyId()).generateDataKey();
            // KMS binds the context to the ciphertext; record it in this fake's blob the same way.
            byte[] blob = concat(k.encrypted(), r.encryptionContext().toString().getBytes());
            return GenerateDataKeyResponse.builder().keyId(r.keyId()).plaintext(SdkBytes.fromByteArray(k.plaintext()))
                    .ciphertextBlob(SdkBytes.fromByteArray(blob)).build();
        }

        @Override
        public DecryptResponse decrypt(DecryptRequest r) {
            requests.add(r);
            byte[] blob = r.ciphertextBlob().asByteArray();
            byte[] ctx = r.encryptionContext().toString().getBytes();
            int n = blob.length - ctx.length;
            if (n <= 0 || !java.util.Arrays.equals(blob, n, blob.length, ctx, 0, ctx.length)) {
                throw InvalidCiphertextException.builder().message("encryption context mismatch").build();
            }
            byte[] plain;
            try {
                plain = master(r.keyId()).decryptDataKey(java.util.Arrays.copyOf(blob, n));
            } catch (SecretStoreException e) {
                throw IncorrectKeyException.builder().message("not encrypted under " + r.keyId()).build();
            }
            return DecryptResponse.builder().keyId(r.keyId()).plaintext(SdkBytes.fromByteArray(plain)).build();
        }

        private LocalDataKeyProvider master(String keyId) {
            LocalDataKeyProvider m = masters.get(keyId);
            if (m == null) {
                throw NotFoundException.builder().message("no key " + keyId).build();
            }
            return m;
        }

        @Override
        public String serviceName() {
            return "kms";
        }

        @Override
        public void close() {
        }

        static byte[] concat(byte[] a, byte[] b) {
            byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }
    }

    @Test
    void sealsAndOpensThroughKmsWithTheDreyEncryptionContext() {
        InProcessKms kms = new InProcessKms();
        KmsDataKeyProvider keys = new KmsDataKeyProvider(kms, ARN);
        SecretBundle b = KeyFilesTest.bundle();
        byte[] file = EnvelopeKeyFile.seal(b, keys, new SecureRandom());
        assertArrayEquals(b.require(SecretKind.IDENTITY_KEY), EnvelopeKeyFile.open(file, keys).require(SecretKind.IDENTITY_KEY));

        GenerateDataKeyRequest g = (GenerateDataKeyRequest) kms.requests.get(0);
        assertEquals(ARN, g.keyId());
        assertEquals(Map.of("drey-purpose", "miner-secrets"), g.encryptionContext());
        DecryptRequest d = (DecryptRequest) kms.requests.get(1);
        assertEquals(ARN, d.keyId());
        assertEquals(Map.of("drey-purpose", "miner-secrets"), d.encryptionContext());
    }

    @Test
    void aKmsRefusalIsASecretStoreError() {
        InProcessKms kms = new InProcessKms();
        KmsDataKeyProvider keys = new KmsDataKeyProvider(kms, ARN);
        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> keys.decryptDataKey(new byte[40]));
        assertTrue(e.getMessage().startsWith("KMS Decrypt of the data key"), e.getMessage());
    }

    /**
     * Issue 11: a key file sealed under another KMS key (an attacker's, granted to the miner's role) names
     * that key in its header. Opening used to ask KMS to decrypt under the header's key and so loaded the
     * attacker's secrets; the configured key is now the only one used.
     */
    @Test
    void aFileSealedUnderAnotherKeyIsRefusedEvenWhenKmsWouldDecryptIt() {
        InProcessKms kms = new InProcessKms();
        byte[] foreign = EnvelopeKeyFile.seal(KeyFilesTest.bundle(), new KmsDataKeyProvider(kms, OTHER_ARN),
                new SecureRandom());
        KmsDataKeyProvider pinned = new KmsDataKeyProvider(kms, ARN);
        int before = kms.requests.size();
        SecretStoreException e = assertThrows(SecretStoreException.class, () -> EnvelopeKeyFile.open(foreign, pinned));
        assertTrue(e.getMessage().contains("names KMS key " + OTHER_ARN), e.getMessage());
        assertEquals(before, kms.requests.size(), "refused before asking KMS");
    }

    /**
     * The same file with its header's key id rewritten to the pinned key: KMS, asked with the pinned key,
     * refuses the foreign data key; and the header is GCM associated data, so the swap alone breaks the file.
     */
    @Test
    void aSwappedHeaderKeyIdFails() {
        InProcessKms kms = new InProcessKms();
        byte[] foreign = EnvelopeKeyFile.seal(KeyFilesTest.bundle(), new KmsDataKeyProvider(kms, OTHER_ARN),
                new SecureRandom());
        byte[] swapped = swapKeyId(foreign, OTHER_ARN, ARN);
        assertEquals(ARN, EnvelopeKeyFile.keyId(swapped));
        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> EnvelopeKeyFile.open(swapped, new KmsDataKeyProvider(kms, ARN)));
        assertTrue(e.getMessage().startsWith("KMS Decrypt of the data key"), e.getMessage());

        // A file of our own whose header names another key (same length) fails authentication even for a
        // provider that would accept that key id.
        byte[] own = EnvelopeKeyFile.seal(KeyFilesTest.bundle(), new KmsDataKeyProvider(kms, ARN), new SecureRandom());
        byte[] renamed = swapKeyId(own, ARN, OTHER_ARN);
        byte[] dataKey = kms.masters.get(ARN).decryptDataKey(java.util.Arrays.copyOf(encryptedKey(own),
                encryptedKey(own).length - "{drey-purpose=miner-secrets}".length()));
        DataKeyProvider lying = new DataKeyProvider() {
            @Override
            public DataKey generateDataKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String keyId() {
                return OTHER_ARN;
            }

            @Override
            public byte[] decryptDataKey(byte[] encrypted) {
                return dataKey.clone();
            }
        };
        e = assertThrows(SecretStoreException.class, () -> EnvelopeKeyFile.open(renamed, lying));
        assertTrue(e.getMessage().contains("altered"), e.getMessage());
    }

    @Test
    void sealingRefusesADataKeyMadeUnderAnotherKeyThanThePin() {
        LocalDataKeyProvider other = new InProcessKms().masters.get(OTHER_ARN);
        DataKeyProvider misreporting = new DataKeyProvider() {
            @Override
            public DataKey generateDataKey() {
                return other.generateDataKey();
            }

            @Override
            public String keyId() {
                return ARN;
            }

            @Override
            public byte[] decryptDataKey(byte[] encrypted) {
                throw new UnsupportedOperationException();
            }
        };
        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> EnvelopeKeyFile.seal(KeyFilesTest.bundle(), misreporting, new SecureRandom()));
        assertTrue(e.getMessage().startsWith("KMS made the data key under " + OTHER_ARN), e.getMessage());
    }

    @Test
    void thePinMustBeAKeyArn() {
        InProcessKms kms = new InProcessKms();
        for (String bad : List.of("alias/drey-secrets", "arn:aws:kms:eu-west-1:123456789012:alias/drey",
                "1234abcd-12ab-34cd-56ef-1234567890ab", " ")) {
            SecretStoreException e = assertThrows(SecretStoreException.class, () -> new KmsDataKeyProvider(kms, bad));
            assertTrue(e.getMessage().contains("ARN"), e.getMessage());
        }
    }

    private static byte[] swapKeyId(byte[] file, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(f.length, t.length);
        int at = EnvelopeKeyFile.MAGIC.length + 1 + 2;
        assertTrue(java.util.Arrays.equals(file, at, at + f.length, f, 0, f.length));
        byte[] out = file.clone();
        System.arraycopy(t, 0, out, at, t.length);
        return out;
    }

    private static byte[] encryptedKey(byte[] file) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(file);
        b.position(EnvelopeKeyFile.MAGIC.length + 1);
        int idLength = b.getShort() & 0xffff;
        b.position(b.position() + idLength);
        byte[] k = new byte[b.getShort() & 0xffff];
        b.get(k);
        return k;
    }
}
