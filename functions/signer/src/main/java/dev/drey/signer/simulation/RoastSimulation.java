package dev.drey.signer.simulation;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.kv.KeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.roast.Federation;
import dev.drey.roast.Reaction;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastCoordinator;
import dev.drey.roast.RoastInvariants;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastMessage;
import dev.drey.roast.RoastOrchestrator;
import dev.drey.roast.RoastStateStore;
import dev.drey.roast.RunState;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureShareMessage;
import dev.drey.signer.PolicyDecision;
import dev.drey.signer.Signer;
import dev.drey.signer.SignerIdentity;
import dev.drey.signer.SigningPolicy;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A whole ROAST run in one process through the real code: k {@link RoastOrchestrator}s (pure coordinator,
 * state in a KV store) and one {@link Signer} per member, exchanging signed nostr events over a simulated
 * network that an adversary schedules. Faulty signers send their presignature and then stay silent, or
 * send invalid shares. {@link Attack#STATIC}: the faulty signers are a seeded random choice and the network is fair.
 * {@link Attack#ADAPTIVE}: the faulty signers' presignatures are held back and one is delivered exactly
 * when a coordinator's ready set holds t − 1 honest signers (or, at a coordinator that has not had the
 * request yet, t − 1 honest presignatures wait for it), so every session but the last contains one
 * disruptor (the worst case: n − t disruptors cost n − t + 1 sessions).
 *
 * <p>Time is simulated: every message takes {@link #ONE_WAY_MS} (half the 153 ms round trip of the paper's
 * testbed); computing takes no simulated time. The request reaches the signers in a seeded random order,
 * and coordinator j (0-based) receives it j · stagger later than coordinator 0 (the staggered start); the
 * first {@code silentCoordinators} coordinators have crashed and never answer. Each signer gives every
 * coordinator its own nonces. The first coordinator to complete publishes the signature to the signers and
 * the other coordinators, which stop.
 */
public final class RoastSimulation {
    public enum Attack { STATIC, ADAPTIVE }

    /** Simulated one-way network latency. */
    public static final double ONE_WAY_MS = 76.5;
    private static final long ONE_WAY_US = 76_500;

    /**
     * What to simulate; {@code kv} holds the run states and every signer's nonces. The first
     * {@code silentCoordinators} coordinators crash after handling {@code crashAfter} events (0: silent from
     * the start) and never answer again.
     */
    public record Config(int threshold, int signers, int silent, int invalid, Attack attack, long seed,
            KeyValueStore kv, boolean checkInvariants, int coordinators, long staggerMs, int silentCoordinators,
            int crashAfter) {
        public Config {
            if (threshold < 2 || signers < threshold || signers > 1000) {
                throw new IllegalArgumentException("need 2 <= threshold <= signers <= 1000");
            }
            if (silent < 0 || invalid < 0 || silent + invalid > signers) {
                throw new IllegalArgumentException("silent and invalid signers must be between 0 and the group size");
            }
            if (attack == null || kv == null) {
                throw new IllegalArgumentException("missing attack or store");
            }
            int maxCoordinators = Math.min(signers - threshold + 1, SignRequest.MAX_COORDINATORS);
            if (coordinators < 1 || coordinators > maxCoordinators) {
                throw new IllegalArgumentException("coordinators must be between 1 and min(n - t + 1, "
                        + SignRequest.MAX_COORDINATORS + ") = " + maxCoordinators);
            }
            if (staggerMs < 0 || staggerMs > 3_600_000) {
                throw new IllegalArgumentException("stagger must be between 0 and 3600000 ms");
            }
            if (silentCoordinators < 0 || silentCoordinators >= coordinators) {
                throw new IllegalArgumentException("silent coordinators must be between 0 and coordinators - 1");
            }
            if (crashAfter < 0) {
                throw new IllegalArgumentException("crashAfter must not be negative");
            }
        }

        /** k coordinators, the silent ones silent from the start. */
        public Config(int threshold, int signers, int silent, int invalid, Attack attack, long seed,
                KeyValueStore kv, boolean checkInvariants, int coordinators, long staggerMs, int silentCoordinators) {
            this(threshold, signers, silent, invalid, attack, seed, kv, checkInvariants, coordinators, staggerMs,
                    silentCoordinators, 0);
        }

        /** One coordinator. */
        public Config(int threshold, int signers, int silent, int invalid, Attack attack, long seed,
                KeyValueStore kv, boolean checkInvariants) {
            this(threshold, signers, silent, invalid, attack, seed, kv, checkInvariants, 1, 0, 0, 0);
        }
    }

    /** What one coordinator did: its final state (null if it never received anything) and its traffic. */
    public record CoordinatorOutcome(int index, String pubkey, boolean silent, RunState state, int messagesSent,
            int messagesReceived, long computeNanos) {
        public RunState.Status status() {
            return state == null ? null : state.status();
        }
    }

    /**
     * The outcome; {@code signature} is null if the run failed. The per-run figures ({@code sessionsStarted},
     * {@code successfulSession}, {@code malicious}, {@code culprits}, {@code finalState}) are the winning
     * coordinator's (or, if none won, the first live one's); message counts and compute are summed over all
     * coordinators. {@code winner} is the index of the coordinator whose signature was published first, -1 if
     * none. Compute times are thread CPU time where the JVM measures it. {@code simulatedMs} is the simulated
     * network time at which the signature was published.
     */
    public record Result(byte[] signature, byte[] groupPublicKey, byte[] message, int sessionsStarted,
            int successfulSession, List<Identifier> malicious, List<Identifier> culprits, int messagesSent,
            int messagesReceived, long elapsedMs, long coordinatorNanos, long signerNanos, RunState finalState,
            Set<Identifier> faulty, int winner, List<CoordinatorOutcome> coordinators, double simulatedMs) {
        public boolean succeeded() {
            return signature != null;
        }
    }

    private record Delivery(long atUs, long seq, String to, Event event) {
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private RoastSimulation() {
    }

    private static long now() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The simulated network: deliveries in time order, first sent first delivered at equal times. */
    private static final class Network {
        final java.util.PriorityQueue<Delivery> queue = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingLong(Delivery::atUs).thenComparingLong(Delivery::seq));
        long seq;
        long nowUs;

        void send(String to, Event e, long delayUs) {
            queue.add(new Delivery(nowUs + delayUs, seq++, to, e));
        }
    }

    public static Result run(Config c) {
        SecureRandom rng = seeded(c.seed());
        InProcess.Keys keys = InProcess.dealer(c.threshold(), c.signers(), rng);
        Map<Identifier, byte[]> nostrKeys = new TreeMap<>();
        Map<Identifier, String> pubkeys = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            byte[] sk = Scalar.random(rng).encode();
            nostrKeys.put(id, sk);
            pubkeys.put(id, Hex.encode(Schnorr.publicKey(sk)));
        }
        Federation federation = new Federation(keys.publicKeyPackage(), pubkeys);
        // One coordinator object (and its verifying-share check) shared by the orchestrators of this process.
        RoastCoordinator pure = new RoastCoordinator(federation);
        List<RoastOrchestrator> orchestrators = new ArrayList<>();
        Map<String, Integer> coordinatorIndex = new LinkedHashMap<>();
        for (int j = 0; j < c.coordinators(); j++) {
            RoastOrchestrator o = new RoastOrchestrator(federation, Scalar.random(rng).encode(),
                    new RoastStateStore(c.kv(), pure), Clock.systemUTC(), rng);
            orchestrators.add(o);
            coordinatorIndex.put(o.pubkey(), j);
        }
        List<String> coordinatorKeys = new ArrayList<>(coordinatorIndex.keySet());

        // Which signers are faulty: a seeded choice.
        List<Identifier> ids = new ArrayList<>(keys.keyPackages().keySet());
        java.util.Collections.shuffle(ids, rng);
        Set<Identifier> silent = new TreeSet<>(ids.subList(0, c.silent()));
        Set<Identifier> invalid = new TreeSet<>(ids.subList(c.silent(), c.silent() + c.invalid()));
        Set<Identifier> faulty = new TreeSet<>(silent);
        faulty.addAll(invalid);

        SigningPolicy acceptAll = (r, e) -> PolicyDecision.ACCEPT;
        Map<String, Signer> signers = new LinkedHashMap<>();
        Map<String, Identifier> byPubkey = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            Signer s = new Signer(federation, new SignerIdentity(keys.keyPackages().get(id), nostrKeys.get(id)),
                    acceptAll, Set.copyOf(coordinatorKeys), c.kv(), rng, Duration.ofDays(1));
            signers.put(s.pubkey(), s);
            byPubkey.put(s.pubkey(), id);
        }

        byte[] message = new byte[32];
        rng.nextBytes(message);
        byte[] requesterKey = Scalar.random(rng).encode();
        SignRequest draft = new SignRequest("00".repeat(32), message, "simulation", coordinatorKeys, "", "");
        Event request = RoastCodec.template(draft, Clock.systemUTC().instant().getEpochSecond(),
                new ArrayList<>(signers.keySet())).sign(requesterKey, rng);

        long started = System.nanoTime();
        long signerNanos = 0;
        long[] coordinatorNanos = new long[c.coordinators()];
        int[] sent = new int[c.coordinators()];
        int[] received = new int[c.coordinators()];
        int[] handled = new int[c.coordinators()];
        RunState[] states = new RunState[c.coordinators()];
        Network network = new Network();
        // Held back by the adaptive adversary: per coordinator, the faulty signers' presignatures.
        List<List<Delivery>> held = new ArrayList<>();
        List<String> order = new ArrayList<>(signers.keySet());
        java.util.Collections.shuffle(order, rng);
        for (String pk : order) {
            network.send(pk, request, ONE_WAY_US);
        }
        for (int j = 0; j < c.coordinators(); j++) {
            held.add(new ArrayList<>());
            network.send(coordinatorKeys.get(j), request, ONE_WAY_US + j * c.staggerMs() * 1000);
        }
        int winner = -1;
        long publishedUs = -1;
        while (true) {
            if (allLiveFinished(states, c)) {
                break;
            }
            Delivery d = next(network, held, states, c, faulty);
            if (d == null) {
                if (winner < 0) {
                    for (int j = c.silentCoordinators(); j < c.coordinators(); j++) {
                        long t0 = now();
                        Reaction r = orchestrators.get(j).deadline(request.id(),
                                request.createdAt() + network.nowUs / 1_000_000);
                        coordinatorNanos[j] += now() - t0;
                        states[j] = r.state();
                    }
                }
                break;
            }
            network.nowUs = Math.max(network.nowUs, d.atUs());
            Integer j = coordinatorIndex.get(d.to());
            if (j != null) {
                if (j < c.silentCoordinators() && handled[j] >= c.crashAfter()) {
                    continue; // crashed: hears nothing, says nothing
                }
                handled[j]++;
                received[j] += d.event().kind() == RoastKinds.SIGN_REQUEST ? 0 : 1;
                long t0 = now();
                Reaction r = orchestrators.get(j).handle(d.event());
                coordinatorNanos[j] += now() - t0;
                if (r.state() != null) {
                    states[j] = r.state();
                    if (c.checkInvariants()) {
                        RoastInvariants.check(states[j]);
                    }
                    if (winner < 0 && states[j].status() == RunState.Status.COMPLETED) {
                        winner = j;
                        publishedUs = network.nowUs;
                    }
                }
                for (Event out : r.events()) {
                    for (String to : out.tagValues("p")) {
                        sent[j]++;
                        network.send(to, out, ONE_WAY_US);
                    }
                }
            } else {
                Identifier who = byPubkey.get(d.to());
                if (silent.contains(who) && d.event().kind() == RoastKinds.SESSION_START) {
                    continue; // crashed after the nonce round
                }
                long t0 = now();
                Reaction r = signers.get(d.to()).handle(d.event());
                signerNanos += now() - t0;
                for (Event out : r.events()) {
                    if (invalid.contains(who) && out.kind() == RoastKinds.SIGNATURE_SHARE) {
                        out = InvalidShare.corrupt(out, nostrKeys.get(who), rng);
                    }
                    String to = recipient(out);
                    Integer target = coordinatorIndex.get(to);
                    if (c.attack() == Attack.ADAPTIVE && faulty.contains(who)
                            && out.kind() == RoastKinds.PRESIGNATURE && target != null) {
                        held.get(target).add(new Delivery(0, 0, to, out));
                    } else {
                        network.send(to, out, ONE_WAY_US);
                    }
                }
            }
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        List<CoordinatorOutcome> outcomes = new ArrayList<>();
        long totalCoordinator = 0;
        int totalSent = 0;
        int totalReceived = 0;
        for (int j = 0; j < c.coordinators(); j++) {
            outcomes.add(new CoordinatorOutcome(j, coordinatorKeys.get(j), j < c.silentCoordinators(), states[j],
                    sent[j], received[j], coordinatorNanos[j]));
            totalCoordinator += coordinatorNanos[j];
            totalSent += sent[j];
            totalReceived += received[j];
        }
        RunState state = winner >= 0 ? states[winner]
                : c.silentCoordinators() < c.coordinators() ? states[c.silentCoordinators()] : null;
        byte[] sig = winner >= 0 ? state.signature() : null;
        return new Result(sig, federation.groupKeyXOnly(), message, state == null ? 0 : state.sessions().size(),
                state == null ? 0 : state.successfulSession(),
                state == null ? List.of() : new ArrayList<>(state.malicious()),
                state == null ? List.of() : state.culprits(), totalSent, totalReceived, elapsed, totalCoordinator,
                signerNanos, state, faulty, winner, outcomes, publishedUs < 0 ? -1 : publishedUs / 1000.0);
    }

    /**
     * Honest signers whose presignature waits at the coordinator: in R while the run is open, or among the
     * early messages of a coordinator that has not had the request yet (a late coordinator takes them in
     * arrival order once the request comes, so a disruptor slipped in after t − 1 of them joins session 1).
     */
    private static int honestReady(RunState s, Set<Identifier> faulty) {
        int k = 0;
        if (s.status() == RunState.Status.RUNNING) {
            for (Identifier id : s.ready()) {
                if (!faulty.contains(id)) {
                    k++;
                }
            }
        } else if (s.status() == RunState.Status.AWAITING_REQUEST) {
            java.util.Set<Identifier> early = new TreeSet<>();
            for (RunState.Early e : s.early()) {
                if (e.signer() != null && e.message() instanceof dev.drey.roast.Presignature) {
                    if (faulty.contains(e.signer())) {
                        return -1; // one disruptor is already among the first t
                    }
                    early.add(e.signer());
                }
            }
            k = early.size();
        } else {
            return -1;
        }
        return k;
    }

    private static boolean allLiveFinished(RunState[] states, Config c) {
        for (int j = c.silentCoordinators(); j < c.coordinators(); j++) {
            if (states[j] == null || !states[j].finished()) {
                return false;
            }
        }
        return true;
    }

    private static String recipient(Event e) {
        return e.firstTagValue("p").orElseThrow(() -> new IllegalStateException("a signer's event without recipient"));
    }

    /**
     * The adversary's choice of the next delivery; null when nothing is left to deliver. A held presignature
     * goes to its coordinator the moment that coordinator's R holds t − 1 honest signers (the adversary
     * knows its own: an invalid signer whose share is not checked yet still waits in R).
     */
    private static Delivery next(Network network, List<List<Delivery>> held, RunState[] states, Config c,
            Set<Identifier> faulty) {
        if (c.attack() == Attack.ADAPTIVE) {
            for (int j = 0; j < held.size(); j++) {
                RunState s = states[j];
                if (!held.get(j).isEmpty() && s != null && honestReady(s, faulty) == c.threshold() - 1) {
                    Delivery h = held.get(j).remove(0);
                    return new Delivery(network.nowUs, network.seq++, h.to(), h.event());
                }
            }
        }
        if (network.queue.isEmpty()) {
            for (int j = 0; j < held.size(); j++) {
                if (!held.get(j).isEmpty() && (states[j] == null || !states[j].finished())) {
                    Delivery h = held.get(j).remove(0);
                    return new Delivery(network.nowUs, network.seq++, h.to(), h.event());
                }
            }
            return null;
        }
        return network.queue.poll();
    }

    /** A deterministic generator for a seed (reproducible runs), or a strong one for seed 0. */
    public static SecureRandom seeded(long seed) {
        if (seed == 0) {
            return new SecureRandom();
        }
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG missing", e);
        }
    }
}
