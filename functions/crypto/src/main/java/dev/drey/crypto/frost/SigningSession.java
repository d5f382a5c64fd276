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
        indexOf(id);
        return Lagrange.atZero(signers, id);
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
