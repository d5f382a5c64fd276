package dev.drey.nostr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * Writes compact JSON straight to UTF-8 bytes, with strings escaped exactly as ECMAScript's
 * {@code JSON.stringify} (ES2019, well-formed) does. Event ids are hashes of this output, so
 * any difference from nostr-tools would make ids disagree: only {@code "}, {@code \} and
 * U+0000..U+001F are escaped (short forms where JSON.stringify has them, else lowercase
 * backslash-u-00XX); lone surrogates become lowercase backslash-u-DXXX escapes; everything else,
 * U+2028/U+2029 and supplementary characters included, is written raw.
 */
public final class JsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;

    public JsonWriter() {
        this(256);
    }

    public JsonWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    /** Appends one structural ASCII character such as {@code [ , :}. */
    public JsonWriter raw(char ascii) {
        ensure(1);
        buf[len++] = (byte) ascii;
        return this;
    }

    /** Appends ASCII text verbatim (key names already quoted by the caller, literals). */
    public JsonWriter rawAscii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    public JsonWriter number(long v) {
        return rawAscii(Long.toString(v));
    }

    public JsonWriter bool(boolean v) {
        return rawAscii(v ? "true" : "false");
    }

    /** Appends a quoted, escaped string. */
    public JsonWriter string(String s) {
        int n = s.length();
        // Invariant: room for 3 bytes per remaining UTF-16 unit plus the closing quote. Raw
        // output never needs more (a surrogate pair is 4 bytes for 2 units); an escape needs up
        // to 6, so the escape paths re-establish the invariant first.
        ensure(n * 3 + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    buf[len++] = (byte) c;
                } else {
                    ensure(6 + 3 * (n - i) + 1);
                    escapeAscii(c);
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xc0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xf0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate: JSON.stringify writes it as a unicode escape (raw it is not UTF-8).
                ensure(6 + 3 * (n - i) + 1);
                unicodeEscape(c);
            } else {
                buf[len++] = (byte) (0xe0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        buf[len++] = '"';
        return this;
    }

    private void escapeAscii(char c) {
        switch (c) {
            case '"' -> twoChars('"');
            case '\\' -> twoChars('\\');
            case '\b' -> twoChars('b');
            case '\f' -> twoChars('f');
            case '\n' -> twoChars('n');
            case '\r' -> twoChars('r');
            case '\t' -> twoChars('t');
            default -> unicodeEscape(c);
        }
    }

    private void twoChars(char e) {
        buf[len++] = '\\';
        buf[len++] = (byte) e;
    }

    private void unicodeEscape(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xf];
        buf[len++] = HEX[(c >> 8) & 0xf];
        buf[len++] = HEX[(c >> 4) & 0xf];
        buf[len++] = HEX[c & 0xf];
    }

    /** Appends {@code ["a","b"]}. */
    public JsonWriter stringArray(Iterable<String> values) {
        raw('[');
        boolean first = true;
        for (String v : values) {
            if (!first) {
                raw(',');
            }
            first = false;
            string(v);
        }
        return raw(']');
    }

    /** Appends nostr tags: an array of arrays of strings. */
    public JsonWriter tags(List<List<String>> tags) {
        raw('[');
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                raw(',');
            }
            stringArray(tags.get(i));
        }
        return raw(']');
    }

    public int length() {
        return len;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    /** Feeds the bytes written so far to a digest without copying them. */
    public void digestInto(MessageDigest md) {
        md.update(buf, 0, len);
    }

    /** The JSON text; always valid UTF-8 since lone surrogates are escaped. */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
