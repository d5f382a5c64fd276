package dev.drey.roast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.frost.Identifier;
import dev.drey.kv.KeyValueStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Orchestrator instances that share nothing but the KV store: killed at every step of a run (before or
 * after their write) and replaced by a fresh instance that resumes from the store; and several instances
 * applying one run's messages concurrently. Each backend runs the same tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoastStateStoreContract {
    protected KeyValueStore kv;

    protected abstract KeyValueStore open() throws Exception;

    protected void stop() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        kv = open();
    }

    @AfterAll
    void finish() throws Exception {
        if (kv != null) {
            kv.close();
        }
        stop();
    }

    private RoastStateStore instance(TestGroup g) {
        return new RoastStateStore(kv, new RoastCoordinator(g.federation));
    }

    /** One run, the orchestrator killed once at step {@code crashAt}; returns the number of steps it took. */
    private int runWithCrash(long seed, int crashAt, boolean afterWrite) {
        TestGroup g = new TestGroup(3, 5, seed);
        RoastStateStore orchestrator = instance(g);
        ArrayDeque<RoastInput> network = new ArrayDeque<>();
        network.add(g.requestInput());
        for (int i = 1; i <= 5; i++) {
            network.add(g.presignature(i));
        }
        Set<String> answered = new HashSet<>();
        SignatureResult result = null;
        int step = 0;
        while (result == null) {
            RoastInput in = network.poll();
            if (in == null) {
                throw new AssertionError("the run stalled at step " + step);
            }
            step++;
            List<RoastOutput> outputs;
            if (step == crashAt) {
                if (afterWrite) {
                    orchestrator.apply(g.coordinatorPubkey, g.requestId, in); // stored, outputs lost
                }
                orchestrator = instance(g); // a fresh process
                outputs = new ArrayList<>(orchestrator.resume(g.coordinatorPubkey, g.requestId));
                network.addFirst(in); // the input was never acknowledged: delivered again
            } else {
                RoastStateStore.Applied a = orchestrator.apply(g.coordinatorPubkey, g.requestId, in);
                RoastInvariants.check(a.state());
                outputs = a.outputs();
            }
            for (RoastOutput o : outputs) {
                if (o instanceof RoastOutput.StartSession s) {
                    for (Identifier id : s.message().signers()) {
                        int i = id.value().toBigInteger().intValueExact();
                        if (answered.add(i + "/" + s.message().sessionId())) {
                            network.add(g.share(i, s.message()));
                        }
                    }
                } else if (o instanceof RoastOutput.Finished f) {
                    result = f.result();
                }
            }
        }
        assertTrue(result.succeeded());
        assertTrue(g.verifies(result.signature()));
        RunState stored = instance(g).load(g.coordinatorPubkey, g.requestId).orElseThrow();
        assertEquals(RunState.Status.COMPLETED, stored.status());
        RoastInvariants.check(stored);
        return step;
    }

    @Test
    void aRunCompletesWhereverTheOrchestratorIsKilled() {
        int steps = runWithCrash(100, -1, false);
        for (int k = 1; k <= steps; k++) {
            runWithCrash(100 + k, k, true);
            runWithCrash(200 + k, k, false);
        }
    }

    @Test
    void concurrentInstancesAgreeThroughCompareAndSet() throws Exception {
        TestGroup g = new TestGroup(4, 8, 300);
        instance(g).apply(g.coordinatorPubkey, g.requestId, g.requestInput());
        List<RoastInput> presigs = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            presigs.add(g.presignature(i));
        }
        Collections.shuffle(presigs, new java.util.Random(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<SessionStart> started = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (RoastInput in : presigs) {
                RoastStateStore own = instance(g); // each message on an instance of its own
                done.add(pool.submit(() -> {
                    RoastStateStore.Applied a = own.apply(g.coordinatorPubkey, g.requestId, in);
                    RoastInvariants.check(a.state());
                    for (RoastOutput o : a.outputs()) {
                        if (o instanceof RoastOutput.StartSession s) {
                            started.add(s.message());
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        RunState s = instance(g).load(g.coordinatorPubkey, g.requestId).orElseThrow();
        RoastInvariants.check(s);
        assertEquals(2, s.sessions().size(), "8 presignatures, t = 4: exactly two sessions, whoever stored them");
        assertEquals(2, started.size(), "each session start was sent by exactly one instance");
        Set<Identifier> all = new HashSet<>();
        for (Session session : s.sessions()) {
            all.addAll(session.signers());
        }
        assertEquals(8, all.size(), "no signer in two sessions");
        SignatureResult result = null;
        started.sort(java.util.Comparator.comparingInt(SessionStart::sessionId));
        for (Identifier id : started.get(0).signers()) {
            for (RoastOutput o : instance(g).apply(g.coordinatorPubkey, g.requestId,
                    g.share(id.value().toBigInteger().intValueExact(), started.get(0))).outputs()) {
                if (o instanceof RoastOutput.Finished f) {
                    result = f.result();
                }
            }
        }
        assertTrue(result != null && result.succeeded() && g.verifies(result.signature()));
    }
}
