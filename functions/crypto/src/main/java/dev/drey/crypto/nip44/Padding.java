package dev.drey.crypto.nip44;

import java.util.Arrays;

/**
 * NIP-44 v2 padding: {@code [length prefix][plaintext][zero bytes]}, where the plaintext plus
 * zeros is {@link #calcPaddedLen(long)} bytes long.
 *
 * <p>Length prefix, as amended in NIP-44 (nostr-protocol/nips PR #1907, refined by #2270):
 * lengths 1..65535 are a big-endian u16 (2 bytes, unchanged and byte-compatible with every
 * earlier payload); lengths of 65536 ({@value #EXTENDED_PREFIX_THRESHOLD}) and more are two zero
 * bytes followed by a big-endian u32 (6 bytes). The padding rule is applied to the real length in
 * both cases. A u16 of zero therefore never means "empty": it announces the u32, and a u32 below
 * the threshold is refused as a non-canonical encoding.
 */
final class Padding {
    static final int MIN_PLAINTEXT_LENGTH = 1;
    /** The spec's ceiling: the largest u32. */
    static final long MAX_PLAINTEXT_LENGTH = 0xffffffffL;
    static final int EXTENDED_PREFIX_THRESHOLD = 65536;
    static final int SHORT_PREFIX_LENGTH = 2;
    static final int EXTENDED_PREFIX_LENGTH = 6;

    private Padding() {
    }

    /**
     * The padded length of a plaintext of {@code unpaddedLen} bytes: 32 up to 32 bytes, then
     * rounded up to a multiple of 32 (up to 256) or of one eighth of the next power of two.
     */
    static long calcPaddedLen(long unpaddedLen) {
        if (unpaddedLen < MIN_PLAINTEXT_LENGTH || unpaddedLen > MAX_PLAINTEXT_LENGTH) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_PLAINTEXT,
                    "plaintext length " + unpaddedLen + " outside 1.." + MAX_PLAINTEXT_LENGTH);
        }
        if (unpaddedLen <= 32) {
            return 32;
        }
        // 1 << (floor(log2(len - 1)) + 1): the smallest power of two that is >= len.
        long nextPower = Long.highestOneBit(unpaddedLen - 1) << 1;
        long chunk = nextPower <= 256 ? 32 : nextPower / 8;
        return chunk * ((unpaddedLen - 1) / chunk + 1);
    }

    static int prefixLength(long unpaddedLen) {
        return unpaddedLen >= EXTENDED_PREFIX_THRESHOLD ? EXTENDED_PREFIX_LENGTH : SHORT_PREFIX_LENGTH;
    }

    /** Total padded size (prefix + padded plaintext) for a plaintext length. */
    static long paddedSize(long unpaddedLen) {
        return prefixLength(unpaddedLen) + calcPaddedLen(unpaddedLen);
    }

    /** Pads a plaintext whose length the caller has already bounded to fit an array. */
    static byte[] pad(byte[] plaintext) {
        int len = plaintext.length;
        byte[] out = new byte[Math.toIntExact(paddedSize(len))];
        int prefix = prefixLength(len);
        if (prefix == SHORT_PREFIX_LENGTH) {
            out[0] = (byte) (len >>> 8);
            out[1] = (byte) len;
        } else {
            // out[0] and out[1] stay zero: the marker for the u32 that follows.
            out[2] = (byte) (len >>> 24);
            out[3] = (byte) (len >>> 16);
            out[4] = (byte) (len >>> 8);
            out[5] = (byte) len;
        }
        System.arraycopy(plaintext, 0, out, prefix, len);
        return out;
    }

    /**
     * Recovers the plaintext from authenticated padded bytes.
     *
     * @throws Nip44Exception {@code INVALID_PADDING} when the prefix is truncated or
     *     non-canonical or the padded size does not match the declared length;
     *     {@code PLAINTEXT_TOO_LARGE} when the declared length is above maxPlaintextBytes
     */
    static byte[] unpad(byte[] padded, int maxPlaintextBytes) {
        if (padded.length < SHORT_PREFIX_LENGTH) {
            throw invalid("length prefix truncated");
        }
        long len = ((padded[0] & 0xffL) << 8) | (padded[1] & 0xffL);
        int prefix = SHORT_PREFIX_LENGTH;
        if (len == 0) {
            if (padded.length < EXTENDED_PREFIX_LENGTH) {
                throw invalid("extended length prefix truncated");
            }
            len = ((padded[2] & 0xffL) << 24) | ((padded[3] & 0xffL) << 16)
                    | ((padded[4] & 0xffL) << 8) | (padded[5] & 0xffL);
            prefix = EXTENDED_PREFIX_LENGTH;
            if (len < EXTENDED_PREFIX_THRESHOLD) {
                // Covers a declared length of zero too: no valid encoder writes this.
                throw invalid("extended length prefix declares " + len + " bytes (must be >= "
                        + EXTENDED_PREFIX_THRESHOLD + ")");
            }
        }
        if (padded.length != prefix + calcPaddedLen(len)) {
            throw invalid("padded size " + padded.length + " does not match declared length " + len);
        }
        // Only reachable when the padding is consistent: the caller already bounded the
        // payload size, so this is a plaintext in the same padding bucket as the limit.
        if (len > maxPlaintextBytes) {
            throw new Nip44Exception(Nip44Exception.Reason.PLAINTEXT_TOO_LARGE,
                    "declared plaintext length " + len + " above the limit of " + maxPlaintextBytes + " bytes");
        }
        return Arrays.copyOfRange(padded, prefix, prefix + (int) len);
    }

    private static Nip44Exception invalid(String detail) {
        return new Nip44Exception(Nip44Exception.Reason.INVALID_PADDING, "invalid padding (" + detail + ")");
    }
}
