package dev.drey.nostr;

import static dev.drey.nostr.Nip19Exception.Reason.BAD_CHECKSUM;
import static dev.drey.nostr.Nip19Exception.Reason.MALFORMED;
import static dev.drey.nostr.Nip19Exception.Reason.MIXED_CASE;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * BIP-173 bech32 (the original checksum constant 1, not bech32m), as NIP-19 uses it. Works on
 * 8-bit payloads: the 5-bit regrouping is done here. The 90-character cap of BIP-173 is a
 * parameter because NIP-19 TLV entities may be longer.
 */
final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final byte[] REV = new byte[128];

    static {
        java.util.Arrays.fill(REV, (byte) -1);
        for (int i = 0; i < CHARSET.length(); i++) {
            REV[CHARSET.charAt(i)] = (byte) i;
        }
    }

    /** The human-readable prefix and the 8-bit payload of a bech32 string. */
    record Decoded(String hrp, byte[] data) {
    }

    private Bech32() {
    }

    private static int polymod(int chk, int v) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GEN[i];
            }
        }
        return chk;
    }

    private static int hrpChecksumState(String hrp) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = polymod(chk, hrp.charAt(i) >> 5);
        }
        chk = polymod(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = polymod(chk, hrp.charAt(i) & 31);
        }
        return chk;
    }

    static String encode(String hrp, byte[] data) {
        return encodeFiveBit(hrp, toFiveBits(data));
    }

    /** Encodes 5-bit groups as they are (tests use it to build non-canonical padding). */
    static String encodeFiveBit(String hrp, byte[] five) {
        int chk = hrpChecksumState(hrp);
        StringBuilder sb = new StringBuilder(hrp.length() + 1 + five.length + 6);
        sb.append(hrp).append('1');
        for (byte b : five) {
            chk = polymod(chk, b);
            sb.append(CHARSET.charAt(b));
        }
        for (int i = 0; i < 6; i++) {
            chk = polymod(chk, 0);
        }
        chk ^= 1;
        for (int i = 0; i < 6; i++) {
            sb.append(CHARSET.charAt((chk >>> (5 * (5 - i))) & 31));
        }
        return sb.toString();
    }

    static Decoded decode(String s, int maxLength) {
        if (s == null) {
            throw new Nip19Exception(MALFORMED, "bech32: missing");
        }
        if (s.length() < 8 || s.length() > maxLength) {
            throw new Nip19Exception(MALFORMED, "bech32: length " + s.length() + " outside 8.." + maxLength);
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                throw new Nip19Exception(MALFORMED, "bech32: invalid character at " + i);
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new Nip19Exception(MIXED_CASE, "bech32: mixed upper and lower case");
        }
        s = s.toLowerCase(Locale.ROOT);
        int sep = s.lastIndexOf('1');
        if (sep < 1 || s.length() - sep - 1 < 6) {
            throw new Nip19Exception(MALFORMED, "bech32: missing prefix, separator or checksum");
        }
        String hrp = s.substring(0, sep);
        int chk = hrpChecksumState(hrp);
        byte[] five = new byte[s.length() - sep - 1 - 6];
        for (int i = sep + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = REV[c];
            if (v < 0) {
                throw new Nip19Exception(MALFORMED, "bech32: invalid character '" + c + "' at " + i);
            }
            chk = polymod(chk, v);
            int k = i - sep - 1;
            if (k < five.length) {
                five[k] = (byte) v;
            }
        }
        if (chk != 1) {
            throw new Nip19Exception(BAD_CHECKSUM, "bech32: checksum does not match");
        }
        return new Decoded(hrp, fromFiveBits(five));
    }

    private static byte[] toFiveBits(byte[] data) {
        byte[] out = new byte[(data.length * 8 + 4) / 5];
        int acc = 0;
        int bits = 0;
        int o = 0;
        for (byte b : data) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[o++] = (byte) ((acc >>> bits) & 31);
            }
        }
        if (bits > 0) {
            out[o++] = (byte) ((acc << (5 - bits)) & 31);
        }
        return out;
    }

    /** Strict regrouping: at most 4 padding bits, all zero (BIP-173). */
    private static byte[] fromFiveBits(byte[] five) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(five.length * 5 / 8);
        int acc = 0;
        int bits = 0;
        for (byte v : five) {
            acc = ((acc << 5) | v) & 0xfff;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((acc >>> bits) & 0xff);
            }
        }
        if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0) {
            throw new Nip19Exception(MALFORMED, "bech32: invalid padding");
        }
        return out.toByteArray();
    }
}
