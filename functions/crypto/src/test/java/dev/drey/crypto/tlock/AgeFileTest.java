package dev.drey.crypto.tlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AgeFileTest {
    private static final byte[] KEY = bytes(16, 1);
    private static final byte[] NONCE = bytes(16, 2);
    private static final Stanza STANZA = new Stanza("test", List.of("a", "b"), bytes(40, 3));

    @Test
    void roundTripsAcrossChunkBoundaries() {
        for (int n : new int[] {0, 1, 65535, 65536, 65537, 3 * 65536, 200_000}) {
            byte[] plaintext = bytes(n, n);
            byte[] file = AgeFile.encrypt(KEY, List.of(STANZA), plaintext, NONCE);
            AgeFile parsed = AgeFile.parse(file);
            assertEquals(STANZA.type(), parsed.stanzas().get(0).type());
            assertEquals(STANZA.args(), parsed.stanzas().get(0).args());
            assertArrayEquals(STANZA.body(), parsed.stanzas().get(0).body());
            assertArrayEquals(plaintext, parsed.decrypt(KEY), "length " + n);
            int chunks = Math.max(1, (n + 65535) / 65536);
            assertEquals(16 + n + 16 * chunks, parsed.payload().length, "one tag per 64 KiB chunk");
        }
    }

    @Test
    void headerIsAgesTextFormat() {
        byte[] file = AgeFile.encrypt(KEY, List.of(STANZA), new byte[1], NONCE);
        String text = new String(file, 0, indexOf(file, "\n---") + 48, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n");
        assertEquals("age-encryption.org/v1", lines[0]);
        assertEquals("-> test a b", lines[1]);
        assertEquals(54, lines[2].length(), "40 bytes are 54 unpadded base64 characters");
        assertTrue(lines[3].startsWith("--- ") && lines[3].length() == 4 + 43, lines[3]);
    }

    @Test
    void aBodyOfWholeLinesEndsWithAnEmptyLine() {
        Stanza s = new Stanza("x", List.of(), bytes(48, 4)); // 64 base64 characters exactly
        byte[] file = AgeFile.encrypt(KEY, List.of(s), new byte[3], NONCE);
        assertTrue(new String(file, StandardCharsets.ISO_8859_1).contains("\n\n---"));
        assertArrayEquals(s.body(), AgeFile.parse(file).stanzas().get(0).body());
    }

    @Test
    void theWrongKeyOrAnAlteredHeaderFailsTheMac() {
        byte[] file = AgeFile.encrypt(KEY, List.of(STANZA), bytes(10, 5), NONCE);
        TlockException e = assertThrows(TlockException.class, () -> AgeFile.parse(file).decrypt(bytes(16, 9)));
        assertTrue(e.getMessage().contains("MAC"), e.getMessage());
        byte[] altered = file.clone();
        altered[indexOf(file, "-> test a") + 8] = 'c';
        assertThrows(TlockException.class, () -> AgeFile.parse(altered).decrypt(KEY));
    }

    @Test
    void truncationAndTamperingOfThePayloadAreCaught() {
        byte[] file = AgeFile.encrypt(KEY, List.of(STANZA), bytes(2 * 65536 + 10, 6), NONCE);
        int headerEnd = file.length - AgeFile.parse(file).payload().length;
        // cut after the first full chunk: that chunk does not carry the last-chunk flag
        byte[] cut = Arrays.copyOf(file, headerEnd + 16 + 65536 + 16);
        assertThrows(TlockException.class, () -> AgeFile.parse(cut).decrypt(KEY));
        byte[] flipped = file.clone();
        flipped[file.length - 1] ^= 1;
        assertThrows(TlockException.class, () -> AgeFile.parse(flipped).decrypt(KEY));
        byte[] extended = Arrays.copyOf(file, file.length + 1);
        assertThrows(TlockException.class, () -> AgeFile.parse(extended).decrypt(KEY));
        byte[] noNonce = Arrays.copyOf(file, headerEnd + 10);
        assertThrows(TlockException.class, () -> AgeFile.parse(noNonce).decrypt(KEY));
    }

    @Test
    void malformedHeadersAreClearErrors() {
        String mac = "--- " + "A".repeat(43) + "\n";
        String[] bad = {
            "",
            "age-encryption.org/v2\n-> x\n\n" + mac,
            "age-encryption.org/v1\n" + mac,                       // no stanza
            "age-encryption.org/v1\n-> x\n" + "A".repeat(65) + "\n" + mac, // body line too long
            "age-encryption.org/v1\n-> x\nAA==\n" + mac,          // padded base64
            "age-encryption.org/v1\n-> x\nAB\n" + mac,            // non-canonical (stray bits)
            "age-encryption.org/v1\n-> x  y\n\n" + mac,           // empty argument
            "age-encryption.org/v1\n->  x\n\n" + mac,             // empty type
            "age-encryption.org/v1\n-> x\n\n--- AAAA\n",          // short MAC
            "age-encryption.org/v1\n-> x\n\n",                    // truncated
            "age-encryption.org/v1\n-> x\u00e9\n\n" + mac,        // not ASCII
            "age-encryption.org/v1\n-> x\n\nsomething else\n",
        };
        for (String s : bad) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThrows(TlockException.class, () -> AgeFile.parse(b), s);
        }
    }

    @Test
    void stanzasRefuseTokensAgeCannotWrite() {
        assertThrows(TlockException.class, () -> new Stanza("a b", List.of(), new byte[0]));
        assertThrows(TlockException.class, () -> new Stanza("a", List.of(""), new byte[0]));
        assertThrows(TlockException.class, () -> new Stanza("a", List.of("\t"), new byte[0]));
    }

    @Test
    void armorRoundTripsAndIsStrict() {
        for (int n : new int[] {1, 47, 48, 49, 1000}) {
            byte[] data = bytes(n, n);
            String armor = AgeArmor.encode(data);
            assertTrue(AgeArmor.looksArmored(armor));
            assertArrayEquals(data, AgeArmor.decode(armor));
            assertArrayEquals(data, AgeArmor.decode("\n  " + armor + "\n\n"));
        }
        String good = AgeArmor.encode(bytes(100, 7));
        String[] lines = good.split("\n");
        assertEquals(64, lines[1].length());
        String[] bad = {
            good.replace(AgeArmor.END, "-----END SOMETHING-----"),
            good.replace(AgeArmor.BEGIN, "-----BEGIN AGE FILE-----"),
            good.replace(lines[1] + "\n", lines[1].substring(1) + "\n"), // a short line before the last
            good.replace(lines[1] + "\n" + lines[2], lines[1] + lines[2]), // a long line
            good.replace(lines[lines.length - 2], lines[lines.length - 2].replace("=", "")), // padding dropped
            good.replace(lines[1], lines[1].replace(lines[1].charAt(3), '*')),
            AgeArmor.BEGIN + "\n" + AgeArmor.END + "\n",
            good + " ".repeat(3000),
        };
        for (String s : bad) {
            assertThrows(TlockException.class, () -> AgeArmor.decode(s), s);
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static int indexOf(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
    }
}
