package dev.drey.secrets;

import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * AWS KMS as the {@link DataKeyProvider}: {@code GenerateDataKey} (AES-256) for a fresh data key and
 * {@code Decrypt} to open a stored one, both with the encryption context {@value #CONTEXT_KEY}={@value
 * #CONTEXT_VALUE} so a data key made for Drey secrets decrypts for nothing else (and shows in CloudTrail).
 * The function's role needs only {@code kms:GenerateDataKey} and {@code kms:Decrypt} on the key.
 */
public final class KmsDataKeyProvider implements DataKeyProvider {
    public static final String CONTEXT_KEY = "drey-purpose";
    public static final String CONTEXT_VALUE = "miner-secrets";
    private static final Map<String, String> CONTEXT = Map.of(CONTEXT_KEY, CONTEXT_VALUE);

    private final KmsClient kms;
    private final String keyId;

    public KmsDataKeyProvider(KmsClient kms, String keyId) {
        requireKeyArn(keyId);
        if (kms == null) {
            throw new IllegalArgumentException("KMS data keys: need a client and a key id (DREY_KMS_KEY_ID)");
        }
        this.kms = kms;
        this.keyId = keyId;
    }

    /** A client on the SDK's default credentials chain; {@code region} null for the default region chain. */
    public static KmsDataKeyProvider connect(String keyId, String region) {
        requireKeyArn(keyId);
        KmsClientBuilder b = KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (region != null && !region.isBlank()) {
            b.region(Region.of(region));
        }
        return new KmsDataKeyProvider(b.build(), keyId);
    }

    /**
     * The pin must be the key ARN: key files record the ARN KMS reports and opening compares it with the pin,
     * so an alias (which can also be re-pointed) or a bare key id would never match.
     */
    static void requireKeyArn(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw new SecretStoreException("KMS data keys: need the KMS key's ARN (DREY_KMS_KEY_ID)");
        }
        if (!keyId.startsWith("arn:") || !keyId.contains(":key/")) {
            throw new SecretStoreException("DREY_KMS_KEY_ID must be the KMS key's ARN (arn:aws:kms:REGION:ACCOUNT:key/ID),"
                    + " not an alias or a bare key id: " + keyId);
        }
    }

    @Override
    public DataKey generateDataKey() {
        try {
            GenerateDataKeyResponse r = kms.generateDataKey(g -> g.keyId(keyId).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(CONTEXT));
            return new DataKey(r.plaintext().asByteArray(), r.ciphertextBlob().asByteArray(), r.keyId());
        } catch (SdkException e) {
            throw new SecretStoreException("KMS GenerateDataKey with key " + keyId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    /** Decrypt with {@code KeyId} set to the pinned key: KMS refuses a data key encrypted under any other. */
    @Override
    public byte[] decryptDataKey(byte[] encrypted) {
        try {
            DecryptResponse r = kms.decrypt(d -> d.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(encrypted))
                    .encryptionContext(CONTEXT));
            return r.plaintext().asByteArray();
        } catch (SdkException e) {
            throw new SecretStoreException("KMS Decrypt of the data key (key " + keyId + ") failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        kms.close();
    }

    @Override
    public String toString() {
        return "KmsDataKeyProvider[" + keyId + "]";
    }
}
