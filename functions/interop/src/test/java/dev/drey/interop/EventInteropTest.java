package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.Verification;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our events in nostr-tools, nostr-tools' events in ours, both ways for the tricky contents. */
class EventInteropTest {
    private final SecureRandom rng = new SecureRandom();
    private final NostrParser parser = new NostrParser();

    @Test
    void eventsWeSignVerifyInNostrToolsWithTheSameIds() throws Exception {
        byte[] sk = Scalar.random(rng).encode();
        List<Event> ours = new ArrayList<>();
        long t = 1_700_000_000L;
        for (String content : TrickyContent.all()) {
            ours.add(new EventTemplate(t++, 1, List.of(List.of("t", content), List.of("p", "x")), content)
                    .sign(sk, rng));
        }
        ArrayNode events = NodePeer.JSON.createArrayNode();
        for (Event e : ours) {
            events.add(NodePeer.JSON.readTree(e.toJson()));
        }
        ObjectNode req = NodePeer.request("verifyEvents");
        req.set("events", events);
        JsonNode results = NodePeer.call(req);
        assertEquals(ours.size(), results.size());
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(ours.get(i).id(), results.get(i).get("id").asText(), "id of content #" + i);
            assertTrue(results.get(i).get("valid").asBoolean(), "nostr-tools verifyEvent, content #" + i);
        }
    }

    @Test
    void eventsNostrToolsSignsVerifyHereWithTheSameIds() {
        byte[] sk = Scalar.random(rng).encode();
        ObjectNode req = NodePeer.request("makeEvents").put("secretKey", Hex.encode(sk));
        ArrayNode templates = req.putArray("templates");
        long t = 1_700_000_000L;
        for (String content : TrickyContent.all()) {
            ObjectNode tpl = templates.addObject().put("kind", 1).put("content", content).put("created_at", t++);
            tpl.putArray("tags").addArray().add("t").add(content);
        }
        JsonNode made = NodePeer.call(req);
        assertEquals(TrickyContent.all().size(), made.size());
        for (JsonNode n : made) {
            Event e = parser.parseEvent(n.toString());
            assertEquals(Verification.VALID, e.verify(), "nostr-tools event " + e.id());
            assertEquals(e.id(), e.computedId());
        }
    }

    @Test
    void tamperedEventsFailInBoth() throws Exception {
        byte[] sk = Scalar.random(rng).encode();
        Event good = new EventTemplate(1_700_000_000L, 1, List.of(), "pay 10 DREY").sign(sk, rng);
        Event otherContent = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(),
                "pay 99 DREY", good.sig());
        char[] sig = good.sig().toCharArray();
        sig[70] = sig[70] == '0' ? '1' : '0';
        Event otherSig = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(),
                good.content(), new String(sig));
        assertEquals(Verification.BAD_ID, otherContent.verify());
        assertEquals(Verification.BAD_SIGNATURE, otherSig.verify());

        ObjectNode req = NodePeer.request("verifyEvents");
        ArrayNode events = req.putArray("events");
        events.add(NodePeer.JSON.readTree(good.toJson()));
        events.add(NodePeer.JSON.readTree(otherContent.toJson()));
        events.add(NodePeer.JSON.readTree(otherSig.toJson()));
        JsonNode r = NodePeer.call(req);
        assertTrue(r.get(0).get("valid").asBoolean());
        assertFalse(r.get(1).get("valid").asBoolean());
        assertFalse(r.get(2).get("valid").asBoolean());
    }
}
