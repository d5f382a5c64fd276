package dev.drey.dkg;

import dev.drey.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for DKG state and results at rest, under a key derived from the miner's identity secret
 * (HMAC as a PRF: no one without the identity key can compute it). The additional data names what is sealed,
 * the run and the miner, so a blob moved to another key or run does not open. Blob: magic {@code DKG1}, IV (12),
 * ciphertext with tag.
 */
final class AtRestCipher {
    private static final int MAGIC = 0x444b4731; // "DKG1"
    private static final byte[] LABEL = "drey/dkg/at-rest/v1".getBytes(StandardCharsets.US_ASCII);
    private final SecretKeySpec key;

    AtRestCipher(byte[] identitySecret) {
        this.key = new SecretKeySpec(Hashes.hmacSha256(identitySecret, LABEL), "AES");
    }

    static byte[] aad(String what, String runId, String pubkey) {
        return ("drey/dkg/" + what + "/v1|" + runId + "|" + pubkey).getBytes(StandardCharsets.US_ASCII);
    }

    byte[] seal(byte[] aad, byte[] plaintext, SecureRandom rng) {
        byte[] iv = new byte[12];
        rng.nextBytes(iv);
        byte[] ct = crypt(Cipher.ENCRYPT_MODE, iv, aad, plaintext);
        return ByteBuffer.allocate(4 + 12 + ct.length).putInt(MAGIC).put(iv).put(ct).array();
    }

    byte[] open(byte[] aad, byte[] blob) {
        if (blob.length < 4 + 12 + 16 || ByteBuffer.wrap(blob).getInt() != MAGIC) {
            throw new DkgStateException("stored DKG data has an unknown format");
        }
        return crypt(Cipher.DECRYPT_MODE, Arrays.copyOfRange(blob, 4, 16), aad, Arrays.copyOfRange(blob, 16, blob.length));
    }

    private byte[] crypt(int mode, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key, new GCMParameterSpec(128, iv));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            // Never the key or the plaintext in the message.
            throw new DkgStateException("stored DKG data does not decrypt: it was altered or belongs to another run or miner");
        }
    }
}
