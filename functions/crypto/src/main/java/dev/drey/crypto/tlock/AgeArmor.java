package dev.drey.crypto.tlock;

import java.util.Base64;

/**
 * age's ASCII armor: a PEM-like block of padded standard base64 in 64-column lines. Decoding is strict (every line but
 * the last is exactly 64 columns, canonical base64, nothing but whitespace around the block, and at most 1024
 * characters of it) so one file has one armored form, as Go's age reads it.
 */
public final class AgeArmor {
    public static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    public static final String END = "-----END AGE ENCRYPTED FILE-----";
    private static final int COLUMNS = 64;
    private static final int MAX_SURROUNDING_WHITESPACE = 1024;

    private AgeArmor() {
    }

    public static String encode(byte[] file) {
        String b64 = Base64.getEncoder().encodeToString(file);
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        for (int i = 0; i < b64.length(); i += COLUMNS) {
            out.append(b64, i, Math.min(b64.length(), i + COLUMNS)).append('\n');
        }
        return out.append(END).append('\n').toString();
    }

    public static boolean looksArmored(String text) {
        return text.stripLeading().startsWith(BEGIN);
    }

    public static byte[] decode(String armor) {
        String body = armor.strip();
        if (armor.length() - body.length() > 2 * MAX_SURROUNDING_WHITESPACE) {
            throw new TlockException("armor: too much whitespace around the armored block");
        }
        if (body.length() < BEGIN.length() + END.length() + 2 || !body.startsWith(BEGIN + "\n")
                || !body.endsWith("\n" + END)) {
            throw new TlockException("armor: expected a block from '" + BEGIN + "' to '" + END + "'");
        }
        String inner = body.substring(BEGIN.length() + 1, body.length() - END.length() - 1);
        if (inner.isEmpty()) {
            throw new TlockException("armor: the armored block is empty");
        }
        String[] lines = inner.split("\n", -1);
        StringBuilder b64 = new StringBuilder(inner.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean last = i == lines.length - 1;
            if (last ? line.isEmpty() || line.length() > COLUMNS : line.length() != COLUMNS) {
                throw new TlockException("armor: line " + (i + 2) + " must be " + (last ? "1 to " : "exactly ")
                        + COLUMNS + " columns");
            }
            b64.append(line);
        }
        byte[] file;
        try {
            file = Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new TlockException("armor: the block is not valid base64");
        }
        if (!Base64.getEncoder().encodeToString(file).contentEquals(b64)) {
            throw new TlockException("armor: the block is not canonical base64");
        }
        return file;
    }
}
