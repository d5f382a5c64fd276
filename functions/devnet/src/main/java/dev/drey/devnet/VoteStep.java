package dev.drey.devnet;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.election.BallotContext;
import dev.drey.crypto.election.BallotEncryptor;
import dev.drey.crypto.election.DecryptionShare;
import dev.drey.crypto.election.EncryptedBallot;
import dev.drey.crypto.election.PartialDecryption;
import dev.drey.dkg.DkgResult;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Filter;
import dev.drey.relay.client.RelayClient;
import dev.drey.roast.RoastCodec;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.kafka.OutboxRecord;
import dev.drey.miner.VoteFunction;
import dev.drey.vote.ElectionKeys;
import dev.drey.vote.Freeze;
import dev.drey.vote.KvVoteLedger;
import dev.drey.vote.Proposal;
import dev.drey.vote.TrusteeDecryption;
import dev.drey.vote.VoteAudit;
import dev.drey.vote.VoteCoordinator;
import dev.drey.vote.VoteKinds;
import dev.drey.vote.VotePolicy;
import dev.drey.vote.VoteRecord;
import dev.drey.vote.VoteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A vote of the miners over the devnet's relays, Kafka and functions: the election key's own DKG, a proposal by
 * miner 1, one ballot per miner, the freeze and the result group-signed through ROAST (each signer recomputing
 * them from the vote events its functions filed), the trustees' partial decryptions published by their vote
 * functions. {@code drey devnet} votes on {@code issuance-amount} before the issuance; {@code drey vote simulate}
 * runs it with faults.
 */
public final class VoteStep {
    /** How long ballots may be cast after the proposal (endsAt = proposal time + this). */
    static final Duration BALLOT_WINDOW = Duration.ofSeconds(3);

    /**
     * What to vote on and how.
     *
     * @param choices each miner's chosen option indices, in miner order (empty: abstains)
     * @param badBallots the first K voters send a ballot whose proofs do not verify
     * @param absent how many trustees are known to stay silent (the step waits for the others' partials only)
     */
    public record Plan(String question, List<String> options, Proposal.Mode mode, Proposal.PollType pollType,
            int limit, Optional<String> param, List<List<Integer>> choices, int badBallots, int absent) {
        public Plan {
            options = List.copyOf(options);
            choices = choices.stream().map(List::copyOf).toList();
        }
    }

    /** What the vote gave. */
    public record Outcome(Event proposal, String groupPubkey, int ballotsCounted, int ballotsRefused,
            List<Long> tally, Event resultEvent, List<Integer> culprits, VoteRecord record,
            Optional<VoteResult.Parameter> parameter) {
        public String detail() {
            return "tally " + tally + ", " + ballotsCounted + " ballots counted, " + ballotsRefused + " refused"
                    + parameter.map(p -> ", " + p.name() + " = " + p.value()).orElse("")
                    + (culprits.isEmpty() ? "" : ", bad partial decryptions from miners " + culprits)
                    + "; result " + resultEvent.id();
        }
    }

    private VoteStep() {
    }

    /** The devnet's vote: every miner votes on the issuance amount, most for 750. */
    public static Plan issuanceAmountPlan(int miners) {
        List<List<Integer>> choices = new ArrayList<>();
        for (int i = 0; i < miners; i++) {
            choices.add(List.of(i % 3 == 2 ? 2 : 1));
        }
        return new Plan("DREY issued per proof of life", List.of("500", "750", "1000"), Proposal.Mode.SECRET,
                Proposal.PollType.SINGLECHOICE, 1, Optional.of("issuance-amount"), choices, 0, 0);
    }

    public static Outcome vote(DevnetFederation f, Plan plan) {
        try (Session s = Session.open(f, plan)) {
            for (int i = 0; i < f.miners().size() && i < plan.choices().size(); i++) {
                s.cast(i, plan.choices().get(i), Optional.empty(), i < plan.badBallots(), f.now());
            }
            s.awaitEnd();
            Event freeze = s.freeze();
            return s.finish(freeze);
        }
    }

    /**
     * One vote in progress, driven step by step (the adversary drives it with its own moves in between): the
     * proposal is out; ballots, the freeze, the partial decryptions and the result follow, each kept for the record.
     */
    public static final class Session implements AutoCloseable {
        private final DevnetFederation f;
        private final Plan plan;
        private final Proposal p;
        private final Event proposalEvent;
        private final String group;
        private final List<Event> record = new ArrayList<>();
        private final RelayClient reader;

        private Session(DevnetFederation f, Plan plan, Event proposalEvent, RelayClient reader) {
            this.f = f;
            this.plan = plan;
            this.proposalEvent = proposalEvent;
            this.p = Proposal.of(proposalEvent);
            this.group = f.federation().groupPubkeyHex();
            this.reader = reader;
            record.add(proposalEvent);
        }

