package dev.drey.bench;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.crypto.frost.Round1;
import dev.drey.crypto.frost.Round2;
import dev.drey.crypto.frost.SigningNonces;
import dev.drey.crypto.frost.SigningSession;
import dev.drey.roast.Federation;
import dev.drey.roast.Presignature;
import dev.drey.roast.RoastCoordinator;
import dev.drey.roast.RoastInput;
import dev.drey.roast.RoastOutput;
import dev.drey.roast.RunState;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureShareMessage;
import dev.drey.roast.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.signer.simulation.RoastSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * ROAST load harness: whole runs through the real coordinator (state in an MVStore file) and signers, for
 * 3-of-5, 11-of-15, 34-of-50 and 67-of-100, honest and with n − t adaptive disruptors (silent after their
 * presignature: every session but the last holds one). Prints one line per case: sessions, messages the
 * coordinator sent and received, coordinator compute, signer compute (all signers added up, and the
 * critical path: the mean time one signer spends on one message, times the rounds, since signers run in
 * parallel on their own machines), and the projection at 153 ms round trip (the paper's testbed): the
 * simulated network time to the published signature (76.5 ms each way; one round trip for the
 * presignatures, then one per session, sequential under the adaptive attack) plus coordinator compute plus
 * the signers' critical path; "network ms" is the simulated
 * network time (76.5 ms each way) at which the signature was published. "pure coord ms" is the
 * coordinator's state machine alone (share verification, sessions, aggregation; no nostr signatures, no
 * store). The last rows run 67-of-100 with k = 2 and 3 coordinators, staggered by one round trip.
 * Compute is thread CPU time (the machine is shared), medians over the repetitions.
 *
 * <p>Run: {@code java -cp functions/bench/target/benchmarks.jar dev.drey.bench.RoastBench [repetitions, default 5]}.
 */
public final class RoastBench {
    private static final int[][] SIZES = {{3, 5}, {11, 15}, {34, 50}, {67, 100}};
    private static final double RTT_MS = 153.0;

    private RoastBench() {
    }

    public static void main(String[] args) throws IOException {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.println("signer backend: " + Schnorr.implementation() + "; medians of " + reps
                + " runs; compute is thread CPU time");
        // Warm-up: JIT the whole path.
        for (int w = 0; w < 3; w++) {
            once(11, 15, 4, w + 100, 1);
            once(34, 50, 16, w + 100, 1);
            pureCoordinator(34, 50, 16, w + 100);
        }
        System.out.printf(Locale.ROOT, "%-8s %-3s %-2s %8s %6s %6s %10s %12s %12s %12s %12s %14s %14s %6s%n", "t-of-n",
                "f", "k", "sessions", "sent", "recv", "coord ms", "ms/session", "signers ms", "critical ms",
                "network ms", "@153ms RTT ms", "pure coord ms", "winner");
        for (int[] size : SIZES) {
            for (int f : new int[] {0, size[1] - size[0]}) {
                row(size[0], size[1], f, 1, reps);
            }
        }
        for (int k = 2; k <= 3; k++) {
            row(67, 100, 33, k, reps);
        }
    }

