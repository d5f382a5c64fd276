package dev.drey.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;

/** Byte helpers shared by the crypto code. */
public final class Bytes {
    private Bytes() {
    }

    /** Big-endian, left-padded to exactly 32 bytes; the value must fit. */
    public static byte[] fixed32(BigInteger v) {
        byte[] raw = v.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        byte[] out = new byte[32];
        if (raw.length > 32) {
            if (raw.length == 33 && raw[0] == 0) {
                System.arraycopy(raw, 1, out, 0, 32);
                return out;
            }
            throw new CryptoException("value does not fit in 32 bytes");
        }
        System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new CryptoException("xor: lengths differ");
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** Constant-time equality (MACs, secrets). */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    public static byte[] sha256(byte[]... parts) {
        MessageDigest md = Hashes.sha256();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }
}
