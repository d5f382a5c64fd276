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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Someone holding an investor's token and this month's permit (a stolen phone) races 64 wrong PINs at the PoL
 * service's verifier at once, hoping the failure counter is read before any attempt is recorded. At most
 * {@value PolVerifier#MAX_FAILURES} may be evaluated; the identity ends locked, and the right PIN is refused.
 * "Evaluated" is counted where the service records it: its audit of wrong PINs.
 */
public final class PinGuessRace implements Scenario {
    static final int PARALLEL = 64;
    private final AtomicInteger evaluated = new AtomicInteger();

    @Override
    public String name() {
        return "pin-guess-race";
    }

    @Override
    public String expected() {
        return PARALLEL + " parallel wrong-PIN attempts for one identity: at most " + PolVerifier.MAX_FAILURES
                + " evaluated, the identity locked, then the right PIN refused while locked";
    }

    @Override
    public Outcome run(DevnetFederation f) throws Exception {
        EnrolStep.Enrolment e = EnrolStep.enrol(f, (identity, pinError) -> evaluated.incrementAndGet());
        byte[] permit = ProofOfLifeStep.timePermit(f, e);
        int date = DtaMessages.permitDate(YearMonth.now(f.clock().withZone(ZoneOffset.UTC)));
        MpinClient m = e.app().mpin();
        PolVerifier v = e.verifier();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PolVerifier.Status>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < PARALLEL; i++) {
                int guess = (e.pin() + 1 + i) % 10_000;
                // the client's work is done up front so the attempts reach the verifier together
                MpinClient.Pass1 p1 = m.pass1(e.rawId(), guess, e.token(), permit, date, f.rng());
                byte[] y = v.challenge(e.rawId(), p1.u(), p1.ut(), f.rng());
                byte[] v2 = m.pass2(p1, y);
                attempts.add(pool.submit(() -> {
                    go.await();
                    return v.verifyTwoPass(e.rawId(), p1.u(), p1.ut(), y, v2, f.rng()).status();
                }));
            }
            go.countDown();
            Map<PolVerifier.Status, Integer> statuses = new EnumMap<>(PolVerifier.Status.class);
            for (Future<PolVerifier.Status> a : attempts) {
                statuses.merge(a.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            MpinClient.Pass1 right = m.pass1(e.rawId(), e.pin(), e.token(), permit, date, f.rng());
            byte[] y = v.challenge(e.rawId(), right.u(), right.ut(), f.rng());
            PolVerifier.Status rightPin = v.verifyTwoPass(e.rawId(), right.u(), right.ut(), y, m.pass2(right, y),
                    f.rng()).status();
            int n = evaluated.get();
            boolean passed = n <= PolVerifier.MAX_FAILURES && rightPin == PolVerifier.Status.LOCKED
                    && !statuses.containsKey(PolVerifier.Status.AUTHENTICATED);
            return new Outcome(passed, PARALLEL + " wrong PINs: " + n + " evaluated, answers " + statuses
                    + "; then the right PIN: " + rightPin, Outcome.measured("parallelAttempts", PARALLEL,
                            "pinGuessesEvaluated", n, "rightPinAfter", rightPin.name()));
        } finally {
            pool.shutdownNow();
        }
    }
}
