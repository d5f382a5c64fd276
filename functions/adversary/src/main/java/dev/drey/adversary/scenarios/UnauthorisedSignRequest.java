package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.crypto.Scalar;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.EnrolStep;
import dev.drey.devnet.MinerNode;
import dev.drey.devnet.ProofOfLifeStep;
import dev.drey.devnet.RoastSignStep;
import dev.drey.nostr.Event;
import java.time.Duration;
import java.util.List;

/**
 * Two requesters the federation never allowed ask for a DREY issuance citing a valid proof-of-life claim: a key
 * nobody knows, and a single miner (its own identity key). Each request reaches every relay it can (the miner's
 * through its roster membership); no miner may release anything for either.
 */
public final class UnauthorisedSignRequest implements Scenario {
    @Override
    public String name() {
        return "unauthorised-sign-request";
    }

    @Override
    public String expected() {
        return "an issuance asked for by a key that is not a requester, and by a single miner, gets no share from any "
                + "miner (sharesReleased 0)";
    }

    @Override
    public Outcome run(DevnetFederation f) {
        EnrolStep.Enrolment e = EnrolStep.enrol(f);
        Event claim = ProofOfLifeStep.proofOfLife(f, e);
        byte[] stranger = Scalar.random(f.rng()).encode();
        MinerNode rogue = f.miner(1);
        Event byStranger = RoastSignStep.issuance(f, claim, e.app().publicKey(), stranger).request();
        Event byMiner = RoastSignStep.issuance(f, claim, e.app().publicKey(), rogue.identityKey()).request();
        List<String> strangerAnswers = Attacks.publishEverywhere(f, stranger, byStranger);
        List<String> minerAnswers = Attacks.publishEverywhere(f, rogue.identityKey(), byMiner);
        // the rogue miner also relays the stranger's request with its roster credentials
        List<String> relayed = Attacks.publishEverywhere(f, rogue.identityKey(), byStranger);
        Attacks.awaitResult(f, byMiner, Duration.ofSeconds(8));
        Attacks.Released s = Attacks.released(f, byStranger.id());
        Attacks.Released m = Attacks.released(f, byMiner.id());
        int released = s.total() + m.total();
        return new Outcome(released == 0, "stranger's request: relays " + strangerAnswers + ", relayed by miner 1 "
                + relayed + ", released " + s + "; miner 1's own request: relays " + minerAnswers + ", released " + m,
                Outcome.measured("sharesReleased", released, "signatureShares", s.signatureShares() + m.signatureShares(),
                        "presignatures", s.presignatures() + m.presignatures(),
                        "acceptedByRelays", Attacks.accepted(strangerAnswers) + Attacks.accepted(minerAnswers)
                                + Attacks.accepted(relayed)));
    }
}
