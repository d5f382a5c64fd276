package dev.drey.crypto.nip44;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of shared/vectors/nip44/nip44.vectors.json (paulmillr/nip44, sha256 269ed0f6...5040,
 * the checksum 44.md publishes) except {@code invalid.encrypt_msg_lengths}, which predates the
 * extended length prefix and is covered by {@link Nip44LargePlaintextTest}.
 */
class Nip44VectorsTest {
    private static JsonNode v2() throws IOException {
        byte[] json = Files.readAllBytes(Vectors.file("nip44/nip44.vectors.json"));
        return new ObjectMapper().readTree(json).get("v2");
    }

    private static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        if (out.isEmpty()) {
            fail("vector group is empty");
        }
        return out;
    }

    private static byte[] hex(JsonNode n, String field) {
        return Hex.decode(n.get(field).asText());
    }

    @Test
    void fileIsThePublishedRevision() throws IOException {
        byte[] json = Files.readAllBytes(Vectors.file("nip44/nip44.vectors.json"));
        assertEquals("269ed0f69e4c192512cc779e78c555090cebc7c785b609e338a62afc3ce25040",
                Hex.encode(Bytes.sha256(json)));
    }

    @TestFactory
    Stream<DynamicTest> getConversationKey() throws IOException {
        return list(v2().at("/valid/get_conversation_key")).stream().map(c -> dynamicTest(
                "conversation key " + c.get("pub2").asText().substring(0, 16),
                () -> assertArrayEquals(hex(c, "conversation_key"),
                        ConversationKey.derive(hex(c, "sec1"), hex(c, "pub2")))));
    }

    @TestFactory
    Stream<DynamicTest> getMessageKeys() throws IOException {
        JsonNode group = v2().at("/valid/get_message_keys");
        byte[] ck = hex(group, "conversation_key");
        return list(group.get("keys")).stream().map(c -> dynamicTest(
                "message keys " + c.get("nonce").asText().substring(0, 16), () -> {
                    MessageKeys keys = MessageKeys.derive(ck, hex(c, "nonce"));
                    assertArrayEquals(hex(c, "chacha_key"), keys.chachaKey());
                    assertArrayEquals(hex(c, "chacha_nonce"), keys.chachaNonce());
                    assertArrayEquals(hex(c, "hmac_key"), keys.hmacKey());
                }));
    }

    @TestFactory
    Stream<DynamicTest> calcPaddedLen() throws IOException {
        return list(v2().at("/valid/calc_padded_len")).stream().map(c -> dynamicTest(
                "padded len " + c.get(0).asLong(),
                () -> assertEquals(c.get(1).asLong(), Nip44.calcPaddedLen(c.get(0).asLong()))));
    }

    @TestFactory
    Stream<DynamicTest> encryptDecrypt() throws IOException {
        return list(v2().at("/valid/encrypt_decrypt")).stream().map(c -> dynamicTest(
                "encrypt/decrypt " + c.get("payload").asText().substring(0, 24), () -> {
                    byte[] sec1 = hex(c, "sec1");
                    byte[] sec2 = hex(c, "sec2");
                    byte[] ck = hex(c, "conversation_key");
                    // Both sides derive the same key.
                    assertArrayEquals(ck, ConversationKey.derive(sec1, Schnorr.publicKey(sec2)));
                    assertArrayEquals(ck, ConversationKey.derive(sec2, Schnorr.publicKey(sec1)));
                    String plaintext = c.get("plaintext").asText();
                    String payload = c.get("payload").asText();
                    assertEquals(payload, Nip44.encrypt(plaintext, ck, hex(c, "nonce")));
                    assertEquals(plaintext, Nip44.decrypt(payload, ck));
                }));
    }

    @TestFactory
    Stream<DynamicTest> encryptDecryptLongMessage() throws IOException {
        return list(v2().at("/valid/encrypt_decrypt_long_msg")).stream().map(c -> dynamicTest(
                "long message '" + c.get("pattern").asText() + "' x " + c.get("repeat").asInt(), () -> {
                    String plaintext = c.get("pattern").asText().repeat(c.get("repeat").asInt());
                    assertEquals(c.get("plaintext_sha256").asText(),
                            Hex.encode(Bytes.sha256(plaintext.getBytes(StandardCharsets.UTF_8))));
                    byte[] ck = hex(c, "conversation_key");
                    String payload = Nip44.encrypt(plaintext, ck, hex(c, "nonce"));
                    assertEquals(c.get("payload_sha256").asText(),
                            Hex.encode(Bytes.sha256(payload.getBytes(StandardCharsets.UTF_8))));
                    assertEquals(plaintext, Nip44.decrypt(payload, ck));
                }));
    }

    @TestFactory
    Stream<DynamicTest> invalidGetConversationKey() throws IOException {
        return list(v2().at("/invalid/get_conversation_key")).stream().map(c -> {
            String note = c.get("note").asText();
            Nip44Exception.Reason expected = note.startsWith("sec1")
                    ? Nip44Exception.Reason.INVALID_SECRET_KEY
                    : Nip44Exception.Reason.INVALID_PUBLIC_KEY;
            return dynamicTest(note, () -> {
                Nip44Exception e = assertThrows(Nip44Exception.class,
                        () -> ConversationKey.derive(hex(c, "sec1"), hex(c, "pub2")));
                assertEquals(expected, e.reason(), e.getMessage());
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> invalidDecrypt() throws IOException {
        return list(v2().at("/invalid/decrypt")).stream().map(c -> {
            String note = c.get("note").asText();
            Nip44Exception.Reason expected = reasonFor(note);
            return dynamicTest(note, () -> {
                Nip44Exception e = assertThrows(Nip44Exception.class,
                        () -> Nip44.decrypt(c.get("payload").asText(), hex(c, "conversation_key")));
                assertEquals(expected, e.reason(), e.getMessage());
            });
        });
    }

    private static Nip44Exception.Reason reasonFor(String note) {
        if (note.startsWith("unknown encryption version")) {
            return Nip44Exception.Reason.UNKNOWN_VERSION;
        }
        if (note.equals("invalid base64")) {
            return Nip44Exception.Reason.INVALID_BASE64;
        }
        if (note.equals("invalid MAC")) {
            return Nip44Exception.Reason.INVALID_MAC;
        }
        if (note.equals("invalid padding")) {
            return Nip44Exception.Reason.INVALID_PADDING;
        }
        if (note.startsWith("invalid payload length")) {
            return Nip44Exception.Reason.INVALID_PAYLOAD_LENGTH;
        }
        throw new AssertionError("unrecognised vector note: " + note);
    }
}
