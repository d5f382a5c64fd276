package dev.drey.pol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kv.KeyValueStore;
import java.time.Clock;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Parallel wrong PINs for one identity against a shared KV backend: the lockout reserves each attempt with a
 * compare-and-set before the pairing check, so at most {@link PolVerifier#MAX_FAILURES} guesses are ever
 * evaluated, however many arrive at once. Each backend subclass opens a real store.
 */
abstract class PinLockoutRaceContract {
    static final int PARALLEL_GUESSES = 64;
    private final Clock clock = Clock.systemUTC();
    private final MpinFixture f = new MpinFixture(clock);
    private KeyValueStore kv;

    protected abstract KeyValueStore openStore() throws Exception;

    protected abstract void stopBackend() throws Exception;

    @AfterEach
    void close() throws Exception {
        if (kv != null) {
            kv.close();
        }
        stopBackend();
    }

    @Test
    void parallelWrongGuessesGetAtMostTheLimitEvaluated() throws Exception {
        kv = openStore();
        AtomicInteger audited = new AtomicInteger();
        PolVerifier v = f.verifier(kv, clock, (identity, pinError) -> audited.incrementAndGet());
        List<MpinFixture.TwoPass> guesses = new ArrayList<>();
        for (int i = 0; i < PARALLEL_GUESSES; i++) {
            guesses.add(MpinFixture.TwoPass.prepare(f, v, f.pin + 1 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_GUESSES);
        Map<PolVerifier.Status, Integer> outcomes = new EnumMap<>(PolVerifier.Status.class);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PolVerifier.Status>> results = new ArrayList<>();
            for (MpinFixture.TwoPass g : guesses) {
                results.add(pool.submit(() -> {
                    start.await();
                    return g.run(v, f);
                }));
            }
            start.countDown();
            for (Future<PolVerifier.Status> r : results) {
                outcomes.merge(r.get(120, TimeUnit.SECONDS), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(PolVerifier.MAX_FAILURES, v.guessesEvaluated(), "guesses evaluated: " + outcomes);
        assertEquals(PolVerifier.MAX_FAILURES, audited.get());
        assertFalse(outcomes.containsKey(PolVerifier.Status.AUTHENTICATED));
        assertEquals(PARALLEL_GUESSES, outcomes.getOrDefault(PolVerifier.Status.REJECTED, 0)
                + outcomes.getOrDefault(PolVerifier.Status.LOCKED, 0), outcomes.toString());
        assertTrue(outcomes.getOrDefault(PolVerifier.Status.LOCKED, 0) >= PARALLEL_GUESSES - PolVerifier.MAX_FAILURES + 1,
                outcomes.toString());
        // locked: the right PIN is refused too, and not even evaluated
        assertEquals(PolVerifier.Status.LOCKED, f.twoPass(v, f.pin));
        assertEquals(PolVerifier.MAX_FAILURES, v.guessesEvaluated());
    }
}
