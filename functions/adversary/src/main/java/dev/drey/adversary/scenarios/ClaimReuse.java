package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.EnrolStep;
import dev.drey.devnet.ProofOfLifeStep;
import dev.drey.devnet.RoastSignStep;
import dev.drey.nostr.Event;
import dev.drey.roast.SignatureResult;
import java.time.Duration;
import java.util.Optional;

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
        Event second = RoastSignStep.issuance(f, claim, e.app().publicKey(), f.requesterKey()).request();
        f.publishAsRequester(second);
        Optional<SignatureResult> result = Attacks.awaitResult(f, second, Duration.ofSeconds(10));
        Attacks.Released released = Attacks.released(f, second.id());
        boolean signed = result.map(SignatureResult::succeeded).orElse(false);
        boolean refused = !signed && released.signatureShares() == 0;
        return new Outcome(refused, "first issuance signed in session " + first.roast().successfulSession()
                + "; second issuance citing claim " + claim.id() + ": " + (signed ? "SIGNED"
                        : result.map(r -> "failed (" + r.reason() + ")").orElse("no result"))
                + ", miners released " + released,
                Outcome.measured("secondSigned", signed, "sharesReleased", released.signatureShares(),
                        "presignatures", released.presignatures()));
    }
}
