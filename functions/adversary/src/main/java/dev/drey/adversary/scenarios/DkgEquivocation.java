package dev.drey.adversary.scenarios;

import dev.drey.adversary.KafkaView;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.crypto.Hex;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.MinerNode;
import dev.drey.dkg.Complaint;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgKinds;
import dev.drey.dkg.DkgMessage;
import dev.drey.dkg.DkgResult;
import dev.drey.dkg.DkgStateException;
import dev.drey.dkg.KeyType;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.miner.DkgFunction;
import dev.drey.nostr.Event;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rogue dealer (miner 1) runs a second DKG participant with its own identity key beside its honest one, and
 * in a new FROST DKG run sends the honest participant's round-1 commitments to half of the federation (miner 2)
 * and the second participant's, different ones, to the other half (miners 3 and 4). No honest miner may keep a
 * key from that run, and the dealer must be named (in the honest miners' complaints).
 */
public final class DkgEquivocation implements Scenario {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Equivocator dealer = new Equivocator();

    @Override
    public String name() {
        return "dkg-equivocation";
    }

    @Override
    public String expected() {
        return "a dealer sending different round-1 commitments to two halves of the federation: no honest miner keeps "
                + "a key from that run (honestMinersWithKey 0, distinctGroupKeys 0) and the dealer is named";
    }

    @Override
    public DevnetFederation.Builder prepare(DevnetFederation.Builder builder) {
        return builder.functionLayer((index, fn) -> index == 1 && fn.name().equals(DkgFunction.NAME) ? dealer.wrap(fn) : fn);
    }

    @Override
    public Outcome run(DevnetFederation f) {
        try (KeyValueStore shadowKv = MvStoreKeyValueStore.open(f.dataDir().resolve("rogue-dealer.mv.db"), f.clock(),
                false)) {
            dealer.arm(f.dkgFunction(1, shadowKv), List.of(f.miner(1).url(), f.miner(2).url()),
                    List.of(f.miner(3).url(), f.miner(4).url()));
            Event start = f.dkgStart(KeyType.FROST_BIP340, "");
            f.publishAsRequester(start);
            List<MinerNode> honest = f.miners().subList(1, f.miners().size());
            Set<String> groupKeys = new TreeSet<>();
            int withKey = 0;
            int failed = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                groupKeys.clear();
                withKey = 0;
                failed = 0;
                for (MinerNode m : honest) {
                    try {
                        Optional<DkgResult> r = f.dkgResult(m.index, start.id());
                        if (r.isPresent()) {
                            withKey++;
                            groupKeys.add(Hex.encode(((DkgResult.Frost) r.get()).publicKeyPackage()
                                    .groupPublicKey().encodeCompressed()));
                        }
                    } catch (DkgStateException runFailed) {
                        failed++; // the miner ended the run: it holds no key from it
                    }
                }
                if (withKey + failed == honest.size()) {
                    break;
                }
                sleep(250);
            }
            Set<Integer> culprits = new TreeSet<>();
            for (MinerNode m : honest) {
                for (Event e : KafkaView.sent(f, m.index, ev -> ev.kind() == DkgKinds.COMPLAINT)) {
                    try {
                        DkgMessage msg = DkgCodec.decode(e);
                        if (msg instanceof Complaint c && c.runId().equals(start.id())) {
                            culprits.add(c.accused());
                        }
                    } catch (RuntimeException malformed) {
                        // not a complaint this run can be judged by
                    }
                }
            }
            boolean passed = dealer.equivocated && withKey == 0 && culprits.equals(Set.of(1));
            return new Outcome(passed, (dealer.equivocated ? "miner 1 sent two round-1 versions"
                    : "miner 1 never got to equivocate") + "; " + withKey + " of " + honest.size()
                    + " honest miners kept a key (" + groupKeys.size() + " distinct group keys); named: " + culprits,
                    Outcome.measured("honestMinersWithKey", withKey, "distinctGroupKeys", groupKeys.size(),
                            "culprits", List.copyOf(culprits)));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The dealer's host: once armed, its round-1 broadcast goes out in two versions, one per half. */
    static final class Equivocator {
        private volatile NostrFunction shadow;
        private volatile List<String> halfA;
        private volatile List<String> halfB;
        private volatile boolean equivocated;

        void arm(NostrFunction second, List<String> a, List<String> b) {
            this.halfA = a;
            this.halfB = b;
            this.shadow = second;
        }

        NostrFunction wrap(NostrFunction honest) {
            return new NostrFunction() {
                @Override
                public String name() {
                    return honest.name();
                }

                @Override
                public FunctionResult handle(Event event) {
                    FunctionResult real = honest.handle(event);
                    NostrFunction second = shadow;
                    if (second == null || real.outbox().stream().noneMatch(r -> r.event().kind() == DkgKinds.ROUND1)) {
                        return real;
                    }
                    Optional<Event> other = second.handle(event).outbox().stream().map(OutboxRecord::event)
                            .filter(e -> e.kind() == DkgKinds.ROUND1).findFirst();
                    if (other.isEmpty()) {
                        return real;
                    }
                    List<OutboxRecord> out = new ArrayList<>();
                    for (OutboxRecord r : real.outbox()) {
                        if (r.event().kind() == DkgKinds.ROUND1) {
                            out.add(new OutboxRecord(r.event(), halfA));
                            out.add(new OutboxRecord(other.get(), halfB));
                            equivocated = true;
                        } else {
                            out.add(r);
                        }
                    }
                    return new FunctionResult(out, real.notes());
                }
            };
        }
    }
}
