package dev.drey.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.beacon.BeaconOutput;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconVerifier;
import dev.drey.crypto.bls.Bls12381;
import dev.drey.crypto.bls.DrandJson;
import dev.drey.crypto.bls.ThresholdVrf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The beacon over the real federation: embedded Kafka, each miner's relay and functions, the beacon DKG over
 * nostr, three consecutive beacons with one miner down, verified with drand's verifier from the /info JSON
 * alone, and a VRF output verified with the chain's public key alone.
 */
class BeaconStepTest {
    @TempDir
    Path dir;

    @Test
    void threeBeaconsWithOneMinerOfflineAndAVerifiableVrfPick() {
        DevnetConfig config = new DevnetConfig(3, 2, 0, 0, dev.drey.crypto.pairing.PairingCurves.BLS381, dir, null);
        List<String> progress = new ArrayList<>();
        try (DevnetFederation f = DevnetFederation.builder(config).build()) {
            DevnetSteps steps = new DevnetSteps(progress::add);
            steps.step("kafka", f::startKafka);
            steps.step("miners", f::startMiners);
            BeaconStep.Result r = steps.step("beacon", () -> BeaconStep.run(f, 3, 3, List.of("aa", "bb", "cc"),
                    "2026-12"), BeaconStep.Result::detail);
            assertEquals(3, r.beacons().size());
            BeaconVerifier v = new BeaconVerifier(DrandJson.parseChainInfo(r.chainInfoJson()));
            for (BeaconOutput b : r.beacons()) {
                assertTrue(v.verify(new Beacon(b.round(), b.randomness(), b.signature())).valid(), "round " + b.round());
            }
            assertNull(ThresholdVrf.check(new Bls12381.PreparedG2(r.chain().publicKey()),
                    new ThresholdVrf.Evaluation(r.vrf().input(), r.vrf().output(), r.vrf().proof())));
            assertTrue(r.picked() >= 0 && r.picked() < 3);
            assertTrue(r.onTimeShare() >= 0 && r.onTimeShare() <= 1);
        }
    }
}
