package dev.drey.crypto.frost;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FROST ceremonies with every participant in this process: the command line's dkg-local and
 * sign-local, tests and interop harnesses. Real deployments exchange the same packages over the
 * network instead.
 */
public final class InProcess {
    /** Every participant's key package and the (agreed) public key package. */
    public record Keys(Map<Identifier, KeyPackage> keyPackages, PublicKeyPackage publicKeyPackage) {
        public Keys {
            keyPackages = java.util.Collections.unmodifiableMap(new TreeMap<>(keyPackages));
        }
    }

    private InProcess() {
    }

    /** Trusted-dealer keys for identifiers 1..n. */
    public static Keys dealer(int minSigners, int maxSigners, SecureRandom rng) {
        Dealer.Output out = Dealer.generate(minSigners, maxSigners, rng);
        return new Keys(out.keyPackages(), out.publicKeyPackage());
    }

    /** The three DKG parts among identifiers 1..n; every participant must derive the same public data. */
    public static Keys dkg(Ciphersuite cs, int minSigners, int maxSigners, SecureRandom rng) {
        List<Identifier> ids = Dealer.identifiers(maxSigners);
        Map<Identifier, Dkg.Part1> p1 = new TreeMap<>();
        for (Identifier id : ids) {
            p1.put(id, Dkg.part1(cs, id, maxSigners, minSigners, rng));
        }
        Map<Identifier, Dkg.Part2> p2 = new TreeMap<>();
        for (Identifier id : ids) {
            Map<Identifier, Dkg.Round1Package> in = new HashMap<>();
            p1.forEach((other, p) -> {
                if (!other.equals(id)) {
                    in.put(other, p.broadcast());
                }
            });
            p2.put(id, Dkg.part2(cs, p1.get(id).secret(), in));
        }
        Map<Identifier, KeyPackage> keys = new TreeMap<>();
        PublicKeyPackage pub = null;
        for (Identifier id : ids) {
            Map<Identifier, Dkg.Round2Package> in = new HashMap<>();
            p2.forEach((other, p) -> {
                if (!other.equals(id)) {
                    in.put(other, p.outgoing().get(id));
                }
            });
            Dkg.Result r = Dkg.part3(p2.get(id).secret(), in, rng);
            if (pub != null && !pub.equals(r.publicKeyPackage())) {
                throw new FrostException(FrostException.Fault.INCONSISTENT_GROUP,
                        "participants derived different public key packages", List.of(id));
            }
            pub = r.publicKeyPackage();
            keys.put(id, r.keyPackage());
        }
        return new Keys(keys, pub);
    }

    /**
     * Round 1, round 2 and aggregation among the listed signers; returns the group signature
     * (64-byte BIP-340 for {@link Ciphersuite#BIP340}, 65 bytes for {@link Ciphersuite#RFC9591}).
     */
    public static byte[] sign(Ciphersuite cs, Keys keys, List<Identifier> signers, byte[] message,
            SecureRandom rng) {
        List<Identifier> unknown = new ArrayList<>();
        for (Identifier id : signers) {
            if (!keys.keyPackages().containsKey(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new FrostException(FrostException.Fault.UNKNOWN_IDENTIFIER, "no key package for these signers",
                    unknown);
        }
        Lagrange.requireDistinct(signers);
        Map<Identifier, SigningNonces> nonces = new TreeMap<>();
        List<SigningCommitments> commitments = new ArrayList<>();
        for (Identifier id : signers) {
            SigningNonces n = Round1.commit(cs, keys.keyPackages().get(id), rng);
            nonces.put(id, n);
            commitments.add(n.commitments());
        }
        PublicKeyPackage pub = keys.publicKeyPackage();
        SigningSession session = new SigningSession(cs, SigningPackage.of(commitments, message), pub.groupPublicKey());
        List<SignatureShare> shares = new ArrayList<>();
        for (Map.Entry<Identifier, SigningNonces> e : nonces.entrySet()) {
            shares.add(Round2.sign(session, e.getValue(), keys.keyPackages().get(e.getKey())));
        }
        return Aggregate.aggregate(session, shares, pub);
    }
}
