package dev.drey.crypto.frost;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pedersen DKG with Schnorr proofs of knowledge (FROST paper, figure 1; message layout as
 * frost-core): part 1 commits to a random polynomial and proves knowledge of its constant term,
 * part 2 checks every proof and sends each participant its share, part 3 checks every received
 * share against its sender's commitment and derives the key package and the group's public data.
 * Every check that fails names all participants at fault. The result signs exactly like dealer keys.
 *
 * <p>The proof of knowledge may be bound to a caller's {@code context} (a DKG run and its roster): the
 * challenge hashes id || C_0 || R || context. The empty context is frost-core's challenge byte for byte (the
 * three fields before it have fixed lengths), so the unbound methods keep the RFC 9591 / frost-core vectors;
 * runs on the wire use a non-empty context so a proof from one run cannot be replayed into another.
 */
public final class Dkg {
    /** Broadcast in part 1: the VSS commitment and the proof of knowledge (R, μ) of a_0. */
    public record Round1Package(VssCommitment commitment, Point proofR, Scalar proofMu) {
        public Round1Package {
            if (commitment == null || proofR == null || proofMu == null) {
                throw new FrostException(FrostException.Fault.MISSING_INPUT, "dkg round 1 package: missing field");
            }
        }
    }

    /** Kept by the participant after part 1. Secret. */
    public record Round1Secret(Identifier identifier, Polynomial polynomial, VssCommitment commitment,
            int minSigners, int maxSigners) {
    }

    /** Sent privately to one participant in part 2: f_sender(recipient). Secret in transit. */
    public record Round2Package(Scalar signingShare) {
        public Round2Package {
            if (signingShare == null) {
                throw new FrostException(FrostException.Fault.MISSING_INPUT, "dkg round 2 package: missing share");
            }
        }
    }

    /** Kept by the participant after part 2. Secret. */
    public record Round2Secret(Identifier identifier, Scalar ownShare, VssCommitment commitment,
            Map<Identifier, VssCommitment> received, int minSigners, int maxSigners) {
    }

    /** Part 1's results: what to keep and what to broadcast. */
    public record Part1(Round1Secret secret, Round1Package broadcast) {
    }

    /** Part 2's results: what to keep and one private package per other participant. */
    public record Part2(Round2Secret secret, Map<Identifier, Round2Package> outgoing) {
    }

    /** Part 3's results. */
    public record Result(KeyPackage keyPackage, PublicKeyPackage publicKeyPackage) {
    }

    private Dkg() {
    }

    /** No binding beyond the sender's identifier: frost-core's proof of knowledge. */
    public static final byte[] NO_CONTEXT = new byte[0];

    public static Part1 part1(Ciphersuite cs, Identifier id, int maxSigners, int minSigners, SecureRandom rng) {
        return part1(cs, id, maxSigners, minSigners, NO_CONTEXT, rng);
    }

    /** Part 1 with the proof of knowledge bound to {@code context} as well as to {@code id}. */
    public static Part1 part1(Ciphersuite cs, Identifier id, int maxSigners, int minSigners, byte[] context,
            SecureRandom rng) {
        requireContext(context);
        Dealer.checkParameters(minSigners, maxSigners);
        Polynomial f = Polynomial.random(Scalar.random(rng), minSigners, rng);
        VssCommitment c = f.commit();
        Scalar k = Scalar.random(rng);
        Point r = dev.drey.crypto.SecretMul.mulG(k); // k is secret: libsecp256k1 when it loads
        Scalar challenge = challenge(cs, id, c.constant(), r, context);
        Scalar mu = k.add(f.constant().mul(challenge));
        return new Part1(new Round1Secret(id, f, c, minSigners, maxSigners), new Round1Package(c, r, mu));
    }

    /**
     * c = H_dkg(id || C_0 || R || context): binds the proof to its sender (and to the caller's run), so it
     * cannot be replayed.
     */
    static Scalar challenge(Ciphersuite cs, Identifier id, Point c0, Point r, byte[] context) {
        return cs.hdkg(id.encode(), c0.encodeCompressed(), r.encodeCompressed(), context);
    }

