package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.KafkaView;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.crypto.Scalar;
import dev.drey.devnet.DevnetFederation;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.roast.RoastKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rogue miner (miner 2) places events by authors outside the roster on its own relay, by appending them to its
 * own Kafka topics: federation kinds p-tagged to miner 1, which pulls from miner 2 as a peer. Miner 1's peer pull
 * must store only events by roster members; none of the injected events may reach miner 1's topics.
 */
public final class PeerPullInjection implements Scenario {
    private static final int INJECTED = 5;

    @Override
    public String name() {
        return "peer-pull-injection";
    }

    @Override
    public String expected() {
        return "events by a non-roster author placed on a peer relay never appear in this miner's Kafka topics "
                + "(injectedInLog 0)";
    }

    @Override
    public Outcome run(DevnetFederation f) throws Exception {
        byte[] outsider = Scalar.random(f.rng()).encode();
        String target = f.miner(1).pubkey;
        List<Event> injected = new ArrayList<>();
        int[] kinds = {RoastKinds.SIGN_REQUEST, RoastKinds.PRESIGNATURE, RoastKinds.SESSION_START,
                RoastKinds.SIGNATURE_RESULT, RoastKinds.PROOF_OF_LIFE_CLAIM};
        for (int i = 0; i < INJECTED; i++) {
            Event e = new EventTemplate(f.now(), kinds[i % kinds.length], List.of(List.of("p", target),
                    List.of("e", "ab".repeat(32))), "{\"injected\":" + i + "}").sign(outsider, f.rng());
            f.miner(2).node().log().append(e).get();
            injected.add(e);
        }
        Set<String> ids = injected.stream().map(Event::id).collect(Collectors.toSet());
        // the injected events are on miner 2's relay now; give miner 1's peer pull time to see them
        long inOwnLog = KafkaView.logged(f, 2).stream().filter(e -> ids.contains(e.id())).count();
        Attacks.sleep(5000);
        long inLog = KafkaView.logged(f, 1).stream().filter(e -> ids.contains(e.id())).count();
        return new Outcome(inOwnLog == INJECTED && inLog == 0, INJECTED + " events by a non-roster author placed in "
                + "miner 2's topics (" + inOwnLog + " there); after 5 s, " + inLog + " of them in miner 1's topics",
                Outcome.measured("injected", INJECTED, "injectedInLog", inLog));
    }
}
