package dev.drey.pol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.ManualClock;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.kv.Versioned;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * M-Pin message freshness: a 1-pass message is accepted once; a 2-pass pass 2 only with a challenge this
 * server issued for that identity and pass 1, once, while it lives; and a success never erases a failure
 * that was counted concurrently.
 */
class MpinReplayTest {
    private final ManualClock clock = new ManualClock(Instant.now());
    private final MpinFixture f = new MpinFixture(clock);
    @TempDir
    Path dir;
    private KeyValueStore kv;
    private PolVerifier v;

    @BeforeEach
    void open() {
        kv = MvStoreKeyValueStore.open(dir.resolve("service.mv"), clock, false);
        v = f.verifier(kv, clock, null);
    }

    @AfterEach
    void close() {
        kv.close();
    }

    @Test
    void aOnePassMessageIsAcceptedOnce() {
        MpinClient.OnePass m = f.client.onePass(f.pass1(f.pin), (int) clock.instant().getEpochSecond());
        assertEquals(PolVerifier.Status.AUTHENTICATED, v.verifyOnePass(f.rawId, m, f.rng).status());
        clock.advance(Duration.ofSeconds(PolVerifier.ONE_PASS_WINDOW_SECONDS)); // still inside the window
        assertEquals(PolVerifier.Status.REPLAYED, v.verifyOnePass(f.rawId, m, f.rng).status());
        assertEquals(1, v.guessesEvaluated(), "a replay is refused before the pairing check");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(PolVerifier.Status.STALE_TIME_VALUE, v.verifyOnePass(f.rawId, m, f.rng).status());
        // a fresh message of the same client is fine
        MpinClient.OnePass fresh = f.client.onePass(f.pass1(f.pin), (int) clock.instant().getEpochSecond());
        assertEquals(PolVerifier.Status.AUTHENTICATED, v.verifyOnePass(f.rawId, fresh, f.rng).status());
    }

    @Test
    void aSecondPassNeedsAChallengeThisServerIssuedForThatPassOne() {
        MpinClient.Pass1 p1 = f.pass1(f.pin);
        // a y the client picked itself
        byte[] own = f.curve.scalarBytes(f.curve.randomScalar(f.rng));
        assertEquals(PolVerifier.Status.UNKNOWN_CHALLENGE,
                v.verifyTwoPass(f.rawId, p1.u(), p1.ut(), own, f.client.pass2(p1, own), f.rng).status());
        // a challenge issued for another pass 1 of the same identity
        MpinClient.Pass1 other = f.pass1(f.pin);
        byte[] forOther = v.challenge(f.rawId, other.u(), other.ut(), f.rng);
        assertEquals(PolVerifier.Status.UNKNOWN_CHALLENGE,
                v.verifyTwoPass(f.rawId, p1.u(), p1.ut(), forOther, f.client.pass2(p1, forOther), f.rng).status());
        // ... which that refusal consumed: its own pass 2 cannot use it any more
        assertEquals(PolVerifier.Status.UNKNOWN_CHALLENGE, v.verifyTwoPass(f.rawId, other.u(), other.ut(), forOther,
                f.client.pass2(other, forOther), f.rng).status());
        // a challenge issued for another identity
        byte[] otherId = new byte[32];
        f.rng.nextBytes(otherId);
        byte[] forOtherId = v.challenge(otherId, p1.u(), p1.ut(), f.rng);
        assertEquals(PolVerifier.Status.UNKNOWN_CHALLENGE,
                v.verifyTwoPass(f.rawId, p1.u(), p1.ut(), forOtherId, f.client.pass2(p1, forOtherId), f.rng).status());
        assertEquals(0, v.guessesEvaluated());
        // the right challenge: accepted once, then a replay of the same pass 2 is refused
        byte[] y = v.challenge(f.rawId, p1.u(), p1.ut(), f.rng);
        byte[] pass2 = f.client.pass2(p1, y);
        assertEquals(PolVerifier.Status.AUTHENTICATED, v.verifyTwoPass(f.rawId, p1.u(), p1.ut(), y, pass2, f.rng).status());
        assertEquals(PolVerifier.Status.UNKNOWN_CHALLENGE,
                v.verifyTwoPass(f.rawId, p1.u(), p1.ut(), y, pass2, f.rng).status());
        assertEquals(1, v.guessesEvaluated());
    }

    @Test
    void aChallengeExpires() {
        MpinClient.Pass1 p1 = f.pass1(f.pin);
        byte[] y = v.challenge(f.rawId, p1.u(), p1.ut(), f.rng);
        clock.advance(PolVerifier.CHALLENGE_TTL.plusSeconds(1));
        assertEquals(PolVerifier.Status.UNKNOWN_CHALLENGE,
                v.verifyTwoPass(f.rawId, p1.u(), p1.ut(), y, f.client.pass2(p1, y), f.rng).status());
    }

    @Test
    void aSuccessDoesNotEraseAFailureCountedMeanwhile() {
        MpinFixture.TwoPass wrongMeanwhile = MpinFixture.TwoPass.prepare(f, v, f.pin + 1);
        MpinFixture.TwoPass right = MpinFixture.TwoPass.prepare(f, v, f.pin);
        // the wrong guess lands between the right one's check and its reset of the counter
        AtomicBoolean interleaved = new AtomicBoolean();
        KeyValueStore racing = new Interleaving(kv, () -> {
            if (interleaved.compareAndSet(false, true)) {
                assertEquals(PolVerifier.Status.REJECTED, wrongMeanwhile.run(v, f));
            }
        });
        PolVerifier raced = f.verifier(racing, clock, null);
        assertEquals(PolVerifier.Status.AUTHENTICATED, right.run(raced, f));
        assertEquals(true, interleaved.get());
        // the failure still counts: fewer than MAX_FAILURES further wrong guesses lock the identity
        PolVerifier.Status last = null;
        for (int i = 0; i < PolVerifier.MAX_FAILURES - 1; i++) {
            last = f.twoPass(v, f.pin + 2);
        }
        assertEquals(PolVerifier.Status.LOCKED, last);
        assertEquals(PolVerifier.Status.LOCKED, f.twoPass(v, f.pin));
    }

    /** Runs {@code meanwhile} just before the write that resets a failure counter (delete or set to 0). */
    private record Interleaving(KeyValueStore kv, Runnable meanwhile) implements KeyValueStore {
        @Override
        public Optional<Versioned> get(String key) {
            return kv.get(key);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
            return kv.putIfAbsent(key, value, ttl);
        }

        @Override
        public OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl) {
            if (key.startsWith("pol/failures/") && Arrays.equals(newValue, new byte[] {0})) {
                meanwhile.run();
            }
            return kv.compareAndSet(key, expectedVersion, newValue, ttl);
        }

        @Override
        public Optional<Versioned> consume(String key) {
            return kv.consume(key);
        }

        @Override
        public boolean delete(String key) {
            if (key.startsWith("pol/failures/")) {
                meanwhile.run();
            }
            return kv.delete(key);
        }

        @Override
        public void close() {
        }
    }
}
