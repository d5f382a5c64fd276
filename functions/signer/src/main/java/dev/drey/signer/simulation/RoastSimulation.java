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
 * A whole ROAST run in one process through the real code: the {@link RoastOrchestrator} (pure coordinator,
 * state in a KV store) and one {@link Signer} per member, exchanging signed nostr events over a simulated
 * network that an adversary schedules. Faulty signers send their presignature and then stay silent, or
 * send invalid shares. {@link Attack#STATIC}: the faulty signers are a seeded random choice and the network is fair.
 * {@link Attack#ADAPTIVE}: the faulty signers' presignatures are held back and one is delivered exactly
 * when the coordinator's ready set holds t − 1 honest signers, so every session but the last contains one
 * disruptor (the worst case: n − t disruptors cost n − t + 1 sessions). The request reaches the parties
 * in a seeded random order; every later message is delivered first in, first out.
 */
public final class RoastSimulation {
    public enum Attack { STATIC, ADAPTIVE }

    /** What to simulate; {@code kv} holds the run state and every signer's nonces. */
    public record Config(int threshold, int signers, int silent, int invalid, Attack attack, long seed,
            KeyValueStore kv, boolean checkInvariants) {
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
        }
    }

    /** The outcome; {@code signature} is null if the run failed. */
    public record Result(byte[] signature, byte[] groupPublicKey, byte[] message, int sessionsStarted,
            int successfulSession, List<Identifier> malicious, List<Identifier> culprits, int messagesSent,
            int messagesReceived, long elapsedMs, long coordinatorNanos, long signerNanos, RunState finalState,
            Set<Identifier> faulty) {
        public boolean succeeded() {
            return signature != null;
        }
    }

    private record Delivery(String to, Event event) {
    }

    private RoastSimulation() {
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
        byte[] coordinatorKey = Scalar.random(rng).encode();
        RoastOrchestrator orchestrator = new RoastOrchestrator(federation, coordinatorKey,
                new RoastStateStore(c.kv(), new RoastCoordinator(federation)), Clock.systemUTC(), rng);
        String coordinator = orchestrator.pubkey();

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
                    acceptAll, Set.of(coordinator), c.kv(), rng, Duration.ofDays(1));
            signers.put(s.pubkey(), s);
            byPubkey.put(s.pubkey(), id);
        }

        byte[] message = new byte[32];
        rng.nextBytes(message);
        byte[] requesterKey = Scalar.random(rng).encode();
        SignRequest draft = new SignRequest("00".repeat(32), message, "simulation", List.of(coordinator), "", "");
        Event request = RoastCodec.template(draft, Clock.systemUTC().instant().getEpochSecond(),
                new ArrayList<>(signers.keySet())).sign(requesterKey, rng);

        long started = System.nanoTime();
        long coordinatorNanos = 0;
        long signerNanos = 0;
        int sent = 0;
        int received = 0;
        List<Delivery> network = new ArrayList<>();
        List<Delivery> held = new ArrayList<>();
        network.add(new Delivery(coordinator, request));
        for (String pk : signers.keySet()) {
            network.add(new Delivery(pk, request));
        }
        // The request reaches everyone in a random order; after that the network is first-in first-out
        // (equal latencies), and only the adversary reorders.
        java.util.Collections.shuffle(network, rng);
        RunState state = null;
        while (true) {
            if (state != null && state.finished()) {
                break;
            }
            Delivery d = next(network, held, state, c, rng);
            if (d == null) {
                long t0 = System.nanoTime();
                Reaction r = orchestrator.deadline(request.id());
                coordinatorNanos += System.nanoTime() - t0;
                state = r.state();
                break;
            }
            if (d.to().equals(coordinator)) {
                received += d.event().kind() == RoastKinds.SIGN_REQUEST ? 0 : 1;
                long t0 = System.nanoTime();
                Reaction r = orchestrator.handle(d.event());
                coordinatorNanos += System.nanoTime() - t0;
                if (r.state() != null) {
                    state = r.state();
                    if (c.checkInvariants()) {
                        RoastInvariants.check(state);
                    }
                }
                for (Event out : r.events()) {
                    for (List<String> tag : out.tags()) {
                        if (tag.get(0).equals("p")) {
                            sent++;
                            network.add(new Delivery(tag.get(1), out));
                        }
                    }
                }
            } else {
                Identifier who = byPubkey.get(d.to());
                if (silent.contains(who) && d.event().kind() == RoastKinds.SESSION_START) {
                    continue; // crashed after the nonce round
                }
                long t0 = System.nanoTime();
                Reaction r = signers.get(d.to()).handle(d.event());
                signerNanos += System.nanoTime() - t0;
                for (Event out : r.events()) {
                    if (invalid.contains(who) && out.kind() == RoastKinds.SIGNATURE_SHARE) {
                        out = corrupt(out, nostrKeys.get(who), rng);
                    }
                    Delivery reply = new Delivery(coordinator, out);
                    if (c.attack() == Attack.ADAPTIVE && faulty.contains(who)
                            && out.kind() == RoastKinds.PRESIGNATURE) {
                        held.add(reply);
                    } else {
                        network.add(reply);
                    }
                }
            }
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        byte[] sig = state != null && state.status() == RunState.Status.COMPLETED ? state.signature() : null;
        return new Result(sig, federation.groupKeyXOnly(), message, state == null ? 0 : state.sessions().size(),
                state == null ? 0 : state.successfulSession(),
                state == null ? List.of() : new ArrayList<>(state.malicious()),
                state == null ? List.of() : state.culprits(), sent, received, elapsed, coordinatorNanos, signerNanos,
                state, faulty);
    }

    /** The adversary's choice of the next delivery; null when nothing is left to deliver. */
    private static Delivery next(List<Delivery> network, List<Delivery> held, RunState state, Config c,
            SecureRandom rng) {
        if (c.attack() == Attack.ADAPTIVE && !held.isEmpty() && state != null
                && state.status() == RunState.Status.RUNNING && state.ready().size() == c.threshold() - 1) {
            return held.remove(0);
        }
        if (network.isEmpty()) {
            return held.isEmpty() ? null : held.remove(0);
        }
        return network.remove(0);
    }

    /** The invalid signer's share: the real message with a random share, signed again by its author. */
    private static Event corrupt(Event share, byte[] nostrKey, SecureRandom rng) {
        RoastMessage m = RoastCodec.decode(share);
        if (!(m instanceof SignatureShareMessage s)) {
            return share;
        }
        SignatureShareMessage bad = new SignatureShareMessage(s.requestId(), s.sessionId(),
                Scalar.random(rng).encode(), s.nextCommitments());
        List<String> to = new ArrayList<>();
        for (List<String> tag : share.tags()) {
            if (tag.get(0).equals("p")) {
                to.add(tag.get(1));
            }
        }
        return RoastCodec.template(bad, share.createdAt(), to).sign(nostrKey, rng);
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
