package dev.drey.devnet;

import dev.drey.nostr.Event;
import dev.drey.nostr.Nip19;
import dev.drey.vote.VoteResult;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The main job: a whole federation on one machine, every actor talking only through nostr events, relays and
 * Kafka topics as in a deployment. The federation ({@link DevnetFederation}: the embedded broker; n miners with
 * their own identity key, relay, topics, KV store and functions; the PoL service's relay; the FROST and DTA DKGs)
 * and then the demo's steps, one small class each: an investor's enrolment ({@link EnrolStep}), this month's
 * proof of life ({@link ProofOfLifeStep}), the faulty miners go offline or turn bad ({@link FaultsStep}), ROAST
 * signs a DREY issuance citing the claim ({@link RoastSignStep}) for the amount the miners voted before
 * ({@link VoteStep}); the issuance is checked under the group key.
 */
public final class Devnet implements AutoCloseable {
    /** The beacon's period on the devnet (seconds) and how many consecutive beacons the step waits for. */
    static final int BEACON_PERIOD = 3;
    static final int BEACON_ROUNDS = 3;
    public static final String PURPOSE_MESSAGE = "devnet-message";

    private final DevnetFederation federation;
    private final DevnetSteps steps;

    public Devnet(DevnetConfig config, Consumer<String> progress) {
        this.federation = DevnetFederation.builder(config).build();
        this.steps = new DevnetSteps(progress);
    }

    /** Runs every step; a failed step ends the run (the report says which and why). */
    public DevnetReport run() {
        long start = System.nanoTime();
        String groupKey = null;
        Event issuance = null;
        DevnetReport.Roast roast = null;
        DevnetReport.Beacon beacon = null;
        DevnetReport.Vote vote = null;
        String error = null;
        DevnetFederation f = federation;
        try {
            steps.step("kafka", f::startKafka);
            steps.step("miners", f::startMiners);
            steps.step("dkg-frost", f::dkgFrost);
            groupKey = f.federation().groupPubkeyHex();
            steps.step("dkg-dta", f::dkgDta);
            steps.step("dkg-election", f::dkgElection);
            steps.step("functions", f::installFunctions);
            VoteStep.Outcome voted = steps.step("vote", () -> VoteStep.vote(f,
                    VoteStep.issuanceAmountPlan(f.miners().size())), VoteStep.Outcome::detail);
            vote = new DevnetReport.Vote(voted.proposal().id(), voted.tally(), voted.resultEvent(),
                    voted.parameter().map(VoteResult.Parameter::name).orElse(null),
                    voted.parameter().map(VoteResult.Parameter::value).orElse(null));
            long amount = voted.parameter().map(p -> Long.parseLong(p.value())).orElse(RoastSignStep.DEFAULT_AMOUNT);
            EnrolStep.Enrolment enrolled = steps.step("enrol", () -> EnrolStep.enrol(f), EnrolStep.Enrolment::detail);
            Event claim = steps.step("proof-of-life", () -> ProofOfLifeStep.proofOfLife(f, enrolled),
                    ev -> "claim " + ev.id());
            BeaconStep.Result b = steps.step("beacon", () -> BeaconStep.run(f, BEACON_PERIOD, BEACON_ROUNDS,
                    List.of(dev.drey.crypto.Hex.encode(enrolled.identityHash())),
                    java.time.YearMonth.now(f.clock()).toString()), BeaconStep.Result::detail);
            beacon = new DevnetReport.Beacon(b.chainInfoJson(), b.beacons(), b.onTimeShare(), b.vrf(), b.picked());
            steps.step("faults", () -> FaultsStep.injectFaults(f));
            RoastSignStep.Signed signed = steps.step("roast-sign",
                    () -> RoastSignStep.sign(f, claim, enrolled, amount),
                    RoastSignStep.Signed::detail);
            issuance = signed.issuance();
            roast = signed.roast();
            Event finalEvent = issuance;
            steps.step("verify", () -> {
                if (!finalEvent.verify().isValid()) {
                    throw new DevnetException("the issuance event does not verify under the group key");
                }
                return "BIP-340 signature by " + Nip19.encodeNpub(finalEvent.pubkey());
            });
            f.log("devnet: done; issuance " + finalEvent.id());
        } catch (DevnetException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            error = e.toString();
            f.log("devnet: unexpected failure: " + e);
        }
        return new DevnetReport(error == null, groupKey == null ? null : Nip19.encodeNpub(groupKey), groupKey,
                issuance, roast, steps.done(), (System.nanoTime() - start) / 1_000_000, f.minerInfo(),
                f.polRelayUrl(), error, beacon, vote);
    }

    /** A line for the detail log ({@code devnet.log}): hosts route their logging here. */
    public void log(String line) {
        federation.log(line);
    }

    /** The demo client key: allowed on every relay, for a person with any nostr client (nsec). */
    public String demoClientNsec() {
        return federation.demoClientNsec();
    }

    public Path dataDir() {
        return federation.dataDir();
    }

    @Override
    public void close() {
        federation.close();
    }
}
