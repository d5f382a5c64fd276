package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Vectors;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconScheme;
import dev.drey.crypto.bls.BlsDealer;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.DrandJson;
import dev.drey.crypto.bls.PartialSignature;
import dev.drey.crypto.bls.ThresholdBls;
import dev.drey.crypto.bls.ThresholdMessage;
import dev.drey.crypto.bls.ThresholdVrf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beacons made by drey (a trusted-dealer 3-of-5 key, each round aggregated from a different set of partials)
 * verify in npm drand-client (its fetchBeacon → verifyBeacon) and in @noble/curves (bls12_381 short
 * signatures with the RFC 9380 G1 hash); tampered rounds, randomness and signatures fail in both; our VRF
 * outputs verify in noble; drand-client's own test beacon verifies in the drey command line.
 */
class BeaconInteropTest {
    private static final int ROUNDS = 4;
    private final SecureRandom rng = new SecureRandom();
    @TempDir
    Path dir;

    @Test
    void dreyBeaconsVerifyInDrandClientAndNobleAndTamperedOnesFail() {
        BlsDealer.Dealt dealt = BlsDealer.deal(3, 5, rng);
        byte[] seed = new byte[32];
        rng.nextBytes(seed);
        ChainInfo chain = new ChainInfo(dealt.groupKey().publicKey(), 3, 1_764_000_000L, seed, BeaconScheme.ID, "drey-interop");
        List<Beacon> beacons = new ArrayList<>();
        int[][] signers = {{1, 2, 3}, {5, 4, 3}, {2, 4, 5}, {1, 3, 5}};
        for (int r = 1; r <= ROUNDS; r++) {
            ThresholdMessage m = ThresholdMessage.beaconRound(chain.hash(), r);
            List<PartialSignature> ps = new ArrayList<>();
            for (int i : signers[r - 1]) {
                ps.add(ThresholdBls.sign(dealt.shares().get(i - 1), m, rng));
            }
            beacons.add(Beacon.of(r, ThresholdBls.aggregate(dealt.groupKey(), m, ps).signature()));
        }
        ArrayNode valid = NodePeer.JSON.createArrayNode();
        beacons.forEach(b -> valid.add(DrandJson.toNode(b)));
        ArrayNode tampered = NodePeer.JSON.createArrayNode();
        ObjectNode wrongRound = DrandJson.toNode(beacons.get(0));
        wrongRound.put("round", 2);
        tampered.add(wrongRound);
        ObjectNode wrongRandomness = DrandJson.toNode(beacons.get(1));
        byte[] r = beacons.get(1).randomness();
        r[5] ^= 0x40;
        wrongRandomness.put("randomness", Hex.encode(r));
        tampered.add(wrongRandomness);
        // round 3 carrying round 4's signature (and the randomness that matches it): only the signature is wrong
        ObjectNode wrongSignature = DrandJson.toNode(beacons.get(3));
        wrongSignature.put("round", 3);
        tampered.add(wrongSignature);

        ObjectNode chainInfo = DrandJson.toNode(chain);
        JsonNode drandOk = NodePeer.call("drand-peer.mjs",
                NodePeer.request("drandClientVerify").<ObjectNode>set("chainInfo", chainInfo).set("beacons", valid));
        JsonNode drandBad = NodePeer.call("drand-peer.mjs",
                NodePeer.request("drandClientVerify").<ObjectNode>set("chainInfo", chainInfo).set("beacons", tampered));
        String pk = chain.publicKey().toHex();
        JsonNode nobleOk = NodePeer.call("drand-peer.mjs",
                NodePeer.request("nobleVerifyBeacons").put("publicKey", pk).set("beacons", valid));
        JsonNode nobleBad = NodePeer.call("drand-peer.mjs",
                NodePeer.request("nobleVerifyBeacons").put("publicKey", pk).set("beacons", tampered));
        assertEquals(ROUNDS, drandOk.size());
        assertEquals(ROUNDS, nobleOk.size());
        for (int i = 0; i < ROUNDS; i++) {
            assertTrue(drandOk.get(i).get("valid").asBoolean(), "drand-client, round " + (i + 1) + ": " + drandOk.get(i));
            assertTrue(nobleOk.get(i).get("valid").asBoolean(), "noble, round " + (i + 1));
        }
        String[] what = {"round", "randomness", "signature"};
        for (int i = 0; i < what.length; i++) {
            assertFalse(drandBad.get(i).get("valid").asBoolean(), "drand-client accepted a tampered " + what[i]);
            assertFalse(nobleBad.get(i).get("valid").asBoolean(), "noble accepted a tampered " + what[i]);
        }
    }

    @Test
    void dreyVrfOutputsVerifyInNoble() {
        BlsDealer.Dealt dealt = BlsDealer.deal(2, 3, rng);
        byte[] input = "proof-of-life/2026-12".getBytes(StandardCharsets.UTF_8);
        ThresholdMessage m = ThresholdMessage.vrf(input);
        List<PartialSignature> ps = List.of(ThresholdBls.sign(dealt.shares().get(1), m, rng),
                ThresholdBls.sign(dealt.shares().get(2), m, rng));
        ThresholdVrf.Evaluation e = ThresholdVrf.Evaluation.of(input, ThresholdBls.aggregate(dealt.groupKey(), m, ps).signature());
        ObjectNode forged = DrandJson.toNode(e);
        forged.put("input", Hex.encode("proof-of-life/2026-11".getBytes(StandardCharsets.UTF_8)));
        JsonNode res = NodePeer.call("drand-peer.mjs", NodePeer.request("nobleVerifyVrf")
                .put("publicKey", dealt.groupKey().publicKey().toHex())
                .set("evaluations", NodePeer.JSON.createArrayNode().add(DrandJson.toNode(e)).add(forged)));
        assertTrue(res.get(0).get("valid").asBoolean());
        assertFalse(res.get(1).get("valid").asBoolean());
    }

    @Test
    void drandClientsOwnTestBeaconVerifiesInTheDreyCommandLine() throws Exception {
        JsonNode chain = NodePeer.JSON.readTree(Files.readString(Vectors.file("drand/beacons.json"))).get("beacons").get(0);
        Path info = Files.writeString(dir.resolve("chain.json"), chain.get("chainInfo").toString());
        DreyCommand.Result ok = DreyCommand.run(chain.get("valid").get(0).toString(), "beacon", "verify",
                "--chain-info", info.toString());
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertTrue(NodePeer.JSON.readTree(ok.stdout()).get("valid").asBoolean());
        ObjectNode bad = chain.get("invalid").get(0).deepCopy();
        bad.remove("why");
        DreyCommand.Result no = DreyCommand.run(bad.toString(), "beacon", "verify", "--chain-info", info.toString());
        assertEquals(1, no.exitCode(), no.stderr());
        DreyCommand.Result hash = DreyCommand.run("", "beacon", "chain-hash", "--chain-info", info.toString());
        assertEquals(chain.get("chainInfo").get("hash").asText(), NodePeer.JSON.readTree(hash.stdout()).get("hash").asText());
    }
}
