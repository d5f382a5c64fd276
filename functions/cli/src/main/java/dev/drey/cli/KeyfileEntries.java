package dev.drey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.miner.DtaShareEntry;
import dev.drey.secrets.SecretKind;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A key file's entries as an operator gives them, checked as the functions will decode them. Secrets never come
 * as command-line values (the process list and shell history would show them, see {@link SecretArgument}): a
 * value of {@code -} is read from standard input (only one option may say so), {@code --identity-key-file} and
 * {@code --frost-share-file} read a file, {@code --dta-share} takes a file or {@code -}. Errors name the option,
 * never the value.
 */
final class KeyfileEntries {
    static final String STDIN = "-";
    static final int MAX_FILE_BYTES = 64 * 1024;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private final InputStream stdin;

    KeyfileEntries(InputStream stdin) {
        this.stdin = stdin;
    }

    /**
     * The entries given (null options are left out).
     *
     * @throws CliException naming the first option whose value is not usable
     */
    Map<SecretKind, byte[]> parse(String identityKey, Path identityKeyFile, String frostShare, Path frostShareFile,
            String dtaShare) {
        long fromStdin = java.util.stream.Stream.of(identityKey, frostShare, dtaShare)
                .filter(v -> v != null && v.strip().equals(STDIN)).count();
        if (fromStdin > 1) {
            throw new CliException("only one of --identity-key, --frost-share and --dta-share can read standard input (-)");
        }
        Map<SecretKind, byte[]> out = new EnumMap<>(SecretKind.class);
        SecretArgument.read("--identity-key", identityKey, identityKeyFile, stdin, null)
                .ifPresent(t -> out.put(SecretKind.IDENTITY_KEY, KeyInput.secretKey(t, "--identity-key")));
        SecretArgument.read("--frost-share", frostShare, frostShareFile, stdin, null)
                .ifPresent(t -> out.put(SecretKind.FROST_SHARE, frostShare(t)));
        if (dtaShare != null) {
            out.put(SecretKind.DTA_SHARE, dtaShare(dtaShare));
        }
        return out;
    }

    /** A FROST signing share: 32 bytes of hex, a non-zero scalar below the secp256k1 order. */
    static byte[] frostShare(String hex) {
        try {
            byte[] share = Hex.decode(hex.toLowerCase(Locale.ROOT), 32);
            Scalar.decodeNonZero(share);
            return share;
        } catch (RuntimeException e) {
            throw new CliException("--frost-share: not a FROST signing share (64 hex characters, a non-zero scalar "
                    + "below the secp256k1 order)");
        }
    }

    /**
     * A DTA master-secret share: standard input or a file (never the share itself on the command line). The text is either the key-file entry itself
     * (hex of curve id, index and value, as {@link DtaShareEntry} encodes it) or JSON
     * {@code {"curve":"bls381","index":2,"share":"<hex of s_i>"}} (s_i big-endian, at most the curve's scalar
     * length: 48 bytes on bls381).
     */
    byte[] dtaShare(String value) {
        String text;
        if (value.strip().equals(STDIN)) {
            text = Stdin.readAll(stdin);
        } else if (isFile(value)) {
            text = readFile(Path.of(value));
        } else {
            // Not echoed: it may be the share itself, typed where the file name belongs.
            throw new CliException("--dta-share takes a FILE or - (standard input), and the value is not an existing "
                    + "file (a share on the command line would show in the process list)");
        }
        text = text.strip();
        byte[] entry = text.startsWith("{") ? fromJson(text) : entryHex(text);
        try {
            DtaShareEntry.decode(entry.clone());
            return entry;
        } catch (IllegalArgumentException e) {
            Arrays.fill(entry, (byte) 0);
            throw new CliException("--dta-share: " + e.getMessage());
        }
    }

    private static boolean isFile(String value) {
        try {
            return Files.isRegularFile(Path.of(value));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String readFile(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CliException("--dta-share: " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("--dta-share: cannot read " + file + ": " + e.getMessage());
        }
    }

    private static byte[] entryHex(String text) {
        if (!HEX.matcher(text).matches() || (text.length() & 1) != 0) {
            throw new CliException("--dta-share: not hex of a dta-share entry, nor a JSON object");
        }
        return Hex.decode(text.toLowerCase(Locale.ROOT));
    }

    private static byte[] fromJson(String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            // Jackson's message quotes the input, which is secret.
            throw new CliException("--dta-share: not valid JSON");
        }
        JsonNode curve = root.get("curve");
        JsonNode index = root.get("index");
        JsonNode share = root.get("share");
        if (curve == null || !curve.isTextual() || index == null || !index.canConvertToInt() || !index.isIntegralNumber()
                || share == null || !share.isTextual()) {
            throw new CliException("--dta-share: JSON needs \"curve\" (text), \"index\" (integer) and \"share\" (hex)");
        }
        PairingCurve c;
        try {
            c = PairingCurves.byName(curve.asText());
        } catch (RuntimeException e) {
            throw new CliException("--dta-share: " + e.getMessage());
        }
        String hex = share.asText().strip().toLowerCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches() || (hex.length() & 1) != 0) {
            throw new CliException("--dta-share: \"share\" is not hex");
        }
        byte[] value = Hex.decode(hex);
        int length = c.mpin().scalarLength();
        if (value.length < length) {
            // a big-endian number may come without the curve's leading zero bytes (BLS12-381's r has 255 bits)
            byte[] padded = new byte[length];
            System.arraycopy(value, 0, padded, length - value.length, value.length);
            Arrays.fill(value, (byte) 0);
            value = padded;
        }
        try {
            BigInteger s = c.scalarFromBytes(value, "--dta-share: \"share\"");
            return DtaShareEntry.encode(new MasterSecretShare(c, index.asInt(), s));
        } catch (RuntimeException e) {
            throw new CliException(e.getMessage().startsWith("--dta-share") ? e.getMessage() : "--dta-share: " + e.getMessage());
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }
}
