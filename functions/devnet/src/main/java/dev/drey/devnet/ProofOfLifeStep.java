package dev.drey.devnet;

import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.nostr.Event;
import dev.drey.pol.MpinClient;
import dev.drey.pol.PolVerifier;
import dev.drey.pol.ShareCollector;
import dev.drey.pol.protocol.DtaMessages;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * This month's proof of life: time-permit shares from the miners, M-Pin against the PoL verifier, and the signed
 * claim the PoL service sends to the federation.
 */
public final class ProofOfLifeStep {
    private ProofOfLifeStep() {
    }

    /** This month's time permit for the enrolled identity, recombined from the miners' shares. */
    public static byte[] timePermit(DevnetFederation f, EnrolStep.Enrolment e) {
        PairingCurve curve = f.config().curve();
        long now = f.now();
        YearMonth month = YearMonth.now(f.clock().withZone(ZoneOffset.UTC));
        String id = f.requestId();
        List<Event> reqs = DtaMessages.sealedForEach(DtaMessages.timePermitRequest(now, id, curve.id(),
                e.identityHash(), e.app().publicKey(), month, now + 120), f.dtaFederation().minerIndices().keySet(),
                f.polServiceKey(), f.rng());
        List<Event> answers = f.askMiners(reqs, ProtocolKinds.DTA_TIME_PERMIT_RESPONSE, f.appOnPol());
        int date = DtaMessages.permitDate(month);
        ShareCollector.Collected permits = e.app().timePermitShares(id, e.identityHash(), date, answers);
        f.needThreshold("time-permit", permits);
        return permits.recombine(f.dtaFederation(), curve.g1());
    }

    /** Authenticates with the right PIN and this month's permit; the PoL service sends the claim to every miner. */
    public static Event proofOfLife(DevnetFederation f, EnrolStep.Enrolment e) {
        byte[] permit = timePermit(f, e);
        int date = DtaMessages.permitDate(YearMonth.now(f.clock().withZone(ZoneOffset.UTC)));
        MpinClient m = e.app().mpin();
        MpinClient.Pass1 p1 = m.pass1(e.rawId(), e.pin(), e.token(), permit, date, f.rng());
        byte[] y = e.verifier().challenge(e.rawId(), p1.u(), p1.ut(), f.rng());
        PolVerifier.Verdict verdict = e.verifier().verifyTwoPass(e.rawId(), p1.u(), p1.ut(), y, m.pass2(p1, y),
                e.app().publicKey(), f.rng());
        if (verdict.status() != PolVerifier.Status.AUTHENTICATED) {
            throw new DevnetException("M-Pin authentication with the right PIN and this month's permit: "
                    + verdict.status());
        }
        Event claim = verdict.claim().orElseThrow();
        f.publishAsService(claim); // PoL service -> federation
        return claim;
    }
}
