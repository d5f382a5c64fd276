package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job as a newcomer runs it: {@code drey devnet --json} (the built jar, a real embedded broker, five
 * miners on their own relays), its issuance event checked by nostr-tools' {@code verifyEvent}, then
 * {@code drey replay} over the stopped devnet's topics: every function is idempotent, nothing new comes out.
 */
class DevnetInteropTest {
    @TempDir
    Path dir;

    @Test
    void theDevnetSignsAnIssuanceThatNostrToolsVerifiesAndReplaysAreUnchanged() throws Exception {
        String data = dir.resolve("devnet").toString();
        DreyCommand.Result run = DreyCommand.run(240, "", "devnet", "--json", "--data-dir", data);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("[12] roast-sign ..."), "progress goes to stderr: " + run.stderr());
        JsonNode summary = NodePeer.JSON.readTree(run.stdout());
        assertTrue(summary.get("ok").asBoolean());
        // the beacon step: at least 3 consecutive beacons and a VRF output, all hex
        assertTrue(summary.get("beacon").get("beacons").size() >= 3, summary.get("beacon").toString());
        assertEquals(96, summary.get("vrf").get("proof").asText().length(), summary.get("vrf").toString());
        List<String> steps = new ArrayList<>();
        for (JsonNode s : summary.get("steps")) {
            assertTrue(s.get("ok").asBoolean(), s.toString());
            assertTrue(s.get("ms").asLong() >= 0);
            steps.add(s.get("name").asText());
        }
        assertEquals(List.of("kafka", "miners", "dkg-frost", "dkg-dta", "dkg-election", "functions", "vote", "enrol",
                "proof-of-life", "beacon", "faults", "roast-sign", "verify"), steps);

        // ROAST: miner 1 offline, miner 2 sent invalid shares and was named; a later session signed
        JsonNode roast = summary.get("roast");
        assertEquals(1, roast.get("culprits").size(), roast.toString());
        assertEquals(2, roast.get("culprits").get(0).get("miner").asInt());
        assertTrue(roast.get("sessionsStarted").asInt() >= 2, roast.toString());
        assertTrue(roast.get("successfulSession").asInt() >= 2, roast.toString());

        // the issuance: kind 3460 by the group key, citing the proof-of-life claim; valid for nostr-tools
        JsonNode issuance = summary.get("issuanceEvent");
        assertEquals(3460, issuance.get("kind").asInt());
        assertEquals(summary.get("groupPublicKey").asText(), issuance.get("pubkey").asText());
        assertEquals("e", issuance.get("tags").get(0).get(0).asText());
        ObjectNode verify = NodePeer.request("verifyEvents");
        verify.putArray("events").add(issuance);
        JsonNode verdict = NodePeer.call(verify).get(0);
        assertTrue(verdict.get("valid").asBoolean(), "nostr-tools verifyEvent: " + issuance);
        assertEquals(issuance.get("id").asText(), verdict.get("id").asText());
        // the vote before the issuance: its result is group-signed (nostr-tools verifies it under the group key),
        // and the issuance carries the voted amount
        JsonNode vote = summary.get("vote");
        assertEquals("issuance-amount", vote.get("param").asText(), vote.toString());
        JsonNode result = vote.get("resultEvent");
        assertEquals(3484, result.get("kind").asInt());
        assertEquals(summary.get("groupPublicKey").asText(), result.get("pubkey").asText());
        ObjectNode verifyResult = NodePeer.request("verifyEvents");
        verifyResult.putArray("events").add(result);
        assertTrue(NodePeer.call(verifyResult).get(0).get("valid").asBoolean(), "nostr-tools verifyEvent: " + result);
        String amount = null;
        for (JsonNode t : issuance.get("tags")) {
            if (t.get(0).asText().equals("amount")) {
                amount = t.get(1).asText();
            }
        }
        assertEquals(vote.get("value").asText(), amount, "the issuance uses the voted amount");
        ObjectNode decode = NodePeer.request("nip19Decode");
        decode.putArray("values").add(summary.get("groupNpub").asText());
        assertEquals(summary.get("groupPublicKey").asText(), NodePeer.call(decode).get(0).get("data").asText(),
                "the printed npub is the group key for nostr-tools");

        // replays: honest signer, coordinator, the faulty signer, a DKG, the DTA and M-Pin functions, a vote function
        for (String topic : List.of("m3.drey.sign", "m5.drey.sign", "m2.drey.sign", "m4.drey.dkg", "m4.drey.dta",
                "m4.drey.mpin", "m4.drey.vote")) {
            DreyCommand.Result r = DreyCommand.run(120, "", "replay", "--topic", topic, "--data-dir", data);
            assertEquals(0, r.exitCode(), topic + ": " + r.stdout() + r.stderr());
            JsonNode out = NodePeer.JSON.readTree(r.stdout());
            assertTrue(out.get("unchanged").asBoolean(), out.toString());
            assertTrue(out.get("records").asInt() > 0, out.toString());
            assertEquals(out.get("outputs").asInt(), out.get("alreadyPublished").asInt(), out.toString());
        }
        DreyCommand.Result bad = DreyCommand.run(60, "", "replay", "--topic", "m9.drey.sign", "--data-dir", data);
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("not 9"), bad.stderr());
    }
}
