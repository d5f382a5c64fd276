package dev.drey.cli;

import java.io.ByteArrayOutputStream;

/**
 * NIP-19 npub (bech32, BIP-173) encoding of an x-only public key, for the frost commands' output.
 * Encoding only; once the nostr module's NIP-19 codec is on this branch this should delegate to it.
 */
final class Npub {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Npub() {
    }

    static String encode(byte[] xOnly) {
        byte[] data = convertBits(xOnly);
        String hrp = "npub";
        int[] values = new int[hrp.length() * 2 + 1 + data.length + 6];
        int k = 0;
        for (char c : hrp.toCharArray()) {
            values[k++] = c >> 5;
        }
        values[k++] = 0;
        for (char c : hrp.toCharArray()) {
            values[k++] = c & 31;
        }
        for (byte b : data) {
            values[k++] = b;
        }
        int polymod = polymod(values) ^ 1;
        StringBuilder sb = new StringBuilder(hrp).append('1');
        for (byte b : data) {
            sb.append(CHARSET.charAt(b));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(CHARSET.charAt((polymod >> (5 * (5 - i))) & 31));
        }
        return sb.toString();
    }

    private static int polymod(int[] values) {
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= GEN[i];
                }
            }
        }
        return chk;
    }

    /** 8-bit groups to 5-bit groups, padded. */
    private static byte[] convertBits(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (byte b : in) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.write((acc >> bits) & 31);
            }
        }
        if (bits > 0) {
            out.write((acc << (5 - bits)) & 31);
        }
        return out.toByteArray();
    }
}
