package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Group signatures (FROST, BIP-340 variant) are ordinary BIP-340 signatures to independent
 * implementations: @noble/curves schnorr.verify, and nostr-tools verifyEvent for a group-signed event.
 */
class FrostInteropTest {
    private final SecureRandom rng = new SecureRandom();

    private List<Identifier> randomSigners(int t, int n) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, rng);
        return ids.subList(0, t).stream().map(Identifier::of).toList();
    }

    @Test
    void groupSignaturesVerifyInNobleForDealerAndDkgKeys() {
        ObjectNode req = NodePeer.request("schnorrVerify");
        ArrayNode items = req.putArray("items");
        int[][] shapes = {{2, 3}, {3, 5}, {5, 7}, {7, 10}};
        int cases = 0;
        for (int round = 0; round < 6; round++) {
            for (int[] s : shapes) {
                InProcess.Keys keys = round % 2 == 0 ? InProcess.dealer(s[0], s[1], rng)
                        : InProcess.dkg(Ciphersuite.BIP340, s[0], s[1], rng);
                byte[] msg = new byte[32];
                rng.nextBytes(msg);
                byte[] sig = InProcess.sign(Ciphersuite.BIP340, keys, randomSigners(s[0], s[1]), msg, rng);
                String pk = Hex.encode(keys.publicKeyPackage().groupPublicKey().xOnly());
                items.addObject().put("publicKey", pk).put("message", Hex.encode(msg)).put("signature", Hex.encode(sig));
                msg[31] ^= 1;
                items.addObject().put("publicKey", pk).put("message", Hex.encode(msg)).put("signature", Hex.encode(sig));
                cases++;
            }
        }
        JsonNode r = NodePeer.call(req);
        assertEquals(2 * cases, r.size());
        for (int i = 0; i < r.size(); i++) {
            assertEquals(i % 2 == 0, r.get(i).asBoolean(), "item " + i);
        }
    }

    @Test
    void groupSignedIssuanceEventVerifiesInNostrTools() throws Exception {
        InProcess.Keys keys = InProcess.dkg(Ciphersuite.BIP340, 3, 5, rng);
        String groupKey = Hex.encode(keys.publicKeyPackage().groupPublicKey().xOnly());
        List<List<String>> tags = List.of(List.of("e", "0".repeat(64)), List.of("amount", "1000"));
        String content = "{\"v\":1,\"issue\":\"1000 DREY\"}";
        long createdAt = 1_790_000_000L;
        byte[] id = Event.computeId(groupKey, createdAt, 3460, tags, content);
        byte[] sig = InProcess.sign(Ciphersuite.BIP340, keys, randomSigners(3, 5), id, rng);
        Event event = new Event(Hex.encode(id), groupKey, createdAt, 3460, tags, content, Hex.encode(sig));
        assertTrue(event.verify().isValid());

        Event forged = new EventTemplate(createdAt, 3460, tags, content + " ").sign(
                keys.keyPackages().get(Identifier.of(1)).signingShare().encode(), rng);
        ObjectNode req = NodePeer.request("verifyEvents");
        req.putArray("events").add(NodePeer.JSON.readTree(event.toJson()))
                .add(NodePeer.JSON.readTree(new Event(event.id(), event.pubkey(), createdAt, 3460, tags,
                        content + " ", event.sig()).toJson()));
        JsonNode r = NodePeer.call(req);
        assertTrue(r.get(0).get("valid").asBoolean(), "nostr-tools accepts the group-signed event");
        assertEquals(event.id(), r.get(0).get("id").asText());
        assertFalse(r.get(1).get("valid").asBoolean(), "altered content fails");
        // One signer's share alone signs as a different key, not as the group.
        assertFalse(forged.pubkey().equals(groupKey));
    }
}
