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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row of shared/vectors/bip340/test-vectors.csv. The file in use is the February 2020
 * BIP-340 draft ("BIP340/" tags, R with square y); its comments say which variant it is
 * ("has_square_y" for the draft, "has_even_y" for the final BIP), so the rows run through the
 * matching {@link Bip340} variant and would run through {@link Bip340#FINAL} (and libsecp256k1)
 * if the file were replaced by the final vectors.
 */
class Bip340VectorTest {
    private static final String FILE = "bip340/test-vectors.csv";

    private static List<Row> rows;
    private static boolean isFinal;

    record Row(int index, byte[] secretKey, byte[] publicKey, byte[] auxRand, byte[] message, byte[] signature,
            boolean expected, String comment) {
        boolean hasSecretKey() {
            return secretKey.length > 0;
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
        boolean draft = rows.stream().anyMatch(r -> r.comment().contains("has_square_y"));
        boolean fin = rows.stream().anyMatch(r -> r.comment().contains("has_even_y"));
        if (draft == fin) {
            fail(FILE + ": cannot tell the BIP-340 variant (has_square_y: " + draft + ", has_even_y: " + fin + ")");
        }
        isFinal = fin;
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

    private static Bip340 variant() {
        return isFinal ? Bip340.FINAL : Bip340.DRAFT_2020;
    }

    @Test
    void fileIsTheFebruary2020DraftWithFifteenRows() {
        // Documents what the shared file is today; the other tests adapt if it changes.
        assertFalse(isFinal, FILE + " now holds the final BIP-340 vectors: update this note and the report");
        assertEquals(15, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).index());
        }
    }

    @Test
    void everyRowSignsByteExactAndVerifiesAsExpected() {
        Bip340 v = variant();
        int signed = 0;
        for (Row r : rows) {
            if (r.hasSecretKey()) {
                assertArrayEquals(r.publicKey(), Bip340.publicKey(r.secretKey()), "row " + r.index() + " public key");
                assertArrayEquals(r.signature(), v.sign(r.secretKey(), r.message(), r.auxRand()),
                        "row " + r.index() + " signature");
                signed++;
            }
            assertEquals(r.expected(), v.verify(r.publicKey(), r.message(), r.signature()),
                    "row " + r.index() + " verification (" + r.comment() + ")");
        }
        assertTrue(signed >= 4, "expected signing rows, found " + signed);
    }

    @Test
    void finalVectorsAlsoMatchLibsecp256k1() {
        if (!isFinal) {
            return; // the draft's tags and R rule differ from what libsecp256k1 implements
        }
        NativeSchnorr lib = NativeSchnorr.load();
        for (Row r : rows) {
            if (!NativeSchnorr.supports(r.message())) {
                continue;
            }
            if (r.hasSecretKey()) {
                assertArrayEquals(r.signature(), lib.sign(r.secretKey(), r.message(), r.auxRand()),
                        "row " + r.index() + " libsecp256k1 signature");
            }
            assertEquals(r.expected(), lib.verify(r.publicKey(), r.message(), r.signature()),
                    "row " + r.index() + " libsecp256k1 verification");
        }
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
        // The draft file has: key off the curve, key x >= p, r not on the curve, r == p, s == n.
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
