package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.VoteStep;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.roast.SignatureResult;
import dev.drey.vote.Freeze;
import dev.drey.vote.Proposal;
import dev.drey.vote.VoteAudit;
import dev.drey.vote.VoteCoordinator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A secret vote among the 4 miners with a dishonest coordinator and voters: miner 4 votes twice (two first
 * ballots), miner 3 sends a ballot after endsAt, the coordinator asks the federation to freeze the counted ballots
 * without miner 1's, and miner 4's vote function publishes a bad partial decryption. Honest signers must refuse the
 * chosen subset (no signature, no share), both of miner 4's ballots and the late one must be refused, the bad
 * partial must name miner 4, and the honest freeze and result must be signed with the right tally.
 */
public final class VoteChosenSubset implements Scenario {
    private final AtomicReference<DevnetFederation> federation = new AtomicReference<>();

    @Override
    public String name() {
        return "vote-chosen-subset";
    }

    @Override
    public String expected() {
        return "a freeze of a chosen subset of ballots is refused (no signature, no shares); a double vote and a late"
                + " ballot are refused; a bad partial decryption names its sender; the honest tally is signed";
    }

    @Override
    public DevnetFederation.Builder prepare(DevnetFederation.Builder builder) {
        return builder.functionLayer(VoteStep.faults(Set.of(4), Set.of(), federation::get));
    }

    @Override
    public Outcome run(DevnetFederation f) {
        federation.set(f);
        f.dkgElection();
        VoteStep.Plan plan = new VoteStep.Plan("adversary vote", List.of("no", "yes"), Proposal.Mode.SECRET,
                Proposal.PollType.SINGLECHOICE, 1, Optional.empty(), List.of(), 0, 0);
        try (VoteStep.Session s = VoteStep.Session.open(f, plan)) {
            Event first = s.cast(0, List.of(1), Optional.empty(), false, f.now());
            s.cast(1, List.of(0), Optional.empty(), false, f.now());
            Event third = s.cast(2, List.of(1), Optional.empty(), false, f.now());
            s.cast(3, List.of(0), Optional.empty(), false, f.now());
            s.cast(3, List.of(1), Optional.empty(), false, f.now()); // a second first ballot: a double vote
            s.awaitEnd();
            s.cast(2, List.of(0), Optional.of(third.id()), false, f.now()); // after endsAt: late
            s.awaitEnd();

            Proposal p = s.proposal();
            VoteAudit.Count all = VoteCoordinator.count(p, s.events(), f.rng());
            VoteAudit.Count chosen = new VoteAudit.Count(all.counted().stream()
                    .filter(b -> !b.id().equals(first.id())).toList(), List.of(), List.of());
            EventTemplate subset = Freeze.template(p.id(), chosen.ids(), VoteAudit.tallyHash(p, chosen), f.now());
            Event request = s.signRequest(subset);
            f.publishAsRequester(request);
            Optional<SignatureResult> r = Attacks.awaitResult(f, request, Duration.ofSeconds(10));
            Attacks.Released released = Attacks.released(f, request.id());
            boolean subsetRefused = !r.map(SignatureResult::succeeded).orElse(false)
                    && released.signatureShares() == 0;

            Event freeze = s.freeze();
            VoteStep.Outcome o = s.finish(freeze);
            boolean rightTally = o.tally().equals(List.of(1L, 2L));
            boolean refusals = o.ballotsRefused() == 3 && o.ballotsCounted() == 3;
            boolean named = o.culprits().equals(List.of(4));
            return new Outcome(subsetRefused && rightTally && refusals && named,
                    "chosen-subset freeze: " + (r.isPresent() ? (r.get().succeeded() ? "SIGNED" : "failed ("
                            + r.get().reason() + ")") : "no signature") + ", shares released "
                            + released.signatureShares() + "; " + o.ballotsRefused() + " ballots refused, "
                            + o.ballotsCounted() + " counted; bad partials from " + o.culprits() + "; tally "
                            + o.tally() + ", result " + o.resultEvent().id(),
                    Outcome.measured("subsetSigned", r.map(SignatureResult::succeeded).orElse(false),
                            "sharesReleased", released.signatureShares(), "ballotsRefused", o.ballotsRefused(),
                            "culprits", o.culprits(), "tally", o.tally()));
        }
    }
}
