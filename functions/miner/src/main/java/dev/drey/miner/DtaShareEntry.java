package dev.drey.miner;

import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key file's {@code dta-share} entry ({@code SecretKind.DTA_SHARE}): a miner's DTA master-secret
 * share, self-describing so a share is never used on the wrong curve or index. Layout: curve id (1 length
 * byte, ASCII), index (2 bytes, big-endian), value s_i (the curve's field size, big-endian).
 */
public final class DtaShareEntry {
    private DtaShareEntry() {
    }

    public static byte[] encode(MasterSecretShare share) {
        byte[] id = share.curve().id().getBytes(StandardCharsets.US_ASCII);
        if (share.index() > 0xffff) {
            throw new IllegalArgumentException("dta-share: index " + share.index() + " does not fit in 2 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id.length);
        out.writeBytes(id);
        out.write(share.index() >>> 8);
        out.write(share.index() & 0xff);
        out.writeBytes(fixed(share.value(), share.curve().fieldBytes()));
        return out.toByteArray();
    }

    public static MasterSecretShare decode(byte[] entry) {
        if (entry.length < 1 || entry.length < 1 + (entry[0] & 0xff) + 2) {
            throw new IllegalArgumentException("dta-share: entry is truncated");
        }
        int idLength = entry[0] & 0xff;
        PairingCurve curve;
        try {
            curve = PairingCurves.byName(new String(entry, 1, idLength, StandardCharsets.US_ASCII));
        } catch (PairingException e) {
            throw new IllegalArgumentException("dta-share: " + e.getMessage());
        }
        int at = 1 + idLength;
        int index = ((entry[at] & 0xff) << 8) | (entry[at + 1] & 0xff);
        byte[] value = Arrays.copyOfRange(entry, at + 2, entry.length);
        try {
            if (value.length != curve.fieldBytes()) {
                throw new IllegalArgumentException("dta-share: value must be " + curve.fieldBytes() + " bytes on "
                        + curve.id() + ", was " + value.length);
            }
            return new MasterSecretShare(curve, index, new BigInteger(1, value));
        } catch (PairingException e) {
            throw new IllegalArgumentException("dta-share: " + e.getMessage());
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    private static byte[] fixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(raw.length, length); // raw may carry one leading sign byte; the value is < r < 2^(8·length)
        System.arraycopy(raw, raw.length - n, out, length - n, n);
        Arrays.fill(raw, (byte) 0);
        return out;
    }
}
