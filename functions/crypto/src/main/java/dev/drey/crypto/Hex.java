package dev.drey.crypto;

/** Lowercase hex, strict on input: nostr and the vectors never use uppercase. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Decodes lowercase hex of any even length. */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new CryptoException("hex: missing");
        }
        if ((hex.length() & 1) != 0) {
            throw new CryptoException("hex: odd length " + hex.length());
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digit(hex, 2 * i) << 4) | digit(hex, 2 * i + 1));
        }
        return out;
    }

    /** Decodes lowercase hex that must encode exactly {@code bytes} bytes. */
    public static byte[] decode(String hex, int bytes) {
        if (hex == null) {
            throw new CryptoException("hex: missing");
        }
        if (hex.length() != 2 * bytes) {
            throw new CryptoException("hex: expected " + (2 * bytes) + " characters, got " + hex.length());
        }
        return decode(hex);
    }

    /** True when s is lowercase hex of exactly the given number of bytes. */
    public static boolean isLowerHex(String s, int bytes) {
        if (s == null || s.length() != 2 * bytes) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static int digit(String s, int i) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        throw new CryptoException("hex: invalid character at " + i + " (lowercase hex expected)");
    }
}
