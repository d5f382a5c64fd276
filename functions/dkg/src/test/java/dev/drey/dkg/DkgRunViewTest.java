package dev.drey.dkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.nostr.Event;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outsider's view of a run: built from the very events a ceremony publishes, forged ones ignored. */
class DkgRunViewTest {
    @TempDir
    Path dir;

    @Test
    void aCompletedRunGivesThePublicKeyPackageEveryMemberDerived() {
        try (Network net = new Network(dir, 4, 71)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 3);
            net.run(List.of(start));
            DkgRunView view = DkgRunView.of(start);
            List<Event> seen = new ArrayList<>(net.published);
            Collections.reverse(seen); // any order, any number of times
            seen.forEach(view::accept);
            seen.forEach(e -> assertTrue(view.accept(e).isEmpty(), "a duplicate changes nothing"));
            assertEquals(DkgRunView.State.COMPLETED, view.state(), view.toString());
            assertEquals(1, view.transcripts().size());
            PublicKeyPackage expected = ((DkgResult.Frost) net.miners.get(2).results().load(start.id()).orElseThrow())
                    .publicKeyPackage();
            assertEquals(Optional.of(expected), view.frostPublicKeys());
            assertTrue(view.culprits().isEmpty() && view.failure().isEmpty());
        }
    }

    @Test
    void progressCountsOnlyCheckedEventsOfTheRun() {
        try (Network net = new Network(dir, 3, 72)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 2);
            net.run(List.of(start));
            DkgRunView view = DkgRunView.of(start);
            Event round1 = net.published.stream().filter(e -> e.kind() == DkgKinds.ROUND1
                    && net.idOf(e.pubkey()) == 1).findFirst().orElseThrow();
            assertTrue(view.accept(round1).orElseThrow().startsWith("round 1 from member 1"));
            assertEquals(DkgRunView.State.ROUND1, view.state());
            assertEquals(List.of(2, 3), view.missingRound1());

            // member 2's round 1 re-signed by an outsider, or by member 3 claiming to be 2: ignored
            Event two = net.published.stream().filter(e -> e.kind() == DkgKinds.ROUND1 && net.idOf(e.pubkey()) == 2)
                    .findFirst().orElseThrow();
            DkgMessage m = DkgCodec.decode(two);
            byte[] outsider = Scalar.random(new SecureRandom()).encode();
            assertTrue(view.accept(Network.sign(m, two.createdAt(), List.of(), outsider, new SecureRandom())).isEmpty());
            assertTrue(view.accept(Network.sign(m, two.createdAt(), List.of(), net.keys.get(3), new SecureRandom()))
                    .isEmpty());
            // a bad signature: ignored
            Event forged = new Event(two.id(), two.pubkey(), two.createdAt(), two.kind(), two.tags(), two.content(),
                    Hex.encode(new byte[64]));
            assertTrue(view.accept(forged).isEmpty());
            assertEquals(List.of(2, 3), view.missingRound1());
            assertEquals(3, view.ignored().size(), view.ignored().toString());
        }
    }

    @Test
    void aComplaintFailsTheRunAndNamesTheAccused() {
        try (Network net = new Network(dir, 4, 73)) {
            net.tamper = CheaterTest.shareToOne(net, s -> Scalar.decode(s).add(Scalar.ONE).encode());
            Event start = net.start(KeyType.FROST_BIP340, "", 3);
            net.run(List.of(start));
            DkgRunView view = DkgRunView.of(start);
            net.published.forEach(view::accept);
            assertEquals(DkgRunView.State.FAILED, view.state());
            assertTrue(view.culprits().stream().allMatch(c -> c.accused() == 3), view.culprits().toString());
            assertTrue(view.failure().orElseThrow().contains("[3]"));
            assertTrue(view.frostPublicKeys().isEmpty());
        }
    }
}