    private static void requireContext(byte[] context) {
        if (context == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "dkg: missing proof-of-knowledge context");
        }
    }

    /** Checks μ·G - c·C_0 = R, the challenge taken under {@code context}. */
    public static boolean verifyProofOfKnowledge(Ciphersuite cs, Identifier sender, Round1Package p,
            byte[] context) {
        requireContext(context);
        Point c0 = p.commitment().constant();
        if (c0.isInfinity() || p.proofR().isInfinity()) {
            return false;
        }
        Scalar c = challenge(cs, sender, c0, p.proofR(), context);
        return Point.sumOfTwo(Point.G, p.proofMu(), c0, c.negate()).equals(p.proofR());
    }

    public static Part2 part2(Ciphersuite cs, Round1Secret secret, Map<Identifier, Round1Package> received) {
        return part2(cs, secret, received, NO_CONTEXT);
    }

    /** Part 2, every proof of knowledge checked under {@code context} (the one part 1 used). */
    public static Part2 part2(Ciphersuite cs, Round1Secret secret, Map<Identifier, Round1Package> received,
            byte[] context) {
        requireContext(context);
        checkSenders(secret.identifier(), received.keySet(), secret.maxSigners());
        List<Identifier> wrongSize = new ArrayList<>();
        List<Identifier> badProof = new ArrayList<>();
        for (Map.Entry<Identifier, Round1Package> e : new TreeMap<>(received).entrySet()) {
            if (e.getValue().commitment().size() != secret.minSigners()) {
                wrongSize.add(e.getKey());
            } else if (!verifyProofOfKnowledge(cs, e.getKey(), e.getValue(), context)) {
                badProof.add(e.getKey());
            }
        }
        if (!wrongSize.isEmpty()) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "commitment does not have " + secret.minSigners() + " coefficients", wrongSize);
        }
        if (!badProof.isEmpty()) {
            throw new FrostException(FrostException.Fault.INVALID_PROOF_OF_KNOWLEDGE, "invalid proof of knowledge",
                    badProof);
        }
        Map<Identifier, Round2Package> outgoing = new TreeMap<>();
        Map<Identifier, VssCommitment> commitments = new HashMap<>();
        for (Map.Entry<Identifier, Round1Package> e : received.entrySet()) {
            outgoing.put(e.getKey(), new Round2Package(secret.polynomial().evaluate(e.getKey())));
            commitments.put(e.getKey(), e.getValue().commitment());
        }
        return new Part2(new Round2Secret(secret.identifier(), secret.polynomial().evaluate(secret.identifier()),
                secret.commitment(), Map.copyOf(commitments), secret.minSigners(), secret.maxSigners()), outgoing);
    }

    public static Result part3(Round2Secret secret, Map<Identifier, Round2Package> received, SecureRandom rng) {
        if (!received.keySet().equals(secret.received().keySet())) {
            List<Identifier> off = new ArrayList<>();
            for (Identifier id : secret.received().keySet()) {
                if (!received.containsKey(id)) {
                    off.add(id);
                }
            }
            for (Identifier id : received.keySet()) {
                if (!secret.received().containsKey(id)) {
                    off.add(id);
                }
            }
            throw new FrostException(FrostException.Fault.MISSING_INPUT,
                    "round 2 packages do not match the round 1 participants", sorted(off));
        }
        Map<Identifier, Scalar> shares = new HashMap<>();
        for (Map.Entry<Identifier, Round2Package> e : received.entrySet()) {
            shares.put(e.getKey(), e.getValue().signingShare());
        }
        List<Identifier> bad = VssCommitment.badShares(secret.identifier(), secret.received(), shares, rng);
        if (!bad.isEmpty()) {
            throw new FrostException(FrostException.Fault.INVALID_SECRET_SHARE,
                    "secret share inconsistent with its sender's commitment", sorted(bad));
        }
        Scalar s = secret.ownShare();
        for (Scalar x : shares.values()) {
            s = s.add(x);
        }
        List<VssCommitment> all = new ArrayList<>(secret.received().values());
        all.add(secret.commitment());
        VssCommitment group = VssCommitment.sum(all);
        if (group.constant().isInfinity() || s.isZero()) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT, "dkg produced a zero key");
        }
        PublicKeyPackage pub = publicKeyPackage(group, sortedIds(secret), secret.minSigners());
        return new Result(KeyPackage.of(secret.identifier(), s, pub), pub);
    }

    /** Public shares Y_j = Σ_k C_k·j^k of the summed commitment, one multi-scalar multiplication each. */
    static PublicKeyPackage publicKeyPackage(VssCommitment group, List<Identifier> ids, int minSigners) {
        Map<Identifier, Point> shares = new TreeMap<>();
        for (Identifier id : ids) {
            shares.put(id, group.evaluate(id));
        }
        return new PublicKeyPackage(shares, group.constant(), minSigners);
    }

    private static List<Identifier> sortedIds(Round2Secret secret) {
        List<Identifier> ids = new ArrayList<>(secret.received().keySet());
        ids.add(secret.identifier());
        return sorted(ids);
    }

    static List<Identifier> sorted(List<Identifier> ids) {
        List<Identifier> out = new ArrayList<>(ids);
        out.sort(null);
        return out;
    }

    /** Exactly n-1 distinct others, never ourselves. */
    static void checkSenders(Identifier self, java.util.Set<Identifier> senders, int maxSigners) {
        if (senders.contains(self)) {
            throw new FrostException(FrostException.Fault.DUPLICATE_IDENTIFIER,
                    "a package claims our own identifier", List.of(self));
        }
        if (senders.size() != maxSigners - 1) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "expected packages from "
                    + (maxSigners - 1) + " participants, got " + senders.size());
        }
    }
}
