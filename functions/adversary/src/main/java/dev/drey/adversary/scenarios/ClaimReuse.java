package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.EnrolStep;
import dev.drey.devnet.ProofOfLifeStep;
import dev.drey.devnet.RoastSignStep;
import dev.drey.nostr.Event;

/**
 * The allow-listed requester gets this month's issuance signed, then asks for a second issuance citing the same
 * proof-of-life claim (one claim, one issuance). The second must be refused: no signature, no shares.
 */
public final class ClaimReuse implements Scenario {
    @Override
    public String name() {
        return "claim-reuse";
    }

    @Override
    public String expected() {
        return "a second issuance citing an already-used proof-of-life claim is refused (no signature, no shares)";
    }

    @Override
    public Outcome run(DevnetFederation f) {
        EnrolStep.Enrolment e = EnrolStep.enrol(f);
        Event claim = ProofOfLifeStep.proofOfLife(f, e);
        RoastSignStep.Signed first = RoastSignStep.sign(f, claim, e);
        Attacks.sleep(1100); // a later second, so the second issuance is a different event
        Attacks.IssuanceAttempt second = Attacks.askForIssuance(f, claim, e);
        return new Outcome(second.refused(), "first issuance signed in session " + first.roast().successfulSession()
                + "; second issuance citing claim " + claim.id() + ": " + second.describe(),
                Outcome.measured("secondSigned", second.signed(), "sharesReleased",
                        second.released().signatureShares(), "presignatures", second.released().presignatures()));
    }
}
