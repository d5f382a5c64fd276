package dev.drey.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row of shared/vectors/bip340/test-vectors.csv, the final BIP-340 file (19 rows, messages of
 * 0, 1, 17, 32 and 100 bytes), through the production paths: {@link Schnorr} (what nostr uses),
 * the pure {@link Bip340#FINAL} and, for 32-byte messages (the only length the binding takes),
 * libsecp256k1 directly.
 */
class Bip340VectorTest {
    private static final String FILE = "bip340/test-vectors.csv";

    private static List<Row> rows;

    record Row(int index, byte[] secretKey, byte[] publicKey, byte[] auxRand, byte[] message, byte[] signature,
            boolean expected, String comment) {
        boolean hasSecretKey() {
            return secretKey.length > 0;
        }

        String where() {
            return "row " + index + " (" + message.length + "-byte message" + (comment.isEmpty() ? "" : ", " + comment)
                    + ")";
        }
    }

    @BeforeAll
    static void load() throws IOException {
        List<String> lines = Files.readAllLines(Vectors.file(FILE), StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("index,secret key,public key,aux_rand,message,signature,"
                + "verification result"), "unexpected header: " + lines.get(0));
        rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(parse(line));
            }
        }
    }

    private static Row parse(String line) {
        String[] f = line.split(",", 8);
        if (f.length < 7) {
            fail(FILE + ": short row: " + line);
        }
        return new Row(Integer.parseInt(f[0]), hex(f[1]), hex(f[2]), hex(f[3]), hex(f[4]), hex(f[5]),
                switch (f[6]) {
                    case "TRUE" -> true;
                    case "FALSE" -> false;
                    default -> throw new AssertionError(FILE + ": bad verification result " + f[6]);
                },
                f.length > 7 ? f[7] : "");
    }

    private static byte[] hex(String field) {
        return Hex.decode(field.toLowerCase(Locale.ROOT)); // the file uses uppercase hex
    }

    @Test
    void fileIsTheFinalBipWithNineteenRowsAndVariableLengthMessages() {
        // The 2020 draft had 15 rows, all with 32-byte messages and "has_square_y" comments.
        assertEquals(19, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).index());
        }
        assertTrue(rows.stream().noneMatch(r -> r.comment().contains("has_square_y")), "draft rows in " + FILE);
        assertEquals(Set.of(0, 1, 17, 32, 100),
                rows.stream().map(r -> r.message().length).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void everyRowSignsByteExactAndVerifiesAsExpected() {
        int signed = 0;
        Set<Integer> signedLengths = new TreeSet<>();
        for (Row r : rows) {
            if (r.hasSecretKey()) {
                assertArrayEquals(r.publicKey(), Bip340.publicKey(r.secretKey()), r.where() + " public key");
                assertArrayEquals(r.publicKey(), Schnorr.publicKey(r.secretKey()), r.where() + " Schnorr public key");
                assertArrayEquals(r.signature(), Bip340.FINAL.sign(r.secretKey(), r.message(), r.auxRand()),
                        r.where() + " pure signature");
                assertArrayEquals(r.signature(), Schnorr.sign(r.secretKey(), r.message(), r.auxRand()),
                        r.where() + " Schnorr signature");
                signed++;
                signedLengths.add(r.message().length);
            }
            assertEquals(r.expected(), Bip340.FINAL.verify(r.publicKey(), r.message(), r.signature()),
                    r.where() + " pure verification");
            assertEquals(r.expected(), Schnorr.verify(r.publicKey(), r.message(), r.signature()),
                    r.where() + " Schnorr verification");
            assertEquals(r.expected(), Schnorr.Backend.select(true).verify(r.publicKey(), r.message(), r.signature()),
                    r.where() + " Schnorr pure backend verification");
        }
        assertEquals(8, signed, "signing rows");
        assertEquals(Set.of(0, 1, 17, 32, 100), signedLengths);
    }

    @Test
    void thirtyTwoByteRowsAlsoMatchLibsecp256k1() {
        NativeSchnorr lib = NativeSchnorr.load();
        int checked = 0;
        for (Row r : rows) {
            if (!NativeSchnorr.supports(r.message())) {
                continue; // the binding refuses other lengths; Schnorr sends them to the pure path (checked above)
            }
            if (r.hasSecretKey()) {
                assertArrayEquals(r.signature(), lib.sign(r.secretKey(), r.message(), r.auxRand()),
                        r.where() + " libsecp256k1 signature");
            }
            assertEquals(r.expected(), lib.verify(r.publicKey(), r.message(), r.signature()),
                    r.where() + " libsecp256k1 verification");
            checked++;
        }
        assertEquals(15, checked, "rows with 32-byte messages");
    }

    /**
     * Rows whose key or signature is malformed (key not liftable, r not an x-coordinate,
     * r &gt;= p, s &gt;= n) are false under any variant: both FINAL paths must refuse them.
     */
    @Test
    void malformedRowsFailFinalVerificationOnBothPaths() {
        NativeSchnorr lib = NativeSchnorr.load();
        List<Integer> malformed = new ArrayList<>();
        for (Row r : rows) {
            if (!malformed(r)) {
                continue;
            }
            malformed.add(r.index());
            assertFalse(r.expected(), "row " + r.index() + " is malformed yet expected to verify");
            assertFalse(Bip340.FINAL.verify(r.publicKey(), r.message(), r.signature()),
                    "row " + r.index() + " pure FINAL (" + r.comment() + ")");
            assertFalse(Schnorr.Backend.select(true).verify(r.publicKey(), r.message(), r.signature()),
                    "row " + r.index() + " Schnorr pure backend");
            if (NativeSchnorr.supports(r.message())) {
                assertFalse(lib.verify(r.publicKey(), r.message(), r.signature()),
                        "row " + r.index() + " libsecp256k1 (" + r.comment() + ")");
            }
            assertFalse(Schnorr.verify(r.publicKey(), r.message(), r.signature()), "row " + r.index() + " Schnorr");
        }
        // The file has: key off the curve, key x >= p, r not on the curve, r == p, s == n.
        assertTrue(malformed.size() >= 5, "expected at least 5 malformed rows, found " + malformed);
    }

    private static boolean malformed(Row r) {
        byte[] rx = Arrays.copyOfRange(r.signature(), 0, 32);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(r.signature(), 32, 64));
        return !liftable(r.publicKey()) || !liftable(rx) || s.compareTo(Scalar.N) >= 0;
    }

    private static boolean liftable(byte[] x) {
        try {
            Point.liftX(x);
            return true;
        } catch (CryptoException e) {
            return false;
        }
    }
}
