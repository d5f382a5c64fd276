package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.vote.Proposal;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An open-mode poll as nostr-tools sees it: our kind-1068 poll (the open proposal's tags) is a valid NIP-88 poll
 * with the same options, poll type and end; the kind-3480 proposal carries the same NIP-88 tags. (The devnet's
 * group-signed vote result is checked with nostr-tools in {@link DevnetInteropTest}.)
 */
class VoteInteropTest {
    private final SecureRandom rng = new SecureRandom();

    @Test
    void anOpenPollIsAValidNip88PollForNostrTools() throws Exception {
        byte[] sk = Scalar.random(rng).encode();
        String member = Hex.encode(Schnorr.publicKey(sk));
        EventTemplate open = Proposal.template("Which issuance amount?", List.of("500", "750", "1000"),
                Proposal.PollType.MULTIPLECHOICE, 1_700_000_600L, Proposal.Mode.OPEN, 2, "", Optional.empty(),
                Map.of(), List.of(member), Optional.of("issuance-amount"), 1_700_000_000L);
        for (Event e : List.of(Proposal.asNip88Poll(open).sign(sk, rng), open.sign(sk, rng))) {
            ObjectNode req = NodePeer.request("nip88Poll");
            req.set("event", NodePeer.JSON.readTree(e.toJson()));
            JsonNode poll = NodePeer.call(req);
            assertTrue(poll.get("valid").asBoolean(), "nostr-tools verifyEvent: " + e.toJson());
            assertEquals("multiplechoice", poll.get("polltype").asText());
            assertEquals(1_700_000_600L, poll.get("endsAt").asLong());
            assertEquals(3, poll.get("options").size());
            assertEquals("750", poll.get("options").get(1).get("label").asText());
            assertEquals("1", poll.get("options").get(1).get("id").asText());
            if (e.kind() == 1068) {
                assertEquals(0, poll.get("problems").size(), poll.toString());
                assertEquals(Proposal.Mode.OPEN, Proposal.of(e).mode(), "read back as an open proposal");
            } else {
                assertEquals(1, poll.get("problems").size(), "only the kind differs: " + poll);
            }
        }
    }
}
