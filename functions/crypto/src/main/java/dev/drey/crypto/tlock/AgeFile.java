package dev.drey.crypto.tlock;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hashes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * An age v1 file (the binary form): the header lines, their MAC, and the encrypted payload.
 *
 * <pre>
 * age-encryption.org/v1
 * -> type arg...
 * base64 body, unpadded, 64 columns, last line shorter (possibly empty)
 * --- base64(HMAC-SHA256(HKDF(file key, salt = "", info = "header"), header through "---"))
 * nonce(16) || STREAM[HKDF(file key, salt = nonce, info = "payload")](plaintext)
 * </pre>
 *
 * Parsing is strict (one canonical encoding per header, as Go's age requires) because the MAC covers the header
 * text: a lenient parser would accept two headers with one meaning.
 */
public record AgeFile(List<Stanza> stanzas, byte[] headerMac, byte[] macInput, byte[] payload) {
    public static final int FILE_KEY_LENGTH = 16;
    static final String VERSION_LINE = "age-encryption.org/v1";
    private static final int NONCE_LENGTH = 16;
    private static final int COLUMNS = 64;
    private static final int MAC_LENGTH = 32;
    /** A header is a few stanzas; anything longer is not a header we will read. */
    private static final int MAX_HEADER = 64 * 1024;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    public AgeFile {
        stanzas = List.copyOf(stanzas);
        headerMac = headerMac.clone();
        macInput = macInput.clone();
        payload = payload.clone();
    }

    /** Encrypts plaintext under fileKey, with the stanzas that wrap fileKey; the nonce is the caller's randomness. */
    public static byte[] encrypt(byte[] fileKey, List<Stanza> stanzas, byte[] plaintext, byte[] nonce) {
        checkFileKey(fileKey);
        if (stanzas.isEmpty()) {
            throw new TlockException("age: a file needs at least one recipient stanza");
        }
        if (nonce.length != NONCE_LENGTH) {
            throw new TlockException("age: the payload nonce must be " + NONCE_LENGTH + " bytes");
        }
        StringBuilder h = new StringBuilder(VERSION_LINE).append('\n');
        for (Stanza s : stanzas) {
            h.append("-> ").append(s.type());
            for (String a : s.args()) {
                h.append(' ').append(a);
            }
            h.append('\n');
            String body = B64.encodeToString(s.body());
            int i = 0;
            for (; i + COLUMNS <= body.length(); i += COLUMNS) {
                h.append(body, i, i + COLUMNS).append('\n');
            }
            h.append(body, i, body.length()).append('\n'); // the short (possibly empty) last line ends the body
        }
        h.append("---");
        byte[] macInput = h.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] mac = headerMac(fileKey, macInput);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(macInput);
        out.writeBytes((" " + B64.encodeToString(mac) + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nonce);
        out.writeBytes(AgeStream.seal(payloadKey(fileKey, nonce), plaintext));
        return out.toByteArray();
    }

    /** Parses the header and splits off the payload; nothing is authenticated until {@link #decrypt}. */
    public static AgeFile parse(byte[] file) {
        Lines lines = new Lines(file);
        if (!VERSION_LINE.equals(lines.next())) {
            throw new TlockException("age: not an age v1 file (the first line must be " + VERSION_LINE + ")");
        }
        List<Stanza> stanzas = new ArrayList<>();
        String line = lines.next();
        while (line.startsWith("-> ")) {
            String[] tokens = line.substring(3).split(" ", -1);
            List<String> args = List.of(tokens).subList(1, tokens.length);
            stanzas.add(new Stanza(tokens[0], args, readBody(lines)));
            line = lines.next();
        }
        if (stanzas.isEmpty()) {
            throw new TlockException("age: the header has no recipient stanza");
        }
        if (!line.startsWith("--- ")) {
            throw new TlockException("age: expected a stanza or the MAC line, found something else");
        }
        byte[] mac = decodeBase64(line.substring(4), "header MAC");
        if (mac.length != MAC_LENGTH) {
            throw new TlockException("age: the header MAC must be " + MAC_LENGTH + " bytes");
        }
        int macInputEnd = lines.position - 1 - (line.length() - 3); // through "---", without " mac\n"
        byte[] macInput = java.util.Arrays.copyOfRange(file, 0, macInputEnd);
        byte[] payload = java.util.Arrays.copyOfRange(file, lines.position, file.length);
        return new AgeFile(stanzas, mac, macInput, payload);
    }

    /** Checks the header MAC with fileKey, then opens the payload. */
    public byte[] decrypt(byte[] fileKey) {
        checkFileKey(fileKey);
        if (!Bytes.constantTimeEquals(headerMac(fileKey, macInput), headerMac)) {
            throw new TlockException("age: the header MAC does not verify (wrong file key, or the header was altered)");
        }
        if (payload.length < NONCE_LENGTH) {
            throw new TlockException("age: the payload is shorter than its nonce");
        }
        byte[] nonce = java.util.Arrays.copyOf(payload, NONCE_LENGTH);
        return AgeStream.open(payloadKey(fileKey, nonce), payload, NONCE_LENGTH);
    }

    @Override
    public byte[] headerMac() {
        return headerMac.clone();
    }

    @Override
    public byte[] macInput() {
        return macInput.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    private static byte[] readBody(Lines lines) {
        StringBuilder b64 = new StringBuilder();
        while (true) {
            String line = lines.next();
            if (line.length() > COLUMNS) {
                throw new TlockException("age: a stanza body line is longer than " + COLUMNS + " columns");
            }
            b64.append(line);
            if (line.length() < COLUMNS) {
                return decodeBase64(b64.toString(), "stanza body");
            }
        }
    }

    /** Unpadded standard base64, canonical only (no padding, no stray bits), as age requires. */
    static byte[] decodeBase64(String s, String what) {
        if (s.length() % 4 == 1 || s.indexOf('=') >= 0) {
            throw new TlockException("age: " + what + " is not unpadded base64");
        }
        byte[] out;
        try {
            out = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new TlockException("age: " + what + " is not base64");
        }
        if (!B64.encodeToString(out).equals(s)) {
            throw new TlockException("age: " + what + " is not canonical base64");
        }
        return out;
    }

    private static byte[] headerMac(byte[] fileKey, byte[] macInput) {
        return Hashes.hmacSha256(hkdf(fileKey, new byte[0], "header"), macInput);
    }

    private static byte[] payloadKey(byte[] fileKey, byte[] nonce) {
        return hkdf(fileKey, nonce, "payload");
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt, String info) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[32];
        g.generateBytes(out, 0, out.length);
        return out;
    }

    private static void checkFileKey(byte[] fileKey) {
        if (fileKey.length != FILE_KEY_LENGTH) {
            throw new TlockException("age: the file key must be " + FILE_KEY_LENGTH + " bytes");
        }
    }

    /** LF-terminated ASCII header lines; a header line must end before the header size bound. */
    private static final class Lines {
        private final byte[] file;
        int position;

        Lines(byte[] file) {
            this.file = file;
        }

        String next() {
            int limit = Math.min(file.length, MAX_HEADER);
            for (int i = position; i < limit; i++) {
                byte b = file[i];
                if (b == '\n') {
                    String line = new String(file, position, i - position, StandardCharsets.US_ASCII);
                    position = i + 1;
                    return line;
                }
                if (b < 32 || b > 126) {
                    throw new TlockException("age: the header has a byte outside printable ASCII");
                }
            }
            throw new TlockException("age: the header is truncated or too long");
        }
    }
}
