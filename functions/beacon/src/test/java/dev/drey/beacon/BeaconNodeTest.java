package dev.drey.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeaconNodeTest {
    @TempDir
    Path dir;

    private static long timeOf(long round) {
        return Federation.SCHEDULE.timeOf(round);
    }

    /** Delivers every event to every online node (not its author) until nothing new is published. */
    private static Map<Integer, List<BeaconMessage>> gossip(Federation f, Set<Integer> online, Deque<Event> queue,
            Map<Integer, List<BeaconMessage>> published, long now) {
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            for (int i : online) {
                if (f.pubkeys.get(i).equals(e.pubkey())) {
                    continue;
                }
                BeaconNode.Step s = f.nodes.get(i).handle(e, now);
                assertTrue(s.culprits().isEmpty(), s.toString());
                published.computeIfAbsent(i, k -> new ArrayList<>()).addAll(s.publish());
                queue.addAll(f.events(i, s));
            }
        }
        return published;
    }

    static Map<Integer, List<BeaconMessage>> tickAll(Federation f, Set<Integer> online, long now) {
        Deque<Event> queue = new ArrayDeque<>();
        Map<Integer, List<BeaconMessage>> published = new TreeMap<>();
        for (int i : online) {
            BeaconNode.Step s = f.nodes.get(i).tick(now);
            published.computeIfAbsent(i, k -> new ArrayList<>()).addAll(s.publish());
            queue.addAll(f.events(i, s));
        }
        return gossip(f, online, queue, published, now);
    }

    static List<BeaconOutput> beacons(List<BeaconMessage> ms) {
        return ms.stream().filter(m -> m instanceof BeaconOutput).map(m -> (BeaconOutput) m).toList();
    }

    @Test
    void threeConsecutiveBeaconsWithOneMemberOfflineVerifyAndAgree() {
        try (Federation f = new Federation(dir, 3, 4, 10)) {
            Set<Integer> online = Set.of(1, 2, 3); // member 4 is down
            Map<Long, BeaconOutput> seen = new HashMap<>();
            for (long r = 1; r <= 3; r++) {
                Map<Integer, List<BeaconMessage>> out = tickAll(f, online, timeOf(r));
                for (int i : online) {
                    List<BeaconOutput> bs = beacons(out.get(i));
                    assertEquals(1, bs.size(), "member " + i + " publishes round " + r + " once: " + out.get(i));
                    BeaconOutput b = bs.get(0);
                    assertEquals(r, b.round());
                    assertTrue(f.keys.get(4).verify(Domain.BEACON, ChainSchedule.roundMessage(r), b.signature()));
                    BeaconOutput other = seen.putIfAbsent(r, b);
                    assertEquals(other == null ? b : other, b, "outputs are unique: every aggregator agrees");
                }
            }
            assertEquals(3, seen.size());
        }
    }

    @Test
    void aRoundIsSignedOncePerMemberAndNeverBeforeItsTime() {
        try (Federation f = new Federation(dir, 2, 3, 10)) {
            BeaconNode n = f.nodes.get(1);
            assertTrue(n.tick(timeOf(1) - 1).publish().isEmpty(), "nothing before genesis");
            List<BeaconMessage> first = n.tick(timeOf(1) + 2).publish();
            assertEquals(1, first.size());
            assertEquals(new PartialMessage.Round(1), ((PartialMessage) first.get(0)).target());
            assertTrue(n.tick(timeOf(1) + 2).publish().isEmpty(), "a repeated tick signs nothing again");
            assertTrue(n.tick(timeOf(2) - 1).publish().isEmpty(), "round 2 is not due a second early");
            List<BeaconMessage> second = n.tick(timeOf(2)).publish();
            assertEquals(List.of(new PartialMessage.Round(2)),
                    second.stream().map(m -> ((PartialMessage) m).target()).toList());
        }
    }

    @Test
    void catchUpAfterDowntimeIsBounded() {
        try (Federation f = new Federation(dir, 2, 3, 4)) {
            BeaconNode n = f.nodes.get(1);
            assertEquals(List.of(47L, 48L, 49L, 50L), rounds(n.tick(timeOf(50))));
            BeaconNode.Step back = n.tick(timeOf(80));
            assertEquals(List.of(77L, 78L, 79L, 80L), rounds(back));
            assertTrue(back.notes().stream().anyMatch(s -> s.contains("51..76 missed")), back.notes().toString());
            assertEquals(List.of(81L), rounds(n.tick(timeOf(81))));
        }
    }

    private static List<Long> rounds(BeaconNode.Step s) {
        return s.publish().stream().map(m -> ((PartialMessage.Round) ((PartialMessage) m).target()).round()).toList();
    }

    @Test
    void badProofsAreRefusedNamingTheSenderAndTheBeaconStillAppears() {
        try (Federation f = new Federation(dir, 2, 3, 10)) {
            long now = timeOf(5);
            BeaconNode honest = f.nodes.get(1);
            PartialMessage mine = (PartialMessage) honest.tick(now).publish().get(4); // round 5
            PartialMessage cheat = (PartialMessage) f.nodes.get(2).tick(now).publish().get(4);
            // A forged proof.
            byte[] proof = cheat.proof();
            proof[proof.length - 1] ^= 1;
            BeaconNode.Step s = honest.handle(f.event(2, new PartialMessage(Federation.CHAIN, cheat.target(), 2,
                    cheat.partial(), proof)), now);
            assertEquals(Set.of(2), s.culprits().keySet());
            assertTrue(s.publish().isEmpty(), "nothing wrong is published");
            // A valid partial of round 5 replayed as round 4.
            s = honest.handle(f.event(2, new PartialMessage(Federation.CHAIN, new PartialMessage.Round(4), 2,
                    cheat.partial(), cheat.proof())), now);
            assertEquals(Set.of(2), s.culprits().keySet());
            assertTrue(s.publish().isEmpty());
            // Member 3's partial sent by member 2's key: not member 3.
            PartialMessage third = (PartialMessage) f.nodes.get(3).tick(now).publish().get(4);
            s = honest.handle(f.event(2, third), now);
            assertTrue(s.publish().isEmpty());
            assertTrue(s.notes().get(0).contains("is not member 3"), s.notes().toString());
            // Another chain.
            s = honest.handle(f.event(3, new PartialMessage("cd".repeat(32), third.target(), 3, third.partial(),
                    third.proof())), now);
            assertTrue(s.publish().isEmpty());
            assertTrue(s.notes().get(0).contains("another chain"), s.notes().toString());
            // The honest partial of member 3 completes round 5.
            s = honest.handle(f.event(3, third), now);
            List<BeaconOutput> bs = beacons(s.publish());
            assertEquals(1, bs.size());
            assertTrue(f.keys.get(1).verify(Domain.BEACON, ChainSchedule.roundMessage(5), bs.get(0).signature()));
            assertEquals(5, bs.get(0).round());
            assertFalse(mine.partial().length == 0);
        }
    }

    @Test
    void duplicatesLatePartialsAndOtherAggregatorsBeaconsAreHarmless() {
        try (Federation f = new Federation(dir, 2, 3, 10)) {
            long now = timeOf(1);
            BeaconNode a = f.nodes.get(1);
            BeaconNode b = f.nodes.get(2);
            Event pa = f.events(1, a.tick(now)).get(0);
            Event pb = f.events(2, b.tick(now)).get(0);
            Event pc = f.events(3, f.nodes.get(3).tick(now)).get(0);
            BeaconNode.Step s = a.handle(pb, now);
            BeaconOutput out = beacons(s.publish()).get(0);
            assertTrue(a.handle(pb, now).publish().isEmpty(), "the same partial again: nothing new");
            assertTrue(a.handle(pc, now).publish().isEmpty(), "a late partial: the output is known");
            // Member 2 receives member 1's beacon before member 1's partial: it completes and republishes nothing.
            BeaconNode.Step got = b.handle(f.event(1, out), now);
            assertTrue(got.publish().isEmpty(), got.toString());
            assertTrue(b.handle(pa, now).publish().isEmpty(), "late partial after the beacon came");
            // A beacon that does not verify changes nothing.
            BeaconNode c = f.nodes.get(3);
            BeaconOutput forged = BeaconOutput.of(1, f.keys.get(3).sign(Domain.BEACON, ChainSchedule.roundMessage(1))
                    .partial());
            assertTrue(c.handle(f.event(1, forged), now).notes().get(0).contains("does not verify"));
            assertEquals(out, beacons(c.handle(pa, now).publish()).get(0), "member 3 still aggregates the same beacon");
        }
    }

    @Test
    void aPartialOfAFutureRoundIsRefused() {
        try (Federation f = new Federation(dir, 2, 3, 10)) {
            PartialMessage early = (PartialMessage) f.nodes.get(2).tick(timeOf(9)).publish().get(8);
            BeaconNode.Step s = f.nodes.get(1).handle(f.event(2, early), timeOf(9) - 3);
            assertTrue(s.publish().isEmpty());
            assertTrue(s.notes().get(0).contains("not due yet"), s.notes().toString());
        }
    }

    @Test
    void vrfOutputOnlyForAnAllowedRequesterAndVerifiableWithTheGroupKey() {
        try (Federation f = new Federation(dir, 2, 3, 10)) {
            long now = timeOf(1);
            byte[] input = "investor pick 2026-12".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] stranger = new byte[32];
            stranger[0] = 5;
            stranger[31] = 5;
            Event refused = f.signedBy(stranger, new VrfRequest(Federation.CHAIN, input));
            for (BeaconNode n : f.nodes.values()) {
                BeaconNode.Step s = n.handle(refused, now);
                assertTrue(s.publish().isEmpty());
                assertTrue(s.notes().get(0).contains("not an allowed requester"));
            }
            Event request = f.signedBy(f.requester, new VrfRequest(Federation.CHAIN, input));
            Event p1 = f.events(1, f.nodes.get(1).handle(request, now)).get(0);
            // Member 2 sees member 1's partial before the request: it waits in the pool.
            assertTrue(f.nodes.get(2).handle(p1, now).publish().isEmpty());
            List<BeaconMessage> out = f.nodes.get(2).handle(request, now).publish();
            assertEquals(2, out.size(), out.toString());
            VrfOutput v = (VrfOutput) out.get(1);
            assertEquals(request.id(), v.requestId());
            assertTrue(f.keys.get(3).verify(Domain.VRF, input, v.proof()));
            assertFalse(f.keys.get(3).verify(Domain.BEACON, input, v.proof()), "the VRF DST is not the beacon's");
            assertEquals(Hex.encode(dev.drey.crypto.Bytes.sha256(v.proof())), Hex.encode(v.output()));
            assertTrue(f.nodes.get(2).handle(request, now).publish().isEmpty(), "once per request");
        }
    }
}
