package dev.drey.crypto.election;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.Lagrange;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Threshold decryption of a {@link Tally}: each trustee publishes M_i = s_i·A per option with a Chaum–Pedersen
 * proof against its public share, bound to (proposal id, tally hash, trustee index, option index); any t valid
 * partials combine by Lagrange at 0 into s·A, and m·G = B − Σ λ_i·M_i gives the count by a bounded discrete log.
 */
public final class ThresholdDecryption {
    private ThresholdDecryption() {
    }

    /** The trustee's partial decryption of every option of the tally. */
    public static PartialDecryption decryptShare(TrusteeShare share, String proposalId, Tally tally,
            SecureRandom rng) {
        byte[] tallyHash = tally.hash(proposalId);
        Point publicShare = SecretMul.mulG(share.secret());
        List<DecryptionShare> out = new ArrayList<>(tally.options());
        for (int i = 0; i < tally.options(); i++) {
            Point a = tally.ciphertexts().get(i).alpha();
            Point m = SecretMul.mul(a, share.secret());
            out.add(new DecryptionShare(m, ChaumPedersenProof.prove(share.secret(), a, publicShare, m,
                    context(proposalId, tallyHash, share.index(), i), rng)));
        }
        return new PartialDecryption(share.index(), out);
    }

    /** Why this partial decryption is not valid for the tally, or empty when it is. */
    public static Optional<String> check(ElectionKey key, String proposalId, Tally tally, PartialDecryption p) {
        return check(key, proposalId, tally.hash(proposalId), tally, p);
    }

    private static Optional<String> check(ElectionKey key, String proposalId, byte[] tallyHash, Tally tally,
            PartialDecryption p) {
        Point publicShare = key.publicShares().get(p.trustee());
        if (publicShare == null) {
            return Optional.of("trustee " + p.trustee() + " is not a holder of the election key");
        }
        if (p.shares().size() != tally.options()) {
            return Optional.of("trustee " + p.trustee() + " sent " + p.shares().size() + " shares for "
                    + tally.options() + " options");
        }
        for (int i = 0; i < tally.options(); i++) {
            DecryptionShare d = p.shares().get(i);
            if (!d.proof().verify(tally.ciphertexts().get(i).alpha(), publicShare, d.share(),
                    context(proposalId, tallyHash, p.trustee(), i))) {
                return Optional.of("trustee " + p.trustee() + ": the proof of option " + i + " does not verify");
            }
        }
        return Optional.empty();
    }

    /**
     * Checks the partials (a bad one, an unknown trustee or two different partials from one trustee is a culprit), takes
     * the t valid ones with the lowest indices, and decrypts every option with counts in 0..maxCount.
     *
     * @throws ElectionException naming the culprits when fewer than t valid partials remain
     */
    public static TallyResult combine(ElectionKey key, String proposalId, Tally tally,
            List<PartialDecryption> partials, long maxCount) {
        if (!key.publicKey().equals(tally.publicKey())) {
            throw new ElectionException("decryption: the tally is not under this election key");
        }
        byte[] tallyHash = tally.hash(proposalId);
        TreeMap<Integer, PartialDecryption> valid = new TreeMap<>();
        List<Integer> culprits = new ArrayList<>();
        TreeMap<Integer, PartialDecryption> seen = new TreeMap<>();
        for (PartialDecryption p : partials) {
            PartialDecryption first = seen.get(p.trustee());
            if (first != null) {
                if (!first.equals(p) && !culprits.contains(p.trustee())) {
                    culprits.add(p.trustee()); // two different partials: the trustee equivocates, use neither
                    valid.remove(p.trustee());
                }
                continue; // the same partial twice (a resend) counts once
            }
            seen.put(p.trustee(), p);
            if (check(key, proposalId, tallyHash, tally, p).isPresent()) {
                culprits.add(p.trustee());
            } else {
                valid.put(p.trustee(), p);
            }
        }
        culprits.sort(null);
        if (valid.size() < key.threshold()) {
            throw new ElectionException("decryption: " + valid.size() + " valid partial decryptions, "
                    + key.threshold() + " needed" + (culprits.isEmpty() ? "" : "; bad: trustees " + culprits),
                    culprits);
        }
        List<PartialDecryption> used = new ArrayList<>(valid.values()).subList(0, key.threshold());
        List<Identifier> ids = used.stream().map(p -> Identifier.of(p.trustee())).toList();
        List<Scalar> lambdas = Lagrange.allAt(ids, Scalar.ZERO);
        DiscreteLog dlog = new DiscreteLog(maxCount);
        List<Long> counts = new ArrayList<>(tally.options());
        for (int i = 0; i < tally.options(); i++) {
            List<Point> ms = new ArrayList<>(used.size());
            for (PartialDecryption p : used) {
                ms.add(p.shares().get(i).share());
            }
            Point sA = Point.sumOfProducts(ms, lambdas);
            counts.add(dlog.solve(tally.ciphertexts().get(i).beta().subtract(sA)));
        }
        return new TallyResult(counts, used.stream().map(PartialDecryption::trustee).toList(), culprits);
    }

    /** The context a trustee's proof for one option is bound to. */
    static byte[] context(String proposalId, byte[] tallyHash, int trustee, int option) {
        return new Transcript("decryption-context").put(proposalId).put(tallyHash).put(trustee).put(option).digest();
    }
}
