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
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * The KMS provider's requests, against an in-process KMS that keeps its master key the way KMS does (a
 * {@link LocalDataKeyProvider} underneath) and checks what real KMS checks: key spec and encryption context.
 * No AWS calls.
 */
class KmsDataKeyProviderTest {
    static final String ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    static final class InProcessKms implements KmsClient {
        final LocalDataKeyProvider master;
        final List<Object> requests = new ArrayList<>();

        InProcessKms() {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            master = new LocalDataKeyProvider(k, ARN, new SecureRandom());
        }

        @Override
        public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest r) {
            requests.add(r);
            if (r.keySpec() != DataKeySpec.AES_256) {
                throw new IllegalArgumentException("unexpected key spec");
            }
            DataKeyProvider.DataKey k = master.generateDataKey();
            // KMS binds the context to the ciphertext; record it in this fake's blob the same way.
            byte[] blob = concat(k.encrypted(), r.encryptionContext().toString().getBytes());
            return GenerateDataKeyResponse.builder().keyId(ARN).plaintext(SdkBytes.fromByteArray(k.plaintext()))
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
            byte[] plain = master.decryptDataKey(java.util.Arrays.copyOf(blob, n), r.keyId());
            return DecryptResponse.builder().keyId(ARN).plaintext(SdkBytes.fromByteArray(plain)).build();
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
                () -> keys.decryptDataKey(new byte[40], ARN));
        assertTrue(e.getMessage().startsWith("KMS Decrypt of the data key"), e.getMessage());
    }
}
