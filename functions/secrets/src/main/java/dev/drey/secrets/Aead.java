package dev.drey.secrets;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM (the JDK's), 96-bit nonces, 128-bit tags; the header of a file is its associated data. */
final class Aead {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private Aead() {
    }

    static byte[] nonce(SecureRandom rng) {
        byte[] n = new byte[NONCE_BYTES];
        rng.nextBytes(n);
        return n;
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plain) {
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            c.updateAAD(aad);
            return c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plaintext, or null if the tag does not verify (wrong key, or altered data). */
    static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, key, nonce);
            c.updateAAD(aad);
            return c.doFinal(sealed);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return c;
    }
}
