package dev.drey.crypto.nip44;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drey.crypto.Hex;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Any change to a payload is refused with the error that names it, never a wrong plaintext. */
class Nip44TamperTest {
    private static final byte[] KEY =
            Hex.decode("c41c775356fd92eadc63ff5a0dc1da211b268cbea22316767095b2871ea1412d");
    private static final byte[] NONCE =
            Hex.decode("0000000000000000000000000000000000000000000000000000000000000001");

    @Test
    void flippingAnyByteOfAShortPayloadIsRefused() {
        byte[] data = Base64.getDecoder().decode(Nip44.encrypt("a", KEY, NONCE));
        for (int i = 0; i < data.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                assertTamperRefused(data, i, mask);
            }
        }
    }

    @Test
    void flippingBytesOfAnExtendedPrefixPayloadIsRefused() {
        byte[] data = Base64.getDecoder().decode(Nip44.encrypt("b".repeat(70000), KEY, NONCE));
        // Version, nonce, the encrypted 6-byte length prefix, body, last padding byte, MAC.
        int[] positions = {0, 1, 32, 33, 34, 35, 36, 37, 38, 39, 1000, 40000,
            data.length - 33, data.length - 32, data.length - 1};
        for (int i : positions) {
            assertTamperRefused(data, i, 0x01);
        }
    }

    @Test
    void truncatedOrExtendedPayloadsAreRefused() {
        byte[] data = Base64.getDecoder().decode(Nip44.encrypt("a".repeat(40), KEY, NONCE));
        // Removing or appending three bytes keeps the base64 well formed.
        byte[] shorter = java.util.Arrays.copyOf(data, data.length - 3);
        byte[] longer = java.util.Arrays.copyOf(data, data.length + 3);
        assertEquals(Nip44Exception.Reason.INVALID_MAC, refusal(Base64.getEncoder().encodeToString(shorter), KEY));
        assertEquals(Nip44Exception.Reason.INVALID_MAC, refusal(Base64.getEncoder().encodeToString(longer), KEY));
    }

    @Test
    void wrongConversationKeyFailsTheMac() {
        String payload = Nip44.encrypt("secret", KEY, NONCE);
        byte[] other = KEY.clone();
        other[31] ^= 1;
        assertEquals(Nip44Exception.Reason.INVALID_MAC, refusal(payload, other));
    }

    @Test
    void nonCanonicalBase64IsRefused() {
        // 70 bytes of plaintext: data is 1 + 32 + 2 + 96 + 32 = 163 bytes, so the base64 ends "==".
        String payload = Nip44.encrypt("a".repeat(70), KEY, NONCE);
        assertEquals('=', payload.charAt(payload.length() - 1));
        assertEquals('=', payload.charAt(payload.length() - 2));
        // Missing padding.
        assertEquals(Nip44Exception.Reason.INVALID_BASE64,
                refusal(payload.substring(0, payload.length() - 2), KEY));
        // Non-zero unused bits in the last character: decodes to the same bytes in lenient decoders.
        char last = payload.charAt(payload.length() - 3);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char bumped = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String sloppy = payload.substring(0, payload.length() - 3) + bumped + "==";
        assertEquals(Nip44Exception.Reason.INVALID_BASE64, refusal(sloppy, KEY));
        // URL-safe alphabet, whitespace.
        assertEquals(Nip44Exception.Reason.INVALID_BASE64,
                refusal(payload.substring(0, 10) + "-" + payload.substring(11), KEY));
        assertEquals(Nip44Exception.Reason.INVALID_BASE64,
                refusal(payload.substring(0, 10) + "\n" + payload.substring(11), KEY));
    }

    private static void assertTamperRefused(byte[] original, int index, int mask) {
        byte[] data = original.clone();
        data[index] ^= (byte) mask;
        String payload = Base64.getEncoder().encodeToString(data);
        Nip44Exception.Reason expected = index == 0
                ? Nip44Exception.Reason.UNKNOWN_VERSION
                : Nip44Exception.Reason.INVALID_MAC;
        assertEquals(expected, refusal(payload, KEY), "byte " + index + " ^ " + mask);
    }

    private static Nip44Exception.Reason refusal(String payload, byte[] key) {
        return assertThrows(Nip44Exception.class, () -> Nip44.decrypt(payload, key)).reason();
    }
}
