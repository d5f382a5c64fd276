package dev.drey.adversary.scenarios;

import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.EnrolStep;
import dev.drey.devnet.ProofOfLifeStep;
import dev.drey.pol.MpinClient;
import dev.drey.pol.PolVerifier;
import dev.drey.pol.protocol.DtaMessages;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * An eavesdropper captures the investor's 1-pass M-Pin authentication (U, UT, V and the time value) and sends
 * it again within the verifier's time window. The genuine one authenticates; the replay must be refused (a
 * replay would get the attacker a fresh proof-of-life claim).
 */
public final class MpinReplay implements Scenario {
    @Override
    public String name() {
        return "mpin-replay";
    }

    @Override
    public String expected() {
        return "a captured 1-pass M-Pin authentication replayed within its " + PolVerifier.ONE_PASS_WINDOW_SECONDS
                + " s window is refused (no second claim)";
    }

    @Override
    public Outcome run(DevnetFederation f) {
        EnrolStep.Enrolment e = EnrolStep.enrol(f);
        byte[] permit = ProofOfLifeStep.timePermit(f, e);
        int date = DtaMessages.permitDate(YearMonth.now(f.clock().withZone(ZoneOffset.UTC)));
        MpinClient m = e.app().mpin();
        MpinClient.Pass1 p1 = m.pass1(e.rawId(), e.pin(), e.token(), permit, date, f.rng());
        MpinClient.OnePass captured = m.onePass(p1, (int) f.now());
        PolVerifier.Verdict genuine = e.verifier().verifyOnePass(e.rawId(), captured, f.rng());
        PolVerifier.Verdict replay = e.verifier().verifyOnePass(e.rawId(), captured, f.rng());
        boolean ok = genuine.status() == PolVerifier.Status.AUTHENTICATED
                && replay.status() != PolVerifier.Status.AUTHENTICATED && replay.claim().isEmpty();
        return new Outcome(ok, "genuine 1-pass: " + genuine.status() + "; replay of the same message: "
                + replay.status() + (replay.claim().isPresent() ? " with a fresh claim " + replay.claim().get().id()
                        : ""), Outcome.measured("genuine", genuine.status().name(), "replay", replay.status().name()));
    }
}