    private static void row(int t, int n, int f, int k, int reps) throws IOException {
        List<RoastSimulation.Result> runs = new ArrayList<>();
        List<Double> pures = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            runs.add(once(t, n, f, r + 1, k));
            if (k == 1) {
                pures.add(pureCoordinator(t, n, f, r + 1)[0] / 1e6);
            }
        }
        runs.sort(java.util.Comparator.comparingLong(RoastSimulation.Result::coordinatorNanos));
        RoastSimulation.Result med = runs.get(runs.size() / 2);
        double coord = med.coordinatorNanos() / 1e6;
        List<Double> signerTimes = new ArrayList<>();
        for (RoastSimulation.Result r : runs) {
            signerTimes.add(r.signerNanos() / 1e6);
        }
        double signers = median(signerTimes);
        // Every signer does about the same work; in parallel, a session costs one signer's share time.
        int shareMessages = Math.max(1, med.messagesReceived() - n * k);
        double perShare = signers / (shareMessages + n * k);
        int rounds = med.sessionsStarted() + 1;
        double critical = coord + perShare * rounds;
        // The simulated network time to the published signature, plus the compute on the critical path.
        double projected = med.simulatedMs() + critical;
        System.out.printf(Locale.ROOT, "%-8s %-3d %-2d %8d %6d %6d %10.1f %12.2f %12.1f %12.1f %12.0f %14.1f %14s %6d%n",
                t + "-" + n, f, k, med.sessionsStarted(), med.messagesSent(), med.messagesReceived(), coord,
                coord / med.sessionsStarted(), signers, critical, med.simulatedMs(), projected,
                pures.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", median(pures)), med.winner());
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * The coordinator's state machine alone (no nostr signatures, no store): every signer's share made
     * with FROST directly, under the same adaptive attack; returns nanoseconds spent in
     * {@link RoastCoordinator#apply} and the sessions started.
     */
    static long[] pureCoordinator(int t, int n, int f, long seed) {
        java.security.SecureRandom rng = RoastSimulation.seeded(seed);
        InProcess.Keys keys = InProcess.dealer(t, n, rng);
        Map<Identifier, String> pubkeys = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            pubkeys.put(id, Hex.encode(Schnorr.publicKey(Scalar.random(rng).encode())));
        }
        Federation federation = new Federation(keys.publicKeyPackage(), pubkeys);
        RoastCoordinator coordinator = new RoastCoordinator(federation);
        String requestId = "ab".repeat(32);
        byte[] message = new byte[32];
        rng.nextBytes(message);
        RunState state = coordinator.start(requestId, "cd".repeat(32));
        Map<Identifier, SigningNonces> nonces = new HashMap<>();
        ArrayDeque<RoastInput> queue = new ArrayDeque<>();
        ArrayDeque<RoastInput> held = new ArrayDeque<>();
        queue.add(new RoastInput.Request(new SignRequest(requestId, message, "bench", List.of("cd".repeat(32)), "", "")));
        int k = 0;
        for (Identifier id : keys.keyPackages().keySet()) {
            SigningNonces sn = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(id), rng);
            nonces.put(id, sn);
            RoastInput p = new RoastInput.FromSigner(eventId(rng), id, new Presignature(requestId, sn.commitments().encode()));
            (k++ < f ? held : queue).add(p);
        }
        java.util.Set<Identifier> faulty = new java.util.HashSet<>(new ArrayList<>(keys.keyPackages().keySet()).subList(0, f));
        long nanos = 0;
        while (!state.finished()) {
            RoastInput in = !held.isEmpty() && state.status() == RunState.Status.RUNNING
                    && state.ready().size() == t - 1 ? held.poll() : queue.poll();
            if (in == null) {
                throw new IllegalStateException("stalled");
            }
            long t0 = cpuNanos();
            Transition tr = coordinator.apply(state, in);
            nanos += cpuNanos() - t0;
            state = tr.state();
            for (RoastOutput o : tr.outputs()) {
                if (o instanceof RoastOutput.StartSession s) {
                    SigningSession session = new SigningSession(Ciphersuite.BIP340, s.message().signingPackage(),
                            federation.group().groupPublicKey());
                    for (Identifier id : s.message().signers()) {
                        if (faulty.contains(id)) {
                            continue;
                        }
                        byte[] z = Round2.sign(session, nonces.get(id), keys.keyPackages().get(id)).encode();
                        SigningNonces next = Round1.commit(Ciphersuite.BIP340, keys.keyPackages().get(id), rng);
                        nonces.put(id, next);
                        queue.add(new RoastInput.FromSigner(eventId(rng), id, new SignatureShareMessage(requestId,
                                s.message().sessionId(), z, next.commitments().encode())));
                    }
                }
            }
        }
        if (state.status() != RunState.Status.COMPLETED) {
            throw new IllegalStateException("pure run failed");
        }
        return new long[] {nanos, state.sessions().size()};
    }

    private static long cpuNanos() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        return b.isCurrentThreadCpuTimeSupported() ? b.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static String eventId(java.security.SecureRandom rng) {
        byte[] b = new byte[32];
        rng.nextBytes(b);
        return Hex.encode(b);
    }

    private static RoastSimulation.Result once(int t, int n, int f, long seed, int k) throws IOException {
        Path dir = Files.createTempDirectory("drey-roast-bench");
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false)) {
            RoastSimulation.Result r = RoastSimulation.run(new RoastSimulation.Config(t, n, f, 0,
                    RoastSimulation.Attack.ADAPTIVE, seed, kv, false, k, (long) RTT_MS, 0));
            if (!r.succeeded()) {
                throw new IllegalStateException("run failed: " + t + "-of-" + n + ", f=" + f);
            }
            return r;
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
