package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.crypto.Hex;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.EnrolStep;
import dev.drey.devnet.RoastSignStep;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.roast.SignatureResult;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

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
        Event request = RoastSignStep.issuance(f, claim, e.app().publicKey(), f.requesterKey()).request();
        f.publishAsRequester(request);
        Optional<SignatureResult> result = Attacks.awaitResult(f, request, java.time.Duration.ofSeconds(10));
        Attacks.Released released = Attacks.released(f, request.id());
        boolean signed = result.map(SignatureResult::succeeded).orElse(false);
        return new Outcome(!signed && released.signatureShares() == 0, "issuance citing the claim for "
                + YearMonth.now(f.clock().withZone(ZoneOffset.UTC)).minusMonths(1) + ": " + (signed ? "SIGNED"
                        : result.map(r -> "failed (" + r.reason() + ")").orElse("no result"))
                + ", miners released " + released + "; " + claimDelivery,
                Outcome.measured("signed", signed, "sharesReleased", released.signatureShares(),
                        "presignatures", released.presignatures()));
    }

    /** The claim {@code PolVerifier} issued when the investor authenticated in the middle of last month. */
    private static Event lastMonthsClaim(DevnetFederation f, EnrolStep.Enrolment e) {
        ZonedDateTime then = f.clock().instant().atZone(ZoneOffset.UTC).minusMonths(1).withDayOfMonth(15);
        long at = then.toEpochSecond();
        String content = "{\"v\":1,\"identityHash\":\"" + Hex.encode(e.identityHash()) + "\",\"curve\":\""
                + f.config().curve().id() + "\",\"month\":\"" + YearMonth.from(then) + "\",\"authenticatedAt\":" + at
                + "}";
        return new EventTemplate(at, ProtocolKinds.PROOF_OF_LIFE_CLAIM, List.of(List.of("t", "proof-of-life"),
                List.of("p", e.app().publicKey())), content).sign(f.polServiceKey(), f.rng());
    }
}
