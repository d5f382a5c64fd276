package dev.drey.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Vectors;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * drand's published answers (shared/vectors/drand/beacons.json): the quicknet chain info hashes to its chain
 * hash, and the drand-client test beacons of the walkthrough chain verify (valid ones) or fail (invalid ones).
 */
class DrandBeaconVectorTest {
    private static final String QUICKNET_HASH = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971";

    private static JsonNode vectors() throws Exception {
        return new ObjectMapper().readTree(Files.readString(Vectors.file("drand/beacons.json")));
    }

    @Test
    void quicknetChainInfoHashesToItsPublishedHash() throws Exception {
        int seen = 0;
        for (JsonNode c : vectors().get("chainHash")) {
            String json = c.get("chainInfo").toString();
            ChainInfo info = DrandJson.parseChainInfo(json);
            assertEquals(c.get("chainInfo").get("hash").asText(), Hex.encode(info.hash()));
            assertEquals(json, DrandJson.print(info), "printed in drand's own field order and form");
            seen++;
        }
        assertEquals(1, seen);
        JsonNode quicknet = vectors().get("chainHash").get(0).get("chainInfo");
        assertEquals(QUICKNET_HASH, Hex.encode(DrandJson.parseChainInfo(quicknet.toString()).hash()));
    }

    @Test
    void drandClientTestBeaconsVerify() throws Exception {
        int valid = 0;
        int invalid = 0;
        for (JsonNode chain : vectors().get("beacons")) {
            BeaconVerifier verifier = new BeaconVerifier(DrandJson.parseChainInfo(chain.get("chainInfo").toString()));
            for (JsonNode b : chain.get("valid")) {
                BeaconVerifier.Verdict v = verifier.verify(DrandJson.parseBeacon(b.toString()));
                assertTrue(v.valid(), () -> "round " + b.get("round") + ": " + v.reason());
                valid++;
            }
            for (JsonNode b : chain.get("invalid")) {
                com.fasterxml.jackson.databind.node.ObjectNode o = b.deepCopy();
                String why = o.remove("why").asText();
                BeaconVerifier.Verdict v = verifier.verify(DrandJson.parseBeacon(o.toString()));
                assertFalse(v.valid(), why);
                assertTrue(v.reason().startsWith("signature"), v.reason());
                invalid++;
            }
        }
        assertTrue(valid >= 1 && invalid >= 1);
    }

    @Test
    void tamperedChainInfoIsRefused() throws Exception {
        JsonNode quicknet = vectors().get("chainHash").get(0).get("chainInfo");
        String json = quicknet.toString();
        BlsException wrongHash = assertThrows(BlsException.class,
                () -> DrandJson.parseChainInfo(json.replace("\"period\":3", "\"period\":4")));
        assertTrue(wrongHash.getMessage().contains("hash"), wrongHash.getMessage());
        assertEquals(QUICKNET_HASH.replace("52db", "0000").length(), 64);
        ChainInfo recomputed = DrandJson.parseChainInfoIgnoringHash(json.replace(QUICKNET_HASH, "00".repeat(32)));
        assertEquals(QUICKNET_HASH, Hex.encode(recomputed.hash()));
        assertThrows(BlsException.class, () -> DrandJson.parseChainInfo(json.replace("{\"public_key\"", "{\"extra\":1,\"public_key\"")));
        assertThrows(BlsException.class, () -> DrandJson.parseChainInfo(json.replace("\"period\":3", "\"period\":3,\"period\":3")));
        assertThrows(BlsException.class, () -> DrandJson.parseChainInfo(json.replace("\"period\":3", "\"period\":\"3\"")));
        assertThrows(BlsException.class, () -> DrandJson.parseChainInfo(json.replace("bls-unchained-g1-rfc9380", "pedersen-bls-chained")));
        assertThrows(BlsException.class, () -> DrandJson.parseChainInfo(json + " {}"));
        assertThrows(BlsException.class, () -> DrandJson.parseChainInfo(json.replace("83cf0f", "83CF0F")));
        assertThrows(BlsException.class, () -> DrandJson.parseChainInfo("[]"));
    }

    @Test
    void beaconJsonIsStrict() {
        String ok = "{\"round\":38,\"randomness\":\"" + "00".repeat(32) + "\",\"signature\":\"" + "00".repeat(48) + "\"}";
        assertEquals(38, DrandJson.parseBeacon(ok).round());
        assertThrows(BlsException.class, () -> DrandJson.parseBeacon(ok.replace("38", "0")));
        assertThrows(BlsException.class, () -> DrandJson.parseBeacon(ok.replace("38", "-1")));
        assertThrows(BlsException.class, () -> DrandJson.parseBeacon(ok.replace("38", "3.5")));
        assertThrows(BlsException.class, () -> DrandJson.parseBeacon(ok.replace("38", "99999999999999999999")));
        assertThrows(BlsException.class, () -> DrandJson.parseBeacon(ok.replace("}", ",\"previous_signature\":\"\"}")));
        assertThrows(BlsException.class, () -> DrandJson.parseBeacon(ok.replace("\"round\":38,", "")));
    }
}
