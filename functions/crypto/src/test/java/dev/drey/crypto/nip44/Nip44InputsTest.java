package dev.drey.crypto.nip44;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Keys, nonces, plaintexts and payloads that are malformed get a named error. */
class Nip44InputsTest {
    private static final byte[] KEY =
            Hex.decode("c41c775356fd92eadc63ff5a0dc1da211b268cbea22316767095b2871ea1412d");
    private static final byte[] NONCE = new byte[32];

    @Test
    void conversationKeyIsSymmetric() {
        SecureRandom rng = new SecureRandom();
        for (int i = 0; i < 5; i++) {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            rng.nextBytes(a);
            rng.nextBytes(b);
            a[0] &= 0x7f; // stays below n
            b[0] &= 0x7f;
            assertArrayEquals(ConversationKey.derive(a, Schnorr.publicKey(b)),
                    ConversationKey.derive(b, Schnorr.publicKey(a)));
        }
    }

    @Test
    void keysOfTheWrongSizeAreRefused() {
        byte[] sk = Hex.decode("0000000000000000000000000000000000000000000000000000000000000001");
        byte[] pk = Schnorr.publicKey(sk);
        assertEquals(Nip44Exception.Reason.INVALID_SECRET_KEY,
                assertThrows(Nip44Exception.class, () -> ConversationKey.derive(new byte[31], pk)).reason());
        assertEquals(Nip44Exception.Reason.INVALID_SECRET_KEY,
                assertThrows(Nip44Exception.class, () -> ConversationKey.derive(null, pk)).reason());
        assertEquals(Nip44Exception.Reason.INVALID_PUBLIC_KEY,
                assertThrows(Nip44Exception.class, () -> ConversationKey.derive(sk, new byte[33])).reason());
        assertEquals(Nip44Exception.Reason.INVALID_PUBLIC_KEY,
                assertThrows(Nip44Exception.class, () -> ConversationKey.derive(sk, null)).reason());
        assertEquals(Nip44Exception.Reason.INVALID_KEY_LENGTH,
                assertThrows(Nip44Exception.class, () -> Nip44.encrypt("a", new byte[16], NONCE)).reason());
        assertEquals(Nip44Exception.Reason.INVALID_KEY_LENGTH,
                assertThrows(Nip44Exception.class, () -> Nip44.encrypt("a", KEY, new byte[12])).reason());
        assertEquals(Nip44Exception.Reason.INVALID_KEY_LENGTH,
                assertThrows(Nip44Exception.class, () -> Nip44.decrypt("AA", null)).reason());
    }

    @Test
    void plaintextMustBeNonEmptyWellFormedUnicode() {
        assertEquals(Nip44Exception.Reason.INVALID_PLAINTEXT,
                assertThrows(Nip44Exception.class, () -> Nip44.encrypt(null, KEY, NONCE)).reason());
        assertEquals(Nip44Exception.Reason.INVALID_PLAINTEXT,
                assertThrows(Nip44Exception.class, () -> Nip44.encrypt("", KEY, NONCE)).reason());
        // A lone surrogate would otherwise be silently replaced by '?'.
        assertEquals(Nip44Exception.Reason.INVALID_PLAINTEXT,
                assertThrows(Nip44Exception.class, () -> Nip44.encrypt("a\uD800b", KEY, NONCE)).reason());
    }

    @Test
    void authenticatedButInvalidUtf8IsRefused() {
        byte[] padded = new byte[2 + 32];
        padded[1] = 2;
        padded[2] = (byte) 0xc3; // a lead byte followed by a non-continuation byte
        padded[3] = 0x28;
        String payload = RawPayload.seal(padded, KEY, NONCE);
        assertEquals(Nip44Exception.Reason.INVALID_UTF8,
                assertThrows(Nip44Exception.class, () -> Nip44.decrypt(payload, KEY)).reason());
    }

    @Test
    void payloadLengthAndVersionAreCheckedFirst() {
        assertEquals(Nip44Exception.Reason.INVALID_PAYLOAD_LENGTH,
                assertThrows(Nip44Exception.class, () -> Nip44.decrypt(null, KEY)).reason());
        assertEquals(Nip44Exception.Reason.INVALID_PAYLOAD_LENGTH,
                assertThrows(Nip44Exception.class, () -> Nip44.decrypt("A".repeat(131), KEY)).reason());
        Nip44Exception v3 = assertThrows(Nip44Exception.class,
                () -> Nip44.decrypt("A" + "w".repeat(131), KEY));
        assertEquals(Nip44Exception.Reason.UNKNOWN_VERSION, v3.reason());
        assertEquals("nip44: unknown version 3", v3.getMessage());
    }

    @Test
    void randomNoncesGiveDistinctPayloads() {
        String p1 = Nip44.encrypt("same text", KEY);
        String p2 = Nip44.encrypt("same text", KEY);
        assertNotEquals(p1, p2);
        assertEquals("same text", Nip44.decrypt(p1, KEY));
        assertEquals("same text", Nip44.decrypt(p2, KEY));
    }

    @Test
    void calcPaddedLenCoversTheWholeSpecRange() {
        assertEquals(32, Nip44.calcPaddedLen(1));
        assertEquals(65536, Nip44.calcPaddedLen(65535));
        assertEquals(65536 + 16384, Nip44.calcPaddedLen(65537));
        assertEquals(1L << 32, Nip44.calcPaddedLen(0xffffffffL));
        for (long bad : new long[] {0, -1, 1L << 32}) {
            assertEquals(Nip44Exception.Reason.INVALID_PLAINTEXT,
                    assertThrows(Nip44Exception.class, () -> Nip44.calcPaddedLen(bad)).reason());
        }
    }

    @Test
    void secretsStayOutOfStrings() {
        MessageKeys keys = MessageKeys.derive(KEY, NONCE);
        assertEquals("MessageKeys[redacted]", keys.toString());
        Nip44Exception e = assertThrows(Nip44Exception.class,
                () -> ConversationKey.derive(new byte[32], Schnorr.publicKey(KEY)));
        assertTrue(e.getMessage().startsWith("nip44: invalid secret key"), e.getMessage());
        assertFalse(e.getMessage().contains(Hex.encode(KEY)));
        // Accessors hand out copies: a caller cannot corrupt the keys.
        byte[] leaked = keys.hmacKey();
        leaked[0] ^= 1;
        assertNotEquals(leaked[0], keys.hmacKey()[0]);
        assertEquals(12, keys.chachaNonce().length);
    }
}
