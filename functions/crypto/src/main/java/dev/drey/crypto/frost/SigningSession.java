package dev.drey.crypto.frost;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a signing package determines, computed once and shared by signers and the
 * coordinator: binding factors, the group commitment R = Σ D_i + ρ_i·E_i (one multi-scalar
 * multiplication), the challenge, and for the BIP-340 variant whether nonces and shares are negated.
 */
public final class SigningSession {
    private final Ciphersuite suite;
    private final SigningPackage pkg;
    private final Point groupKey;
    private final Point effectiveGroupKey;
    private final List<Identifier> signers;
    private final List<Scalar> bindingFactors;
    private final Point groupCommitment;
    private final boolean negateNonces;
    private final boolean negateShares;
    private final Scalar challenge;
    /**
     * λ_i by signer index, each computed on first use: a coordinator checking share sums over the smaller
     * side of a session needs only a few of them, a signer only its own.
     */
    private final java.util.concurrent.atomic.AtomicReferenceArray<Scalar> lagrange;

    public SigningSession(Ciphersuite suite, SigningPackage pkg, Point groupKey) {
        if (suite == null || pkg == null || groupKey == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "signing session: missing input");
        }
        this.suite = suite;
        this.pkg = pkg;
        this.groupKey = groupKey;
        this.effectiveGroupKey = suite.effectiveGroupKey(groupKey);
        this.negateShares = !effectiveGroupKey.equals(groupKey);
        this.signers = pkg.signers();
        this.lagrange = new java.util.concurrent.atomic.AtomicReferenceArray<>(signers.size());
        this.bindingFactors = BindingFactors.compute(suite, groupKey, pkg);
        List<Point> hiding = new ArrayList<>(signers.size());
        List<Point> binding = new ArrayList<>(signers.size());
        for (SigningCommitments c : pkg.commitments()) {
            hiding.add(c.hiding());
            binding.add(c.binding());
        }
        Point r = Point.sum(hiding).add(Point.sumOfProducts(binding, bindingFactors));
        if (r.isInfinity()) {
            // Only reachable with commitments chosen to cancel: no signature can be made.
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "group commitment is the identity", List.of());
        }
        this.negateNonces = suite.evenY() && !r.hasEvenY();
        this.groupCommitment = negateNonces ? r.negate() : r;
        this.challenge = suite.challenge(groupCommitment, effectiveGroupKey, pkg.message());
    }

    public Ciphersuite suite() {
        return suite;
    }

    public SigningPackage signingPackage() {
        return pkg;
    }

    public Point groupKey() {
        return groupKey;
    }

    /** The signers in ascending identifier order. */
    public List<Identifier> signers() {
        return signers;
    }

    /** ρ_i in signer order. */
    public List<Scalar> bindingFactors() {
        return bindingFactors;
    }

    public Scalar bindingFactor(Identifier id) {
        return bindingFactors.get(indexOf(id));
    }

    /** R as it appears in the signature (even y for the BIP-340 variant). */
    public Point groupCommitment() {
        return groupCommitment;
    }

    /** True when the BIP-340 variant made signers negate their nonces (R had odd y). */
    public boolean noncesNegated() {
        return negateNonces;
    }

    /** True when the BIP-340 variant made signers negate their shares (group key had odd y). */
    public boolean sharesNegated() {
        return negateShares;
    }

    public Scalar challenge() {
        return challenge;
    }

    public Scalar lagrange(Identifier id) {
        return lagrangeAt(indexOf(id));
    }

    private Scalar lagrangeAt(int k) {
        Scalar l = lagrange.get(k);
        if (l == null) {
            l = Lagrange.atZero(signers, signers.get(k));
            lagrange.set(k, l);
        }
        return l;
    }

    /** z_i = d_i + e_i·ρ_i + λ_i·s_i·c, with the variant's sign adjustments. */
    Scalar signatureShare(Identifier id, Scalar hidingNonce, Scalar bindingNonce, Scalar signingShare) {
        Scalar rho = bindingFactor(id);
        Scalar nonce = hidingNonce.add(bindingNonce.mul(rho));
        if (negateNonces) {
            nonce = nonce.negate();
        }
        Scalar share = negateShares ? signingShare.negate() : signingShare;
        return nonce.add(lagrange(id).mul(share).mul(challenge));
    }

    /**
     * Checks z_i·G = ±(D_i + ρ_i·E_i) + c·λ_i·(±Y_i) with one multi-scalar multiplication.
     * The share's identifier must be a signer of this session.
     */
    public boolean verifyShare(SignatureShare share, Point verifyingShare) {
        return verifyShare(share, verifyingShare, lagrange(share.identifier()));
    }

    boolean verifyShare(SignatureShare share, Point verifyingShare, Scalar lambda) {
        int k = indexOf(share.identifier());
        SigningCommitments c = pkg.commitments().get(k);
        Scalar rho = bindingFactors.get(k);
        Scalar cl = challenge.mul(lambda);
        if (negateShares) {
            cl = cl.negate();
        }
        if (negateNonces) {
            rho = rho.negate();
        }
        // z·G - c·λ·Y' - s·ρ·E must equal s·D, where s is the nonce sign.
        Point lhs = Point.sumOfProducts(List.of(Point.G, verifyingShare, c.binding()),
                List.of(share.share(), cl.negate(), rho.negate()));
        Point rhs = negateNonces ? c.hiding().negate() : c.hiding();
        return lhs.equals(rhs);
    }

    /**
     * Checks the sum of the shares of the signers in {@code covered} (a subset of this session's
     * signers; {@code shareSum} = Σ z_i over it) against the sum of their verification equations:
     * Σ z_i·G = Σ ±(D_i + ρ_i·E_i) + c·λ_i·(±Y_i). For one signer this is exactly {@link #verifyShare};
     * for all t it is the BIP-340 equation of the aggregate. A coordinator that accepts shares in
     * batches that pass this check (and splits a failing batch down to single shares to name the culprits)
     * keeps the property it needs: the accepted shares of a session always sum correctly, so t of them make
     * a valid signature, and no honest signer is ever blamed.
     *
     * <p>With {@code sharesInterpolate} (the caller has checked, e.g. with
     * {@link PublicKeyPackage#sharesInterpolate()}, that every t verifying shares interpolate to the group
     * key) the check is made over the complement when that is smaller: Σ over all signers of D_i + ρ_i·E_i
     * is the group commitment and of λ_i·Y_i the group key, both known, so the cost is one multi-scalar
     * multiplication over min(|covered|, t − |covered|) signers.
     */
    public boolean verifyShareSum(java.util.Collection<Identifier> covered, Scalar shareSum,
            java.util.function.Function<Identifier, Point> verifyingShares, boolean sharesInterpolate) {
        boolean[] in = new boolean[signers.size()];
        int count = 0;
        for (Identifier id : covered) {
            int k = indexOf(id);
            if (!in[k]) {
                in[k] = true;
                count++;
            }
        }
        if (count == 0) {
            return shareSum.isZero();
        }
        boolean complement = sharesInterpolate && signers.size() - count < count;
        Scalar nonceSign = negateNonces ? Scalar.ONE.negate() : Scalar.ONE;
        Scalar shareSign = negateShares ? Scalar.ONE.negate() : Scalar.ONE;
        List<Point> points = new ArrayList<>();
        List<Scalar> scalars = new ArrayList<>();
        List<Point> hidings = new ArrayList<>();
        points.add(Point.G);
        scalars.add(shareSum);
        for (int k = 0; k < signers.size(); k++) {
            if (in[k] == complement) {
                continue;
            }
            SigningCommitments c = pkg.commitments().get(k);
            Scalar cl = challenge.mul(lagrangeAt(k)).mul(shareSign);
            Scalar rho = bindingFactors.get(k).mul(nonceSign);
            // Direct: - c·λ_i·Y'_i - s·ρ_i·E_i - s·D_i for i covered; complement: the same terms with + for
            // the signers not covered, after subtracting the whole-session sums (below).
            points.add(verifyingShares.apply(c.identifier()));
            scalars.add(complement ? cl : cl.negate());
            points.add(c.binding());
            scalars.add(complement ? rho : rho.negate());
            // The hiding term is -s·D_i (direct) or +s·D_i (complement).
            hidings.add(negateNonces != complement ? c.hiding() : c.hiding().negate());
        }
        Point acc = Point.sumOfProducts(points, scalars).add(Point.sum(hidings));
        if (complement) {
            // Σ_all s·(D_i + ρ_i·E_i) = R (as in the signature), Σ_all c·λ_i·Y'_i = c·Y'.
            acc = acc.subtract(groupCommitment).subtract(effectiveGroupKey.mul(challenge));
        }
        return acc.isInfinity();
    }

    /** The encoded signature R || z for an aggregate z. */
    public byte[] signature(Scalar z) {
        return suite.encodeSignature(groupCommitment, z);
    }

    private int indexOf(Identifier id) {
        int lo = 0;
        int hi = signers.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = signers.get(mid).compareTo(id);
            if (cmp == 0) {
                return mid;
            }
            if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        throw new FrostException(FrostException.Fault.UNKNOWN_IDENTIFIER, "not a signer of this signing package",
                List.of(id));
    }
}
