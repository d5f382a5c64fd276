package dev.drey.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.roast.RoastInvariants;
import dev.drey.roast.RunState;
import dev.drey.roast.Session;
import dev.drey.signer.simulation.RoastSimulation;
import dev.drey.signer.simulation.RoastSimulation.Attack;
import dev.drey.signer.simulation.RoastSimulation.Config;
import dev.drey.signer.simulation.RoastSimulation.CoordinatorOutcome;
import dev.drey.signer.simulation.RoastSimulation.Result;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k coordinators for one request (the simulation checks every coordinator's invariants after each of its
 * inputs): the first signature wins, the others stop, and no nonce ever serves two coordinators.
 */
class MultiCoordinatorSimulationTest {
    @TempDir
    Path dir;
    KeyValueStore kv;

    @BeforeEach
    void open() {
        kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false);
    }

    @AfterEach
    void close() {
        kv.close();
    }

    private Result run(int t, int n, int silent, int invalid, Attack attack, long seed, int k, long staggerMs,
            int silentCoordinators) {
        return run(t, n, silent, invalid, attack, seed, k, staggerMs, silentCoordinators, 0);
    }

    private Result run(int t, int n, int silent, int invalid, Attack attack, long seed, int k, long staggerMs,
            int silentCoordinators, int crashAfter) {
        Result r = RoastSimulation.run(new Config(t, n, silent, invalid, attack, seed, kv, true, k, staggerMs,
                silentCoordinators, crashAfter));
        assertTrue(r.succeeded(), "k=" + k + " seed=" + seed + ": the run must succeed");
        assertTrue(Schnorr.verify(r.groupPublicKey(), r.message(), r.signature()), "BIP-340 signature verifies");
        assertTrue(r.winner() >= silentCoordinators, "a live coordinator won");
        assertEquals(RunState.Status.COMPLETED, r.coordinators().get(r.winner()).status());
        assertEquals(k, r.coordinators().size());
        for (CoordinatorOutcome o : r.coordinators()) {
            if (o.silent()) {
                continue;
            }
            assertNotNull(o.state(), "every live coordinator heard the request");
            RoastInvariants.check(o.state());
            assertTrue(o.state().finished(), "coordinator " + o.index() + " ended: " + o.state());
            assertTrue(o.state().status() == RunState.Status.COMPLETED
                    || o.state().status() == RunState.Status.COMPLETED_BY_OTHER,
                    "coordinator " + o.index() + " completed or stopped, never failed: " + o.state().outcome());
            // Malicious only ever means faulty, at every coordinator.
            assertTrue(r.faulty().containsAll(o.state().malicious()), "coordinator " + o.index() + " blamed an honest signer");
            if (o.state().status() == RunState.Status.COMPLETED_BY_OTHER) {
                assertTrue(Schnorr.verify(r.groupPublicKey(), r.message(), o.state().signature()));
            }
        }
        assertNoCommitmentServesTwoCoordinators(r);
        return r;
    }

    /** Every presignature a session used belongs to exactly one coordinator. */
    private static void assertNoCommitmentServesTwoCoordinators(Result r) {
        Map<String, Integer> owner = new HashMap<>();
        for (CoordinatorOutcome o : r.coordinators()) {
            if (o.state() == null) {
                continue;
            }
            for (Session s : o.state().sessions()) {
                for (SigningCommitments c : s.signingPackage().commitments()) {
                    Integer before = owner.putIfAbsent(Hex.encode(c.encode()), o.index());
                    assertTrue(before == null || before == o.index(),
                            "a nonce commitment was used by coordinators " + before + " and " + o.index());
                }
            }
        }
    }

    @Test
    void twoAndThreeCoordinatorsUnderSilentInvalidAndAdaptiveAttackers() {
        for (int k = 2; k <= 3; k++) {
            Result silent = run(4, 7, 3, 0, Attack.STATIC, 10 + k, k, 153, 0);
            assertEquals(0, silent.winner(), "with a full round trip of stagger the first coordinator wins");
            Result invalid = run(4, 7, 0, 3, Attack.STATIC, 20 + k, k, 153, 0);
            assertTrue(invalid.faulty().containsAll(invalid.malicious()));
            Result adaptive = run(4, 7, 3, 0, Attack.ADAPTIVE, 30 + k, k, 153, 0);
            // Every coordinator faces one disruptor per session, so the first (one round trip ahead) wins
            // after exactly f + 1 sessions.
            assertEquals(0, adaptive.winner());
            assertEquals(4, adaptive.coordinators().get(0).state().sessions().size(),
                    "f + 1 sessions at the winner under the adaptive attack");
            Result adaptiveInvalid = run(4, 7, 0, 3, Attack.ADAPTIVE, 40 + k, k, 0, 0);
            assertEquals(adaptiveInvalid.faulty(), new java.util.TreeSet<>(adaptiveInvalid.malicious()),
                    "every invalid signer is in M at the winner");
        }
    }

    @Test
    void aCrashedFirstCoordinatorIsReplacedByTheNext() {
        for (int k = 2; k <= 3; k++) {
            Result r = run(4, 7, 2, 1, Attack.ADAPTIVE, 50 + k, k, 153, 1);
            assertEquals(1, r.winner(), "the first live coordinator completes");
            assertEquals(0, r.coordinators().get(0).messagesSent(), "the crashed coordinator says nothing");
        }
        Result twoDown = run(3, 6, 1, 0, Attack.STATIC, 60, 3, 100, 2);
        assertEquals(2, twoDown.winner());
    }

    @Test
    void aCoordinatorCrashedMidRunIsReplacedAndItsNoncesAreNeverUsedElsewhere() {
        for (int k = 2; k <= 3; k++) {
            // Coordinator 0 handles the request, the presignatures and a few shares, then crashes with
            // sessions open; the next coordinator completes with its own nonces.
            Result r = run(4, 7, 2, 1, Attack.ADAPTIVE, 90 + k, k, 153, 1, 12);
            assertEquals(1, r.winner());
            RunState crashed = r.coordinators().get(0).state();
            assertNotNull(crashed);
            assertFalse(crashed.sessions().isEmpty(), "the crash came after a session started");
            assertEquals(RunState.Status.RUNNING, crashed.status());
        }
    }

    @Test
    void simultaneousCoordinatorsEndWithOneSignatureAndNoFailures() {
        for (long seed = 1; seed <= 3; seed++) {
            Result r = run(5, 9, 2, 2, Attack.STATIC, 70 + seed, 3, 0, 0);
            int completed = 0;
            for (CoordinatorOutcome o : r.coordinators()) {
                completed += o.status() == RunState.Status.COMPLETED ? 1 : 0;
            }
            assertTrue(completed >= 1);
        }
    }

    @Test
    void theOthersStopWithoutStartingSessionsWhenTheFirstIsFast() {
        // Honest signers, a long stagger: the second coordinator hears the result before the request.
        Result r = run(3, 5, 0, 0, Attack.STATIC, 80, 2, 2000, 0);
        assertEquals(0, r.winner());
        RunState second = r.coordinators().get(1).state();
        assertEquals(RunState.Status.COMPLETED_BY_OTHER, second.status());
        assertTrue(second.sessions().isEmpty(), "no session started after the result");
        assertEquals(0, r.coordinators().get(1).messagesSent());
    }

    @Test
    void tooManyCoordinatorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Config(3, 5, 0, 0, Attack.STATIC, 1, kv, true, 4, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Config(3, 5, 0, 0, Attack.STATIC, 1, kv, true, 2, 0, 2));
        assertFalse(new Config(3, 5, 0, 0, Attack.STATIC, 1, kv, true, 3, 0, 2).coordinators() != 3);
    }
}
