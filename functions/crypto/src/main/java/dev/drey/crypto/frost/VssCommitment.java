package dev.drey.crypto.frost;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Feldman VSS commitment C_k = a_k·G to a sharing polynomial (RFC 9591 appendix C.2). A share
 * s_i for identifier x is consistent when s_i·G = Σ C_k·x^k.
 */
public record VssCommitment(List<Point> coefficients) {
    public VssCommitment {
        if (coefficients == null || coefficients.isEmpty()) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "vss commitment: empty");
        }
        coefficients = List.copyOf(coefficients);
    }

    public int size() {
        return coefficients.size();
    }

    /** C_0, the commitment to the constant term (the group key for a dealer or DKG sharing). */
    public Point constant() {
        return coefficients.get(0);
    }

    /** Σ C_k·x^k with one multi-scalar multiplication: the public share of identifier x. */
    public Point evaluate(Identifier x) {
        List<Point> ps = new ArrayList<>(coefficients.size());
        List<Scalar> ks = new ArrayList<>(coefficients.size());
        appendTerms(x, Scalar.ONE, ps, ks);
        return Point.sumOfProducts(ps, ks);
    }

    /** RFC 9591 vss_verify: does this share of identifier x match the commitment? */
    public boolean verify(Identifier x, Scalar share) {
        return Point.mulG(share).equals(evaluate(x));
    }

    /** Appends the terms weight·x^k·C_k (identity coefficients skipped). */
    void appendTerms(Identifier x, Scalar weight, List<Point> ps, List<Scalar> ks) {
        Scalar pow = weight;
        for (Point c : coefficients) {
            if (!c.isInfinity()) {
                ps.add(c);
                ks.add(pow);
            }
            pow = pow.mul(x.value());
        }
    }

    /** The commitment to the sum of the committed polynomials (all of the same size). */
    public static VssCommitment sum(List<VssCommitment> commitments) {
        int t = commitments.get(0).size();
        List<Point> out = new ArrayList<>(t);
        for (int k = 0; k < t; k++) {
            List<Point> terms = new ArrayList<>(commitments.size());
            for (VssCommitment c : commitments) {
                if (c.size() != t) {
                    throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "vss commitments differ in size");
                }
                if (!c.coefficients.get(k).isInfinity()) {
                    terms.add(c.coefficients.get(k));
                }
            }
            out.add(Point.sum(terms));
        }
        return new VssCommitment(out);
    }

    /**
     * Checks many senders' shares for one recipient x at once: a random linear combination
     * Σ r_j·(s_j·G - Σ_k C_jk·x^k) must be the identity (one multi-scalar multiplication).
     * Only when it is not is each share checked alone. Returns the senders whose shares are bad.
     */
    static List<Identifier> badShares(Identifier x, Map<Identifier, VssCommitment> commitments,
            Map<Identifier, Scalar> shares, SecureRandom rng) {
        List<Point> ps = new ArrayList<>();
        List<Scalar> ks = new ArrayList<>();
        Scalar gWeight = Scalar.ZERO;
        for (Map.Entry<Identifier, Scalar> e : shares.entrySet()) {
            Scalar r = Scalar.random(rng);
            gWeight = gWeight.add(r.mul(e.getValue()));
            commitments.get(e.getKey()).appendTerms(x, r.negate(), ps, ks);
        }
        ps.add(Point.G);
        ks.add(gWeight);
        if (Point.sumOfProducts(ps, ks).isInfinity()) {
            return List.of();
        }
        List<Identifier> bad = new ArrayList<>();
        for (Map.Entry<Identifier, Scalar> e : shares.entrySet()) {
            if (!commitments.get(e.getKey()).verify(x, e.getValue())) {
                bad.add(e.getKey());
            }
        }
        return bad;
    }

    /** Wire form: the compressed points concatenated (33 bytes each); identity entries are not encodable. */
    public byte[] encode() {
        List<byte[]> parts = new ArrayList<>();
        for (Point c : coefficients) {
            parts.add(c.encodeCompressed());
        }
        return Bytes.concat(parts.toArray(new byte[0][]));
    }

    /** Strict decoding of a commitment sent by {@code sender}; a bad encoding names the sender. */
    public static VssCommitment decode(Identifier sender, byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length % 33 != 0) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "vss commitment: length must be a positive multiple of 33", List.of(sender));
        }
        List<Point> ps = new ArrayList<>();
        try {
            for (int off = 0; off < bytes.length; off += 33) {
                ps.add(Point.decodeCompressed(Arrays.copyOfRange(bytes, off, off + 33)));
            }
        } catch (CryptoException e) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "vss commitment: " + e.getMessage(), List.of(sender));
        }
        return new VssCommitment(ps);
    }
}
