package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.nip44.Nip44;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NIP-44 v2 payloads round-trip between us and nostr-tools in both directions. */
class Nip44InteropTest {
    private final SecureRandom rng = new SecureRandom();
    private final byte[] alice = Scalar.random(rng).encode();
    private final byte[] bob = Scalar.random(rng).encode();
    private final String alicePub = Hex.encode(Schnorr.publicKey(alice));
    private final String bobPub = Hex.encode(Schnorr.publicKey(bob));

    private static List<String> plaintexts() {
        List<String> out = new ArrayList<>();
        for (String s : TrickyContent.all()) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        out.add("x".repeat(65535)); // the largest plaintext of the original NIP-44 text
        return out;
    }

    @Test
    void conversationKeysAgree() {
        JsonNode r = NodePeer.call(NodePeer.request("conversationKey")
                .put("secretKey", Hex.encode(bob)).put("peer", alicePub));
        assertEquals(Hex.encode(Nip44.conversationKey(alice, Hex.decode(bobPub))), r.get("conversationKey").asText());
    }

    @Test
    void weEncryptNostrToolsDecrypts() {
        byte[] key = Nip44.conversationKey(alice, Hex.decode(bobPub));
        ObjectNode req = NodePeer.request("nip44Decrypt").put("secretKey", Hex.encode(bob)).put("peer", alicePub);
        ArrayNode payloads = req.putArray("payloads");
        for (String p : plaintexts()) {
            payloads.add(Nip44.encrypt(p, key));
        }
        JsonNode r = NodePeer.call(req);
        for (int i = 0; i < plaintexts().size(); i++) {
            assertTrue(r.get(i).get("ok").asBoolean(), () -> "nostr-tools refused: " + r);
            assertEquals(plaintexts().get(i), r.get(i).get("plaintext").asText());
        }
    }

    @Test
    void nostrToolsEncryptsWeDecrypt() {
        ObjectNode req = NodePeer.request("nip44Encrypt").put("secretKey", Hex.encode(bob)).put("peer", alicePub);
        ArrayNode texts = req.putArray("plaintexts");
        plaintexts().forEach(texts::add);
        JsonNode payloads = NodePeer.call(req);
        byte[] key = Nip44.conversationKey(alice, Hex.decode(bobPub));
        for (int i = 0; i < plaintexts().size(); i++) {
            assertEquals(plaintexts().get(i), Nip44.decrypt(payloads.get(i).asText(), key));
        }
    }

    @Test
    void tamperedPayloadFailsInBoth() {
        byte[] key = Nip44.conversationKey(alice, Hex.decode(bobPub));
        String payload = Nip44.encrypt("the share", key);
        char[] c = payload.toCharArray();
        c[40] = c[40] == 'A' ? 'B' : 'A';
        String tampered = new String(c);
        ObjectNode req = NodePeer.request("nip44Decrypt").put("secretKey", Hex.encode(bob)).put("peer", alicePub);
        req.putArray("payloads").add(tampered);
        assertFalse(NodePeer.call(req).get(0).get("ok").asBoolean());
        org.junit.jupiter.api.Assertions.assertThrows(dev.drey.crypto.nip44.Nip44Exception.class,
                () -> Nip44.decrypt(tampered, key));
    }
}