        /** Miner 1 proposes (endsAt {@link #BALLOT_WINDOW} ahead); the proposal is published to every relay. */
        public static Session open(DevnetFederation f, Plan plan) {
            List<MinerNode> miners = f.miners();
            Map<Integer, DkgResult.Election> keys = f.electionKeys();
            boolean secret = plan.mode() == Proposal.Mode.SECRET;
            if (secret && keys.isEmpty()) {
                throw new DevnetException("a secret vote needs the election key: run its DKG first");
            }
            List<String> roster = miners.stream().map(m -> m.pubkey).toList();
            Map<Integer, String> trustees = new TreeMap<>();
            miners.forEach(m -> trustees.put(m.index, m.pubkey));
            DkgResult.Election any = secret ? keys.values().iterator().next() : null;
            long now = f.now();
            EventTemplate pt = Proposal.template(plan.question(), plan.options(), plan.pollType(),
                    now + BALLOT_WINDOW.toSeconds(), plan.mode(), plan.limit(), secret ? any.runId() : "",
                    secret ? Optional.of(ElectionKeys.of(any)) : Optional.empty(), secret ? trustees : Map.of(),
                    roster, plan.param(), now);
            Event proposalEvent = pt.sign(miners.get(0).identityKey(), f.rng());
            RelayClient reader = f.openClient(f.coordinator().url(), f.requesterKey());
            reader.subscribe("vote", Filter.builder().kinds(VoteKinds.PARTIAL_DECRYPTION)
                    .tag('e', proposalEvent.id()).build());
            f.publishAsRequester(proposalEvent);
            return new Session(f, plan, proposalEvent, reader);
        }

        public Proposal proposal() {
            return p;
        }

        /** The events so far, as the record will hold them. */
        public List<Event> events() {
            return List.copyOf(record);
        }

        /** Miner {@code i}'s (0-based) ballot, created at {@code createdAt}; published and kept. */
        public Event cast(int i, List<Integer> chosen, Optional<String> prev, boolean bad, long createdAt) {
            Event b = ballot(f, p, f.miners().get(i), chosen, prev, bad, createdAt);
            record.add(b);
            f.publishAsRequester(b);
            return b;
        }

        /** Waits for endsAt, then until every online miner filed every event so far. */
        public void awaitEnd() {
            waitUntil(f, "the vote's end", () -> f.now() > p.endsAt());
            waitForLedgers(f, p.id(), record, "the ballots");
        }

        /** The sign request for a freeze (or result) event template, as the coordinator would send it. */
        public Event signRequest(EventTemplate t) {
            Event unsigned = VotePolicy.unsigned(group, t);
            return RoastCodec.template(VotePolicy.request(unsigned, List.of(f.state().coordinator())),
                    unsigned.createdAt(), new ArrayList<>(f.federation().memberPubkeys().values()))
                    .sign(f.requesterKey(), f.rng());
        }

        /** The honest freeze of everything counted, group-signed through ROAST and published. */
        public Event freeze() {
            EventTemplate ft = VoteCoordinator.freeze(p, record, f.now(), f.rng()).orElseThrow();
            Event freeze = groupSign(ft);
            record.add(freeze);
            publishGroupEvent(freeze);
            return freeze;
        }

