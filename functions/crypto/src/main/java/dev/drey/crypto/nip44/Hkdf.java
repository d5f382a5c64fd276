package dev.drey.crypto.nip44;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hashes;

/** HKDF with SHA-256 (RFC 5869): NIP-44 uses its two halves separately. */
final class Hkdf {
    private static final int HASH_LEN = 32;

    private Hkdf() {
    }

    /** PRK = HMAC-SHA256(salt, ikm). */
    static byte[] extract(byte[] salt, byte[] ikm) {
        return Hashes.hmacSha256(salt, ikm);
    }

    /** OKM = T(1) || T(2) || ... truncated to length, T(i) = HMAC(prk, T(i-1) || info || i). */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_LEN) {
            throw new CryptoException("hkdf: output length " + length + " out of range");
        }
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int off = 0;
        for (int i = 1; off < length; i++) {
            t = Hashes.hmacSha256(prk, t, info, new byte[] {(byte) i});
            int n = Math.min(HASH_LEN, length - off);
            System.arraycopy(t, 0, out, off, n);
            off += n;
        }
        return out;
    }
}
