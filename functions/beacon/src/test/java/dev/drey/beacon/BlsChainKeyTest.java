package dev.drey.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconVerifier;
import dev.drey.crypto.bls.Bls12381;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.DrandJson;
import dev.drey.crypto.bls.ThresholdVrf;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingDealer;
import dev.drey.dkg.DkgResult;
import dev.drey.nostr.Event;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node on drand's scheme: keys shaped as a beacon DKG leaves them (AMCL points, converted), beacons that
 * drand's verifier ({@link BeaconVerifier}) accepts under the chain info alone, and VRF outputs
 * {@link ThresholdVrf#check} accepts under the chain's public key alone.
 */
class BlsChainKeyTest {
    private static final PairingCurve C = PairingCurves.BLS381;
    private static final long GENESIS = 1_800_000_000L;
    @TempDir
    Path dir;

    /** What a t-of-n beacon DKG leaves each member (dealt here: the DKG itself is tested in the dkg module). */
    private static DkgResult.Beacon[] results(int t, int n, SecureRandom rng) {
        BigInteger secret = C.randomScalar(rng);
        PairingDealer.Dealt d = PairingDealer.split(C, secret, t, n, rng);
        byte[] groupKey = C.g2().mul(C.g2().generator(), secret);
        DkgResult.Beacon[] out = new DkgResult.Beacon[n + 1];
        for (int i = 1; i <= n; i++) {
            out[i] = new DkgResult.Beacon("11".repeat(32), d.shares().get(i - 1), d.publicKey(), groupKey);
        }
        return out;
    }

    @Test
    void beaconsWithOneMemberOfflineVerifyWithDrandsVerifierAndVrfWithThePublicKeyAlone() {
        SecureRandom rng = new SecureRandom();
        int n = 3;
        DkgResult.Beacon[] rs = results(2, n, rng);
        ChainInfo chain = BlsChainKey.chainInfo(rs[1], 3, GENESIS, "drey-test");
        ChainInfo parsed = DrandJson.parseChainInfo(DrandJson.print(chain));
        assertEquals(Hex.encode(chain.hash()), Hex.encode(parsed.hash()), "the /info JSON carries its own hash");
        List<Integer> members = IntStream.rangeClosed(1, n).boxed().toList();
        ChainSchedule schedule = new ChainSchedule(GENESIS, 3);
        try (Federation f = new Federation(dir, n, 10, Hex.encode(chain.hash()), schedule,
                i -> BlsChainKey.fromDkg(chain, rs[i], members, rng))) {
            BeaconVerifier verifier = new BeaconVerifier(chain);
            Set<Integer> online = Set.of(1, 2); // member 3 is down
            for (long r = 1; r <= 3; r++) {
                Map<Integer, List<BeaconMessage>> out = BeaconNodeTest.tickAll(f, online, schedule.timeOf(r));
                BeaconOutput b = BeaconNodeTest.beacons(out.get(1)).get(0);
                assertEquals(b, BeaconNodeTest.beacons(out.get(2)).get(0), "both aggregators publish the same");
                assertTrue(verifier.verify(new Beacon(r, b.randomness(), b.signature())).valid(), "round " + r);
                assertFalse(verifier.verify(new Beacon(r + 1, b.randomness(), b.signature())).valid());
            }
            byte[] input = "proof-of-life extra check 2026-12".getBytes(StandardCharsets.UTF_8);
            Event request = f.signedBy(f.requester, new VrfRequest(f.chain, input));
            Event p1 = f.events(1, f.nodes.get(1).handle(request, schedule.timeOf(3))).get(0);
            f.nodes.get(2).handle(p1, schedule.timeOf(3));
            List<BeaconMessage> out = f.nodes.get(2).handle(request, schedule.timeOf(3)).publish();
            VrfOutput v = (VrfOutput) out.get(out.size() - 1);
            assertNull(ThresholdVrf.check(new Bls12381.PreparedG2(chain.publicKey()),
                    new ThresholdVrf.Evaluation(v.input(), v.output(), v.proof())));
        }
    }

    @Test
    void aChainInfoOfAnotherKeyIsRefused() {
        SecureRandom rng = new SecureRandom();
        DkgResult.Beacon[] rs = results(2, 3, rng);
        DkgResult.Beacon[] other = results(2, 3, rng);
        ChainInfo chain = BlsChainKey.chainInfo(other[1], 3, GENESIS, "drey-test");
        assertThrows(BeaconException.class, () -> BlsChainKey.fromDkg(chain, rs[1], List.of(1, 2, 3), rng));
    }

    @Test
    void aPartialBoundToAnotherChainDoesNotVerify() {
        SecureRandom rng = new SecureRandom();
        DkgResult.Beacon[] rs = results(2, 3, rng);
        ChainInfo a = BlsChainKey.chainInfo(rs[1], 3, GENESIS, "chain-a");
        ChainInfo b = BlsChainKey.chainInfo(rs[1], 3, GENESIS, "chain-b");
        BlsChainKey onA = BlsChainKey.fromDkg(a, rs[1], List.of(1, 2, 3), rng);
        BlsChainKey onB = BlsChainKey.fromDkg(b, rs[2], List.of(1, 2, 3), rng);
        byte[] m = ChainSchedule.roundMessage(7);
        ChainKey.SignedPartial p = onA.sign(Domain.BEACON, m);
        assertTrue(onA.verifyPartial(Domain.BEACON, m, 1, p.partial(), p.proof()));
        assertFalse(onB.verifyPartial(Domain.BEACON, m, 1, p.partial(), p.proof()), "proof bound to chain a");
        assertFalse(onA.verifyPartial(Domain.BEACON, ChainSchedule.roundMessage(8), 1, p.partial(), p.proof()));
        assertFalse(onA.verifyPartial(Domain.BEACON, m, 2, p.partial(), p.proof()), "another member's share");
    }
}
