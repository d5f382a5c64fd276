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
 * Proactive share refresh: every participant shares a random polynomial with zero constant term
 * (so the group secret and key are unchanged) and adds what it receives to its share. Shares from
 * before and after a refresh lie on different polynomials and no longer combine. The same three
 * parts as the DKG; a sender whose commitment has a non-zero constant or whose share is
 * inconsistent is named.
 */
public final class Refresh {
    /** Broadcast in part 1: commitments to the coefficients a_1..a_{t-1} (a_0 = 0 is implicit). */
    public record Round1Package(VssCommitment commitment) {
    }

    public record Round1Secret(Identifier identifier, Polynomial polynomial, VssCommitment commitment,
            int minSigners, int maxSigners) {
    }

    public record Round2Package(Scalar delta) {
    }

    public record Round2Secret(Identifier identifier, Scalar ownDelta, VssCommitment commitment,
            Map<Identifier, VssCommitment> received, int minSigners, int maxSigners) {
    }

    public record Part1(Round1Secret secret, Round1Package broadcast) {
    }

    public record Part2(Round2Secret secret, Map<Identifier, Round2Package> outgoing) {
    }

    public record Result(KeyPackage keyPackage, PublicKeyPackage publicKeyPackage) {
    }

    private Refresh() {
    }

    public static Part1 part1(KeyPackage key, int maxSigners, SecureRandom rng) {
        int t = key.minSigners();
        Dealer.checkParameters(t, maxSigners);
        Polynomial f = Polynomial.random(Scalar.ZERO, t, rng);
        VssCommitment full = f.commit();
        // The constant commitment is the identity, which has no encoding: broadcast a_1..a_{t-1} only.
        VssCommitment sent = new VssCommitment(full.coefficients().subList(1, t));
        return new Part1(new Round1Secret(key.identifier(), f, full, t, maxSigners), new Round1Package(sent));
    }

    public static Part2 part2(Round1Secret secret, Map<Identifier, Round1Package> received) {
        Dkg.checkSenders(secret.identifier(), received.keySet(), secret.maxSigners());
        List<Identifier> wrong = new ArrayList<>();
        Map<Identifier, VssCommitment> full = new HashMap<>();
        for (Map.Entry<Identifier, Round1Package> e : received.entrySet()) {
            VssCommitment c = e.getValue() == null ? null : e.getValue().commitment();
            if (c == null || c.size() != secret.minSigners() - 1) {
                wrong.add(e.getKey());
                continue;
            }
            List<Point> ps = new ArrayList<>();
            ps.add(Point.INFINITY);
            ps.addAll(c.coefficients());
            full.put(e.getKey(), new VssCommitment(ps));
        }
        if (!wrong.isEmpty()) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "refresh commitment does not have " + (secret.minSigners() - 1) + " coefficients",
                    Dkg.sorted(wrong));
        }
        Map<Identifier, Round2Package> outgoing = new TreeMap<>();
        for (Identifier id : received.keySet()) {
            outgoing.put(id, new Round2Package(secret.polynomial().evaluate(id)));
        }
        return new Part2(new Round2Secret(secret.identifier(), secret.polynomial().evaluate(secret.identifier()),
                secret.commitment(), Map.copyOf(full), secret.minSigners(), secret.maxSigners()), outgoing);
    }

    /** Verifies the received deltas and returns the refreshed key package and public data. */
    public static Result part3(Round2Secret secret, Map<Identifier, Round2Package> received, KeyPackage oldKey,
            PublicKeyPackage oldPublic, SecureRandom rng) {
        if (!oldKey.identifier().equals(secret.identifier()) || !oldKey.groupPublicKey().equals(
                oldPublic.groupPublicKey())) {
            throw new FrostException(FrostException.Fault.INCONSISTENT_GROUP, "refresh: key packages do not match");
        }
        if (!received.keySet().equals(secret.received().keySet())) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT,
                    "refresh: round 2 packages do not match the round 1 participants");
        }
        Map<Identifier, Scalar> deltas = new HashMap<>();
        for (Map.Entry<Identifier, Round2Package> e : received.entrySet()) {
            deltas.put(e.getKey(), e.getValue().delta());
        }
        List<Identifier> bad = VssCommitment.badShares(secret.identifier(), secret.received(), deltas, rng);
        if (!bad.isEmpty()) {
            throw new FrostException(FrostException.Fault.INVALID_SECRET_SHARE,
                    "refresh share inconsistent with its sender's commitment", Dkg.sorted(bad));
        }
        Scalar s = oldKey.signingShare().add(secret.ownDelta());
        for (Scalar d : deltas.values()) {
            s = s.add(d);
        }
        List<VssCommitment> all = new ArrayList<>(secret.received().values());
        all.add(secret.commitment());
        VssCommitment delta = VssCommitment.sum(all);
        Map<Identifier, Point> shares = new TreeMap<>();
        for (Map.Entry<Identifier, Point> e : oldPublic.verifyingShares().entrySet()) {
            shares.put(e.getKey(), e.getValue().add(delta.evaluate(e.getKey())));
        }
        if (!shares.keySet().containsAll(received.keySet())) {
            throw new FrostException(FrostException.Fault.UNKNOWN_IDENTIFIER, "refresh: participant not in the group");
        }
        PublicKeyPackage pub = new PublicKeyPackage(shares, oldPublic.groupPublicKey(), oldPublic.minSigners());
        return new Result(KeyPackage.of(secret.identifier(), s, pub), pub);
    }
}