        /**
         * A group-signed event into every online miner's relay. The devnet's relays start before the DKG makes the
         * group key, so their allow-lists cannot name it (a deployment lists the group npub in the relay's
         * allow-list once the DKG is done); the event goes in through the relay's ingest path, the one peer pull
         * uses, which checks its id and signature and appends it to the miner's topics like any other event.
         */
        private void publishGroupEvent(Event e) {
            for (MinerNode m : f.miners()) {
                if (m.online()) {
                    try {
                        m.node().relay().ingest(e).get(f.config().stepTimeout().toMillis(),
                                java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new DevnetException("interrupted while publishing group event " + e.id());
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
                        throw new DevnetException("miner " + m.index + "'s relay did not take group event " + e.id()
                                + ": " + ex);
                    }
                }
            }
        }

        private Event groupSign(EventTemplate t) {
            Event request = signRequest(t);
            return RoastSignStep.groupSigned(f, VotePolicy.unsigned(group, t), request);
        }

        /** The partial decryptions of the frozen tally, the result group-signed, the record verified. */
        public Outcome finish(Event freeze) {
            boolean secret = p.mode() == Proposal.Mode.SECRET;
            if (secret) {
                int expected = (int) f.miners().stream().filter(MinerNode::online).count() - plan.absent();
                List<Event> partials = reader.await(e -> e.kind() == VoteKinds.PARTIAL_DECRYPTION
                        && e.firstTagValue("freeze").orElse("").equals(freeze.id()), Math.max(expected, 0),
                        f.config().stepTimeout());
                record.addAll(partials);
                waitForLedgers(f, p.id(), record, "the freeze and the partial decryptions");
            }
            Freeze fr = Freeze.of(freeze);
            VoteAudit.Partials ps = secret ? VoteCoordinator.partials(p, fr, record, f.rng()) : null;
            Optional<EventTemplate> rt = VoteCoordinator.result(p, fr, record, f.now(), f.rng());
            if (rt.isEmpty()) {
                throw new DevnetException("vote " + p.id() + ": " + ps.valid().size() + " valid partial decryptions, "
                        + p.key().threshold() + " needed: more than n - t trustees are absent or bad (bad: trustees "
                        + ps.culprits().keySet() + ")");
            }
            Event result = groupSign(rt.get());
            record.add(result);
            publishGroupEvent(result);
            VoteRecord vr = new VoteRecord(p.id(), group, record);
            VoteRecord.Verdict v = vr.verify(f.rng());
            if (!v.valid()) {
                throw new DevnetException("the vote's record does not verify: " + v.failure());
            }
            VoteResult r = VoteResult.of(result);
            f.log("vote: proposal " + p.id() + " result " + result.id() + " tally " + r.tally());
            return new Outcome(proposalEvent, group, v.count().counted().size(), v.count().refused().size(),
                    r.tally(), result, ps == null ? List.of() : List.copyOf(ps.culprits().keySet()), vr,
                    r.parameter());
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    private static Event ballot(DevnetFederation f, Proposal p, MinerNode m, List<Integer> chosen,
            Optional<String> prev, boolean bad, long at) {
        EventTemplate t;
        if (p.mode() == Proposal.Mode.SECRET) {
            int[] c = new int[p.options().size()];
            chosen.forEach(i -> c[i] = 1);
            // a bad ballot: its proofs are made for another voter, so they fail for this one
            String prover = bad ? "00".repeat(32) : m.pubkey;
            EncryptedBallot b = BallotEncryptor.encrypt(p.key().publicKey(), new BallotContext(p.id(), prover), c,
                    p.limit(), f.rng());
            t = dev.drey.vote.Ballot.secret(p.id(), prev, b, at);
        } else {
            t = dev.drey.vote.Ballot.open(p.id(), prev, bad ? List.of(p.options().size()) : chosen, at);
        }
        return t.sign(m.identityKey(), f.rng());
    }

    /** Waits until every online miner's functions have filed {@code ids} (what its signer will recompute from). */
    private static void waitForLedgers(DevnetFederation f, String proposal, List<Event> events, String what) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.id()));
        waitUntil(f, what + " at every online miner", () -> f.miners().stream().filter(MinerNode::online)
                .allMatch(m -> new KvVoteLedger(m.kv()).eventsOf(proposal).stream().map(Event::id).toList()
                        .containsAll(ids)));
    }

    private static void waitUntil(DevnetFederation f, String what, Supplier<Boolean> done) {
        long deadline = System.nanoTime() + f.config().stepTimeout().toNanos();
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new DevnetException("vote: timed out waiting for " + what + " (see " + f.logPath() + ")");
            }
            DevnetFederation.sleep(100);
        }
    }

    /**
     * A function layer for the vote's faults: the vote function of a miner in {@code bad} publishes partial
     * decryptions with a wrong share point (its proofs then fail and it is named); that of a miner in
     * {@code absent} takes no part (it files nothing and answers nothing).
     */
    public static BiFunction<Integer, NostrFunction, NostrFunction> faults(Set<Integer> bad, Set<Integer> absent,
            Supplier<DevnetFederation> federation) {
        return (index, fn) -> {
            if (!fn.name().equals(VoteFunction.NAME) || !bad.contains(index) && !absent.contains(index)) {
                return fn;
            }
            boolean isAbsent = absent.contains(index);
            return new NostrFunction() {
                @Override
                public String name() {
                    return fn.name();
                }

                @Override
                public FunctionResult handle(Event event) {
                    if (isAbsent) {
                        return new FunctionResult(List.of(), List.of("vote: absent (simulated)"));
                    }
                    FunctionResult r = fn.handle(event);
                    List<OutboxRecord> out = new ArrayList<>();
                    for (OutboxRecord o : r.outbox()) {
                        out.add(o.event().kind() == VoteKinds.PARTIAL_DECRYPTION
                                ? new OutboxRecord(corrupt(o.event(), federation.get().miner(index).identityKey(),
                                        federation.get()), o.relays())
                                : o);
                    }
                    return new FunctionResult(out, r.notes());
                }
            };
        };
    }

    /** The same partial decryption with every share point moved by G (the proofs no longer hold), re-signed. */
    private static Event corrupt(Event partial, byte[] identityKey, DevnetFederation f) {
        TrusteeDecryption d = TrusteeDecryption.of(partial);
        List<DecryptionShare> shares = new ArrayList<>();
        for (DecryptionShare s : d.partial().shares()) {
            shares.add(new DecryptionShare(s.share().add(Point.G), s.proof()));
        }
        List<String> trustees = partial.tagValues("p");
        return TrusteeDecryption.template(d.proposalId(), d.freezeId(),
                new PartialDecryption(d.partial().trustee(), shares), trustees, partial.createdAt())
                .sign(identityKey, f.rng());
    }
}
