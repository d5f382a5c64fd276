package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.crypto.Hex;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.EnrolStep;
import dev.drey.nostr.Event;
import dev.drey.pol.PolVerifier;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The requester asks for this month's issuance citing last month's proof-of-life claim (genuinely signed by the
 * PoL service last month, for an enrolled investor, never used). Proof of life is monthly: it must be refused.
 */
public final class StaleClaim implements Scenario {
    @Override
    public String name() {
        return "stale-claim";
    }

    @Override
    public String expected() {
        return "an issuance citing a proof-of-life claim from last month is refused (no signature, no shares)";
    }

    @Override
    public Outcome run(DevnetFederation f) {
        EnrolStep.Enrolment e = EnrolStep.enrol(f);
        Event claim = lastMonthsClaim(f, e);
        // the PoL service sent it to the federation last month; relays may now refuse an event that old, which is
        // fine: the sign request carries the claim itself
        String claimDelivery = "claim re-published";
        try {
            f.publishAsService(claim);
        } catch (RuntimeException refused) {
            claimDelivery = "relays refused the old claim (" + refused.getMessage() + ")";
        }
        Attacks.IssuanceAttempt attempt = Attacks.askForIssuance(f, claim, e);
        return new Outcome(attempt.refused(), "issuance citing the claim for "
                + YearMonth.now(f.clock().withZone(ZoneOffset.UTC)).minusMonths(1) + ": " + attempt.describe()
                + "; " + claimDelivery,
                Outcome.measured("signed", attempt.signed(), "sharesReleased", attempt.released().signatureShares(),
                        "presignatures", attempt.released().presignatures()));
    }

    /** The claim {@code PolVerifier} issued when the investor authenticated in the middle of last month. */
    private static Event lastMonthsClaim(DevnetFederation f, EnrolStep.Enrolment e) {
        ZonedDateTime then = f.clock().instant().atZone(ZoneOffset.UTC).minusMonths(1).withDayOfMonth(15);
        return PolVerifier.claimTemplate(f.config().curve().id(), Hex.encode(e.identityHash()), YearMonth.from(then),
                then.toEpochSecond(), e.app().publicKey()).sign(f.polServiceKey(), f.rng());
    }
}
