package dev.drey.crypto.nip44;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The 2026 amendment of NIP-44 (nostr-protocol/nips #1907, #2270): plaintexts of 65536 bytes and
 * more are allowed, with a 6-byte length prefix (two zero bytes, then a big-endian u32).
 */
class Nip44LargePlaintextTest {
    private static final byte[] KEY =
            Hex.decode("c41c775356fd92eadc63ff5a0dc1da211b268cbea22316767095b2871ea1412d");
    private static final byte[] NONCE =
            Hex.decode("f00000000000000000000000000000f00000000000000000000000000000000f");

    /**
     * The vector file's {@code invalid.encrypt_msg_lengths} is [0, 65536, 100000, 10000000]. It
     * was generated before the amendment (its checksum is still the one 44.md publishes; see
     * nostr-protocol/nips issue #2455). Under the amended spec only 0 is invalid: 65536 and up
     * must encrypt with the extended prefix and round-trip. All of them are below our 16 MiB limit.
     */
    @Test
    void encryptMsgLengthsFromTheVectorFileFollowTheAmendment() throws IOException {
        JsonNode lengths = new ObjectMapper()
                .readTree(Files.readAllBytes(Vectors.file("nip44/nip44.vectors.json")))
                .at("/v2/invalid/encrypt_msg_lengths");
        assertTrue(lengths.size() > 0);
        for (JsonNode n : lengths) {
            int len = n.asInt();
            if (len == 0) {
                Nip44Exception e = assertThrows(Nip44Exception.class, () -> Nip44.encrypt("", KEY, NONCE));
                assertEquals(Nip44Exception.Reason.INVALID_PLAINTEXT, e.reason());
            } else {
                assertTrue(len >= Padding.EXTENDED_PREFIX_THRESHOLD, "unexpected vector length " + len);
                roundTripWithExtendedPrefix(len);
            }
        }
    }

    @Test
    void largestShortPrefixPlaintextKeepsTheU16() {
        String plaintext = "y".repeat(65535);
        String payload = Nip44.encrypt(plaintext, KEY, NONCE);
        byte[] padded = RawPayload.openPadded(payload, KEY);
        assertEquals(0xff, padded[0] & 0xff);
        assertEquals(0xff, padded[1] & 0xff);
        assertEquals(2 + 65536, padded.length);
        assertEquals(plaintext, Nip44.decrypt(payload, KEY));
    }

    @Test
    void thresholdAndOneMebibyteUseTheExtendedPrefix() {
        roundTripWithExtendedPrefix(65536);
        roundTripWithExtendedPrefix(65537);
        roundTripWithExtendedPrefix(1 << 20);
    }

    @Test
    void multiByteCharactersCountInUtf8Bytes() {
        // 16384 four-byte characters: exactly the threshold in bytes, 32768 Java chars.
        String plaintext = "\uD83E\uDD84".repeat(16384);
        String payload = Nip44.encrypt(plaintext, KEY, NONCE);
        byte[] padded = RawPayload.openPadded(payload, KEY);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0}, Arrays.copyOf(padded, 6));
        assertEquals(plaintext, Nip44.decrypt(payload, KEY));
    }

    @Test
    void extendedPrefixBelowTheThresholdIsRefused() {
        // A well-sized, authenticated padded blob whose 6-byte prefix declares 65535 bytes: no
        // honest encoder writes it, and accepting it would give one plaintext two encodings.
        byte[] padded = new byte[6 + (int) Padding.calcPaddedLen(65535)];
        padded[4] = (byte) 0xff;
        padded[5] = (byte) 0xff;
        assertPaddingRefused(RawPayload.seal(padded, KEY, NONCE));
        // Declared length zero behind the marker.
        assertPaddingRefused(RawPayload.seal(new byte[6 + 32], KEY, NONCE));
    }

    @Test
    void extendedPrefixWithTheWrongPaddedSizeIsRefused() {
        byte[] padded = new byte[6 + (int) Padding.calcPaddedLen(65536) + 32];
        padded[3] = 1; // declares 65536 bytes, but the blob is one chunk too long
        assertPaddingRefused(RawPayload.seal(padded, KEY, NONCE));
        // The 2-byte prefix sized as if it were 6 bytes is equally wrong.
        byte[] shortPrefix = new byte[6 + 32];
        shortPrefix[1] = 5;
        assertPaddingRefused(RawPayload.seal(shortPrefix, KEY, NONCE));
    }

    @Test
    void limitIsEnforcedOnBothSides() {
        Nip44Cipher legacy = new Nip44Cipher(Nip44Cipher.LEGACY_MAX_PLAINTEXT_BYTES);
        String big = "z".repeat(65536);
        Nip44Exception tooBig = assertThrows(Nip44Exception.class, () -> legacy.encrypt(big, KEY, NONCE));
        assertEquals(Nip44Exception.Reason.PLAINTEXT_TOO_LARGE, tooBig.reason());
        // The legacy limit still handles everything the pre-amendment spec allowed.
        assertEquals("z".repeat(65535), legacy.decrypt(legacy.encrypt("z".repeat(65535), KEY, NONCE), KEY));
        // A payload above the limit is refused on its length alone, before decoding.
        Nip44Exception tooLong = assertThrows(Nip44Exception.class,
                () -> legacy.decrypt(Nip44.encrypt(big, KEY, NONCE), KEY));
        assertEquals(Nip44Exception.Reason.INVALID_PAYLOAD_LENGTH, tooLong.reason());

        // Same padding bucket as the limit (70000 and 70001 both pad to 81920): caught on the
        // authenticated declared length.
        Nip44Cipher small = new Nip44Cipher(70000);
        String payload = new Nip44Cipher(70001).encrypt("q".repeat(70001), KEY, NONCE);
        assertTrue(payload.length() <= small.maxPayloadLength());
        Nip44Exception sameBucket = assertThrows(Nip44Exception.class, () -> small.decrypt(payload, KEY));
        assertEquals(Nip44Exception.Reason.PLAINTEXT_TOO_LARGE, sameBucket.reason());
    }

    @Test
    void defaultLimitIsSixteenMebibytes() {
        assertEquals(16 * 1024 * 1024, Nip44Cipher.DEFAULT.maxPlaintextBytes());
        String over = "o".repeat(Nip44Cipher.DEFAULT_MAX_PLAINTEXT_BYTES + 1);
        Nip44Exception e = assertThrows(Nip44Exception.class, () -> Nip44.encrypt(over, KEY, NONCE));
        assertEquals(Nip44Exception.Reason.PLAINTEXT_TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("16777217"), e.getMessage());
    }

    @Test
    void limitMustBeSane() {
        assertThrows(IllegalArgumentException.class, () -> new Nip44Cipher(0));
        assertThrows(IllegalArgumentException.class, () -> new Nip44Cipher(Nip44Cipher.HARD_MAX_PLAINTEXT_BYTES + 1));
        // The hard maximum's derived sizes still fit a Java array and String.
        assertTrue(new Nip44Cipher(Nip44Cipher.HARD_MAX_PLAINTEXT_BYTES).maxPayloadLength() > 0);
    }

    private static void roundTripWithExtendedPrefix(int len) {
        String plaintext = "x".repeat(len);
        String payload = Nip44.encrypt(plaintext, KEY, NONCE);
        byte[] padded = RawPayload.openPadded(payload, KEY);
        byte[] expectedPrefix = {0, 0, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
        assertArrayEquals(expectedPrefix, Arrays.copyOf(padded, 6), "prefix for " + len);
        assertEquals(6 + Padding.calcPaddedLen(len), padded.length, "padded size for " + len);
        assertEquals(1 + 32 + padded.length + 32, Base64.getDecoder().decode(payload).length);
        assertEquals(plaintext, Nip44.decrypt(payload, KEY), "round trip of " + len);
    }

    private static void assertPaddingRefused(String payload) {
        Nip44Exception e = assertThrows(Nip44Exception.class, () -> Nip44.decrypt(payload, KEY));
        assertEquals(Nip44Exception.Reason.INVALID_PADDING, e.reason(), e.getMessage());
    }

    @Test
    void shortPlaintextIsByteCompatibleWithThePreAmendmentEncoding() {
        String payload = Nip44.encrypt("hello", KEY, NONCE);
        byte[] padded = RawPayload.openPadded(payload, KEY);
        assertArrayEquals(new byte[] {0, 5, 'h', 'e', 'l', 'l', 'o'}, Arrays.copyOf(padded, 7));
        assertEquals(2 + 32, padded.length);
        assertEquals("hello", new String(Arrays.copyOfRange(padded, 2, 7), StandardCharsets.UTF_8));
    }
}
