package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.nostr.Nip19;
import dev.drey.nostr.Nprofile;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NIP-19 strings agree with nostr-tools both ways. */
class Nip19InteropTest {
    private final SecureRandom rng = new SecureRandom();

    @Test
    void ourEncodingsDecodeInNostrToolsAndTheirsHere() {
        byte[] sk = Scalar.random(rng).encode();
        String pk = Hex.encode(Schnorr.publicKey(sk));
        String noteId = Hex.encode(Scalar.random(rng).encode());
        List<String> relays = List.of("wss://relay.one.example", "ws://127.0.0.1:7000");

        ObjectNode dec = NodePeer.request("nip19Decode");
        ArrayNode values = dec.putArray("values");
        values.add(Nip19.encodeNpub(pk)).add(Nip19.encodeNsec(sk)).add(Nip19.encodeNote(noteId))
                .add(Nip19.encodeNprofile(new Nprofile(pk, relays)));
        JsonNode r = NodePeer.call(dec);
        r.forEach(n -> assertTrue(n.get("ok").asBoolean(), n::toString));
        assertEquals("npub", r.get(0).get("type").asText());
        assertEquals(pk, r.get(0).get("data").asText());
        assertEquals(Hex.encode(sk), r.get(1).get("data").asText());
        assertEquals(noteId, r.get(2).get("data").asText());
        assertEquals(pk, r.get(3).get("data").get("pubkey").asText());
        assertEquals(relays.get(1), r.get(3).get("data").get("relays").get(1).asText());

        ObjectNode enc = NodePeer.request("nip19Encode");
        ArrayNode items = enc.putArray("items");
        items.addObject().put("type", "npub").put("hex", pk);
        items.addObject().put("type", "nsec").put("hex", Hex.encode(sk));
        items.addObject().put("type", "note").put("hex", noteId);
        ObjectNode prof = items.addObject().put("type", "nprofile").put("hex", pk);
        relays.forEach(prof.putArray("relays")::add);
        JsonNode theirs = NodePeer.call(enc);
        assertEquals(pk, Nip19.decodeNpub(theirs.get(0).asText()));
        assertEquals(Hex.encode(sk), Hex.encode(Nip19.decodeNsec(theirs.get(1).asText())));
        assertEquals(noteId, Nip19.decodeNote(theirs.get(2).asText()));
        Nprofile p = Nip19.decodeNprofile(theirs.get(3).asText());
        assertEquals(pk, p.pubkey());
        assertEquals(relays, p.relays());
    }
}
