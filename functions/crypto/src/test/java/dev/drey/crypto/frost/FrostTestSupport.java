package dev.drey.crypto.frost;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Shared helpers for the FROST tests: seeded randomness and a full in-process signing run. */
final class FrostTestSupport {
    private FrostTestSupport() {
    }

    /** A deterministic SecureRandom, so a failing property case can be replayed from its seed. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random subset of the given size, in ascending order. */
    static List<Identifier> subset(Collection<Identifier> ids, int size, Random rnd) {
        List<Identifier> all = new ArrayList<>(ids);
        Collections.shuffle(all, rnd);
        List<Identifier> out = new ArrayList<>(all.subList(0, size));
        out.sort(null);
        return out;
    }

    /** Both rounds among the given signers; returns the session and the shares. */
    static Run sign(Ciphersuite cs, Map<Identifier, KeyPackage> keys, List<Identifier> signers, byte[] msg,
            SecureRandom rng) {
        Map<Identifier, SigningNonces> nonces = new TreeMap<>();
        List<SigningCommitments> commitments = new ArrayList<>();
        for (Identifier id : signers) {
            SigningNonces n = Round1.commit(cs, keys.get(id), rng);
            nonces.put(id, n);
            commitments.add(n.commitments());
        }
        SigningPackage pkg = SigningPackage.of(commitments, msg);
        SigningSession session = new SigningSession(cs, pkg, keys.get(signers.get(0)).groupPublicKey());
        List<SignatureShare> shares = new ArrayList<>();
        for (Identifier id : signers) {
            shares.add(Round2.sign(session, nonces.get(id), keys.get(id)));
        }
        return new Run(session, shares);
    }

    record Run(SigningSession session, List<SignatureShare> shares) {
    }
}
