package dev.drey.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.signer.simulation.RoastSimulation;
import dev.drey.signer.simulation.RoastSimulation.Attack;
import dev.drey.signer.simulation.RoastSimulation.Config;
import dev.drey.signer.simulation.RoastSimulation.Result;
import java.nio.file.Path;
import java.time.Clock;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs through the real coordinator and signers, invariants checked after every coordinator input. */
class RoastSimulationTest {
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

    private Result run(int t, int n, int silent, int invalid, Attack attack, long seed) {
        Result r = RoastSimulation.run(new Config(t, n, silent, invalid, attack, seed, kv, true));
        if (r.succeeded()) {
            assertEquals(64, r.signature().length);
            assertTrue(Schnorr.verify(r.groupPublicKey(), r.message(), r.signature()), "BIP-340 signature verifies");
        }
        return r;
    }

    @Test
    void honestRunSucceedsInSessionOne() {
        Result r = run(3, 5, 0, 0, Attack.STATIC, 1);
        assertTrue(r.succeeded());
        // ROAST starts a session whenever t signers are ready, so a second one may start before the first ends.
        assertTrue(r.sessionsStarted() <= 2);
        assertEquals(1, r.successfulSession());
        Result exact = run(3, 3, 0, 0, Attack.STATIC, 2);
        assertEquals(1, exact.sessionsStarted());
        assertEquals(1, exact.successfulSession());
        assertTrue(r.malicious().isEmpty());
    }

    @Test
    void silentSignersCostAtMostOneSessionEach() {
        for (int f = 1; f <= 3; f++) {
            for (long seed = 1; seed <= 4; seed++) {
                Result r = run(4, 7, f, 0, Attack.STATIC, seed * 10 + f);
                assertTrue(r.succeeded(), "f=" + f);
                assertTrue(r.successfulSession() <= f + 1, "f=" + f + ": session " + r.successfulSession());
            }
        }
    }

    @Test
    void invalidShareSignersAreAllCaughtAndTheRunStillSucceeds() {
        for (long seed = 1; seed <= 4; seed++) {
            Result r = run(3, 6, 0, 3, Attack.STATIC, seed);
            assertTrue(r.succeeded());
            assertTrue(r.sessionsStarted() <= 4, "at most n - t + 1 sessions");
            // Every faulty signer that was put in a session is in M; no honest signer ever is.
            assertTrue(r.faulty().containsAll(r.malicious()), "only faulty signers in M");
        }
    }

    @Test
    void adaptiveDisruptorsCostExactlyFPlusOneSessions() {
        Result silent = run(3, 6, 3, 0, Attack.ADAPTIVE, 5);
        assertTrue(silent.succeeded());
        assertEquals(4, silent.sessionsStarted());
        assertEquals(4, silent.successfulSession());
        Result invalid = run(4, 7, 0, 3, Attack.ADAPTIVE, 6);
        assertTrue(invalid.succeeded());
        assertEquals(4, invalid.sessionsStarted());
        assertEquals(new TreeSet<Identifier>(invalid.faulty()), new TreeSet<>(invalid.malicious()),
                "each invalid signer is in M after its first bad share");
    }

    @Test
    void tooManyFaultySignersFailCleanlyNamingEveryCulprit() {
        Result r = run(3, 5, 0, 3, Attack.STATIC, 3);
        assertFalse(r.succeeded());
        assertTrue(r.culprits().containsAll(r.malicious()));
        assertTrue(r.faulty().containsAll(r.culprits()), "no honest signer blamed: " + r.culprits());
        Result silent = run(3, 5, 3, 0, Attack.STATIC, 4);
        assertFalse(silent.succeeded(), "the deadline ends a run that cannot finish");
        assertTrue(silent.culprits().containsAll(silent.faulty().stream()
                .filter(id -> silent.finalState().slot(id).phase() != dev.drey.roast.RunState.Phase.READY).toList()));
    }
}
