package dev.drey.crypto.election;

import dev.drey.crypto.Hashes;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The input of one Fiat–Shamir or record hash: a BIP-340 tagged SHA-256 over length-prefixed parts, so no two
 * different sequences of parts hash alike and no hash of one purpose stands in for another.
 */
final class Transcript {
    private final Hashes.Tagged tag;
    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

    Transcript(String purpose) {
        this.tag = new Hashes.Tagged("drey/election/v1/" + purpose);
    }

    Transcript put(byte[] b) {
        putLength(b.length);
        parts.writeBytes(b);
        return this;
    }

    Transcript put(String s) {
        return put(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A point as its 33-byte compression; infinity (never valid in a statement) as 33 zero bytes. */
    Transcript put(Point p) {
        return put(p.isInfinity() ? new byte[33] : p.encodeCompressed());
    }

    Transcript put(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return put(b);
    }

    private void putLength(int n) {
        parts.write(n >>> 24);
        parts.write(n >>> 16);
        parts.write(n >>> 8);
        parts.write(n);
    }

    byte[] digest() {
        return tag.hash(parts.toByteArray());
    }

    Scalar challenge() {
        return Scalar.reduce(digest());
    }
}
