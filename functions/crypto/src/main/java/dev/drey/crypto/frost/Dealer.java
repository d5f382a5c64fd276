package dev.drey.crypto.frost;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trusted-dealer key generation with verifiable secret sharing (RFC 9591 appendix C): the dealer
 * knows the group secret, so this is for tests and small setups only.
 */
public final class Dealer {
    /** The dealer's output: one secret share per participant, plus the group's public data. */
    public record Output(List<SecretShare> shares, PublicKeyPackage publicKeyPackage) {
        public Output {
            shares = List.copyOf(shares);
        }

        /** Each participant's verified key package, by identifier. */
        public Map<Identifier, KeyPackage> keyPackages() {
            Map<Identifier, KeyPackage> out = new TreeMap<>();
            for (SecretShare s : shares) {
                out.put(s.identifier(), s.verify());
            }
            return out;
        }
    }

    private Dealer() {
    }

    /** A fresh random group secret shared t-of-n among identifiers 1..n. */
    public static Output generate(int minSigners, int maxSigners, SecureRandom rng) {
        checkParameters(minSigners, maxSigners);
        return split(Polynomial.random(Scalar.random(rng), minSigners, rng), identifiers(maxSigners));
    }

    /**
     * RFC 9591 trusted_dealer_keygen with given coefficients (secret_share_shard): the vectors fix
     * the secret and the higher coefficients.
     */
    public static Output split(Scalar groupSecret, List<Scalar> higherCoefficients, int maxSigners) {
        List<Scalar> cs = new ArrayList<>();
        cs.add(groupSecret);
        cs.addAll(higherCoefficients);
        checkParameters(cs.size(), maxSigners);
        return split(new Polynomial(cs), identifiers(maxSigners));
    }

    static Output split(Polynomial f, List<Identifier> ids) {
        if (f.constant().isZero()) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "dealer: group secret must be non-zero");
        }
        checkParameters(f.size(), ids.size());
        Lagrange.requireDistinct(ids);
        VssCommitment commitment = f.commit();
        List<SecretShare> shares = new ArrayList<>(ids.size());
        Map<Identifier, Point> publicShares = new TreeMap<>();
        for (Identifier id : ids) {
            Scalar s = f.evaluate(id);
            if (s.isZero()) {
                // Probability ~2^-256; a zero share would be unusable, so refuse rather than hand it out.
                throw new FrostException(FrostException.Fault.INVALID_ELEMENT, "dealer: zero share", List.of(id));
            }
            shares.add(new SecretShare(id, s, commitment));
            // The dealer knows s_i: the fixed-base comb is far cheaper than evaluating the commitment.
            publicShares.put(id, SecretMul.mulG(s));
        }
        return new Output(shares, new PublicKeyPackage(publicShares, commitment.constant(), f.size()));
    }

    /** Identifiers 1..n. */
    public static List<Identifier> identifiers(int n) {
        List<Identifier> ids = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            ids.add(Identifier.of(i));
        }
        return ids;
    }

    /** RFC 9591: 2 <= MIN_PARTICIPANTS <= MAX_PARTICIPANTS. */
    static void checkParameters(int minSigners, int maxSigners) {
        if (minSigners < 2) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER,
                    "threshold must be at least 2, got " + minSigners);
        }
        if (maxSigners < minSigners) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER,
                    "threshold " + minSigners + " exceeds the number of signers " + maxSigners);
        }
    }
}
