package dev.drey.crypto.frost;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hashes;
import dev.drey.crypto.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * RFC 9380 hash_to_field for the secp256k1 scalar field with expand_message_xmd(SHA-256), one
 * element of L = 48 bytes (RFC 9591 section 6.5). The message may be absorbed in pieces, and a
 * state holding a common prefix can be cloned per use (binding factors share a long prefix).
 */
public final class HashToField {
    private static final int L = 48;
    private static final byte[] Z_PAD = new byte[64];

    private final byte[] dstPrime;

    public HashToField(String dst) {
        byte[] d = dst.getBytes(StandardCharsets.US_ASCII);
        if (d.length > 255) {
            throw new CryptoException("hash_to_field: domain separation tag longer than 255 bytes");
        }
        dstPrime = new byte[d.length + 1];
        System.arraycopy(d, 0, dstPrime, 0, d.length);
        dstPrime[d.length] = (byte) d.length;
    }

    /** A fresh state that has absorbed Z_pad; feed the message with {@code update}, then {@link #finish}. */
    public MessageDigest start() {
        MessageDigest md = Hashes.sha256();
        md.update(Z_PAD);
        return md;
    }

    /** Completes expand_message_xmd on a state from {@link #start} (plus message) and reduces mod n. */
    public Scalar finish(MessageDigest started) {
        started.update(new byte[] {0, (byte) L, 0});
        started.update(dstPrime);
        byte[] b0 = started.digest();
        MessageDigest md = Hashes.sha256();
        md.update(b0);
        md.update((byte) 1);
        md.update(dstPrime);
        byte[] b1 = md.digest();
        byte[] x = new byte[32];
        for (int i = 0; i < 32; i++) {
            x[i] = (byte) (b0[i] ^ b1[i]);
        }
        md.update(x);
        md.update((byte) 2);
        md.update(dstPrime);
        byte[] b2 = md.digest();
        byte[] uniform = new byte[L];
        System.arraycopy(b1, 0, uniform, 0, 32);
        System.arraycopy(b2, 0, uniform, 32, L - 32);
        return Scalar.reduce(uniform);
    }

    public Scalar hash(byte[]... parts) {
        MessageDigest md = start();
        for (byte[] p : parts) {
            md.update(p);
        }
        return finish(md);
    }

    static MessageDigest copy(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest must be cloneable", e);
        }
    }
}
