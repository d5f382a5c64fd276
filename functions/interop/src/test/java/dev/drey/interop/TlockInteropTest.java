package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconScheme;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.DrandJson;
import dev.drey.crypto.bls.G2Point;
import dev.drey.crypto.tlock.AgeArmor;
import dev.drey.crypto.tlock.Tlock;
import dev.drey.crypto.tlock.TlockException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Time-lock both ways with npm tlock-js (its age and IBE; drand-client's beacon verification behind it), on a chain
 * made here: a plain BLS key held by the Node peer (noble), which also signs the beacons, so no beacon or public key
 * comes from our code. tlock-js reaches the chain through an in-process drand-client ChainClient (its custom-chain
 * mode). The threshold beacon key of issue 12 is not used: a chain's public key and signatures are the same kind of
 * object whether one key or t shares made them.
 */
class TlockInteropTest {
    private static final String KEY = "1f2e3d4c5b6a79880102030405060708090a0b0c0d0e0f101112131415161718";
    private static final String OTHER_KEY = "2f2e3d4c5b6a79880102030405060708090a0b0c0d0e0f101112131415161718";
    private static final long GENESIS = 1_600_000_000L;
    private static final long NOW = 2_000_000_000L;
    private static JsonNode chainInfo;
    private static ChainInfo chain;
    private static JsonNode beacons;
    private static JsonNode forgedBeacons;

    @BeforeAll
    static void chain() {
        ObjectNode req = NodePeer.request("beacons");
        req.putArray("secretKeys").add(KEY).add(OTHER_KEY);
        req.putArray("rounds").add(3).add(4);
        JsonNode keys = NodePeer.call("tlock-peer.mjs", req);
        JsonNode made = keys.get(0);
        beacons = made.get("beacons");
        forgedBeacons = keys.get(1).get("beacons");
        chain = new ChainInfo(G2Point.fromHex(made.get("publicKey").asText()), 3, GENESIS,
                Bytes.sha256("drey tlock interop".getBytes(StandardCharsets.US_ASCII)), BeaconScheme.ID, "drey-interop");
        chainInfo = DrandJson.toNode(chain); // as /info serves it, with drand's chain hash
    }

    private static Beacon beacon(JsonNode set, long round) {
        for (JsonNode b : set) {
            if (b.get("round").asLong() == round) {
                return DrandJson.parseBeacon(b.toString());
            }
        }
        throw new IllegalArgumentException("no beacon for round " + round);
    }

    private static List<byte[]> plaintexts() {
        byte[] large = new byte[70_000]; // two STREAM chunks
        new SplittableRandom(5).nextBytes(large);
        return List.of("a sealed bid".getBytes(StandardCharsets.UTF_8), large);
    }

    @Test
    void tlockJsCiphertextsOpenInDreyWithTheRoundsBeaconOnly() {
        List<byte[]> plaintexts = plaintexts();
        ObjectNode req = NodePeer.request("encrypt").put("round", 3);
        req.set("chainInfo", chainInfo);
        plaintexts.forEach(p -> req.withArray("plaintexts").add(Hex.encode(p)));
        JsonNode armors = NodePeer.call("tlock-peer.mjs", req);
        for (int i = 0; i < plaintexts.size(); i++) {
            byte[] plaintext = plaintexts.get(i);
            byte[] file = AgeArmor.decode(armors.get(i).asText());
            assertEquals(3, Tlock.requiredRound(chain, file));
            assertArrayEquals(plaintext, Tlock.decrypt(chain, beacon(beacons, 3), file, NOW));

            TlockException forged = assertThrows(TlockException.class,
                    () -> Tlock.decrypt(chain, beacon(forgedBeacons, 3), file, NOW));
            assertTrue(forged.getMessage().contains("does not verify"), forged.getMessage());
            assertThrows(TlockException.class, () -> Tlock.decrypt(chain, beacon(beacons, 4), file, NOW));
        }
    }

    @Test
    void dreyCiphertextsOpenInTlockJsWithTheRoundsBeaconOnly() {
        List<byte[]> plaintexts = plaintexts();
        ObjectNode req = NodePeer.request("decrypt");
        req.set("chainInfo", chainInfo);
        for (byte[] plaintext : plaintexts) {
            String armor = AgeArmor.encode(Tlock.encrypt(chain, 4, plaintext, new SplittableRandom(9)));
            req.withArray("cases").addObject().put("armor", armor).set("beacons", beacons);
            req.withArray("cases").addObject().put("armor", armor).set("beacons", forgedBeacons);
        }
        JsonNode results = NodePeer.call("tlock-peer.mjs", req);
        for (int i = 0; i < plaintexts.size(); i++) {
            JsonNode opened = results.get(2 * i);
            assertTrue(opened.get("ok").asBoolean(), opened.toString());
            assertEquals(Hex.encode(plaintexts.get(i)), opened.get("plaintext").asText());
            JsonNode refused = results.get(2 * i + 1);
            assertFalse(refused.get("ok").asBoolean(), "tlock-js must refuse another key's beacon");
            assertTrue(refused.get("error").asText().contains("not valid"), refused.toString());
        }
    }
}
