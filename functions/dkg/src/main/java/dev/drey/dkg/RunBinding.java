package dev.drey.dkg;

import dev.drey.crypto.Hashes;
import dev.drey.crypto.Hex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What a run's proofs of knowledge are bound to, so a proof from one run cannot be replayed into another (or
 * into the same run id with another roster): SHA-256 over {@code "drey/dkg/pok/v1"} || run id (32 bytes) ||
 * key type and curve (each length-prefixed ASCII) || threshold (4 bytes) || for each member in ascending
 * identifier order: identifier (4 bytes, big endian) || x-only nostr key (32 bytes). The FROST proof hashes it
 * after id || C_0 || R, the DTA proof after its tag and the dealer's index.
 */
public final class RunBinding {
    private static final byte[] TAG = "drey/dkg/pok/v1".getBytes(StandardCharsets.US_ASCII);

    private RunBinding() {
    }

    public static byte[] proofContext(StartRequest start) {
        MessageDigest md = Hashes.sha256();
        md.update(TAG);
        md.update(Hex.decode(start.runId()));
        ascii(md, start.keyType().wireName());
        ascii(md, start.curve());
        md.update(ByteBuffer.allocate(4).putInt(start.threshold()).array());
        for (Participant p : start.roster().participants()) {
            md.update(ByteBuffer.allocate(4).putInt(p.id()).array());
            md.update(Hex.decode(p.pubkey()));
        }
        return md.digest();
    }

    private static void ascii(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        md.update(ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
    }
}
