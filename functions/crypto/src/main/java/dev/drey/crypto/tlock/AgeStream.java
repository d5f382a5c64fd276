package dev.drey.crypto.tlock;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * age's payload encryption: STREAM over ChaCha20-Poly1305 in 64 KiB chunks, nonce = 11-byte big-endian chunk counter
 * || last-chunk flag. The flag is what stops truncation at a chunk boundary, so {@link #open} insists that exactly the
 * final chunk carries it, that no chunk but the last is short, and that only an empty plaintext has an empty chunk.
 */
final class AgeStream {
    static final int CHUNK = 64 * 1024;
    static final int TAG = 16;
    private static final int NONCE = 12;

    private AgeStream() {
    }

    static byte[] seal(byte[] key, byte[] plaintext) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + TAG * (plaintext.length / CHUNK + 1));
        long counter = 0;
        int off = 0;
        do {
            int n = Math.min(CHUNK, plaintext.length - off);
            boolean last = off + n == plaintext.length;
            out.writeBytes(run(Cipher.ENCRYPT_MODE, key, counter++, last, plaintext, off, n));
            off += n;
        } while (off < plaintext.length);
        return out.toByteArray();
    }

    static byte[] open(byte[] key, byte[] ciphertext, int offset) {
        int length = ciphertext.length - offset;
        if (length < TAG) {
            throw new TlockException("age: payload is truncated (no final chunk)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        long counter = 0;
        int off = offset;
        while (off < ciphertext.length) {
            int n = Math.min(CHUNK + TAG, ciphertext.length - off);
            boolean last = off + n == ciphertext.length;
            if (n == TAG && counter > 0) {
                throw new TlockException("age: payload has an empty final chunk after a full one");
            }
            if (n < TAG) {
                throw new TlockException("age: payload chunk " + counter + " is shorter than its tag");
            }
            try {
                out.writeBytes(run(Cipher.DECRYPT_MODE, key, counter, last, ciphertext, off, n));
            } catch (TlockException e) {
                throw new TlockException("age: payload chunk " + counter + " does not authenticate"
                        + (last ? " (wrong key, or the file was truncated or altered)" : ""));
            }
            counter++;
            off += n;
        }
        return out.toByteArray();
    }

    private static byte[] run(int mode, byte[] key, long counter, boolean last, byte[] in, int off, int len) {
        byte[] nonce = new byte[NONCE];
        for (int i = 0; i < 8; i++) {
            nonce[10 - i] = (byte) (counter >>> (8 * i));
        }
        nonce[11] = (byte) (last ? 1 : 0);
        try {
            Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            return c.doFinal(in, off, len);
        } catch (AEADBadTagException e) {
            throw new TlockException("age: chunk does not authenticate");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable in this JVM", e);
        }
    }
}
