package dev.drey.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, HMAC-SHA256 and BIP-340 tagged hashes. */
public final class Hashes {
    private Hashes() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** HMAC-SHA256 (RFC 2104) of the concatenated parts under a non-empty key. */
    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        if (key == null || key.length == 0) {
            throw new CryptoException("hmac: key missing or empty");
        }
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    /**
     * A BIP-340 tagged hash {@code SHA256(SHA256(tag) || SHA256(tag) || msg)}; the 64-byte
     * prefix is absorbed once and the digest state cloned per use.
     */
    public static final class Tagged {
        private final MessageDigest prefixed;

        public Tagged(String tag) {
            byte[] t = Bytes.sha256(tag.getBytes(StandardCharsets.UTF_8));
            MessageDigest md = sha256();
            md.update(t);
            md.update(t);
            this.prefixed = md;
        }

        public byte[] hash(byte[]... parts) {
            MessageDigest md;
            try {
                md = (MessageDigest) prefixed.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digest must be cloneable", e);
            }
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        }
    }
}
