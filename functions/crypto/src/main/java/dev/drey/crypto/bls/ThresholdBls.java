package dev.drey.crypto.bls;

import dev.drey.crypto.pairing.Bls381Kernels;
import dev.drey.crypto.pairing.DleqProof;
import dev.drey.crypto.pairing.Lagrange;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.milagro.amcl.BLS381.ECP;

/**
 * Threshold BLS in G1 with keys in G2 (drand's unchained G1 scheme, and the VRF on the same key): partial
 * signatures with DLEQ proofs, and aggregation of any t of them by Lagrange interpolation at 0 (one batch
 * inversion for the coefficients, one multi-scalar multiplication for the sum), checked by one pairing
 * equation against the group key. Only when that check fails are the partials' proofs checked, to name the
 * senders of bad ones and to aggregate again from the good ones. Deterministic apart from the prover's nonce
 * ({@code rng} injected).
 */
public final class ThresholdBls {
    private ThresholdBls() {
    }

    /** The outcome of an aggregation: the signature, the indices used, and the culprits found on the way. */
    public record Aggregate(G1Point signature, List<Integer> signers, List<Integer> culprits, int proofsChecked) {
        public Aggregate {
            signers = List.copyOf(signers);
            culprits = List.copyOf(culprits);
        }
    }

    /** σ_i = s_i·H(m) with its proof; the multiplications by s_i and by the nonce are constant-time. */
    public static PartialSignature sign(BlsKeyShare share, ThresholdMessage m, SecureRandom rng) {
        return sign(share, m, m.point(), rng);
    }

    /** {@link #sign} with H(m) already computed. */
    public static PartialSignature sign(BlsKeyShare share, ThresholdMessage m, G1Point h, SecureRandom rng) {
        G1Point sigma = h.mulSecret(share.secret());
        DleqProof proof = DleqProof.prove(PairingCurves.BLS381, share.secret(),
                statement(G1Point.generator(), share.verificationShare()), statement(h, sigma),
                m.proofContext(share.index()), rng);
        return new PartialSignature(share.index(), sigma, proof);
    }

    /** Whether the partial's proof holds against its sender's verification share (no pairing). */
    public static boolean verifyPartial(BlsGroupKey key, ThresholdMessage m, G1Point h, PartialSignature p) {
        G1Point v = key.verificationShares().get(p.index());
        if (v == null) {
            return false;
        }
        try {
            return p.proof().verify(PairingCurves.BLS381, statement(G1Point.generator(), v), statement(h, p.sigma()),
                    m.proofContext(p.index()));
        } catch (PairingException malformed) {
            return false;
        }
    }

    /**
     * The group signature on m from {@code partials} (distinct indices of the group): the first t are
     * interpolated and the result checked by one pairing equation; if it fails, every partial's proof is
     * checked, the bad ones are dropped and named, and t good ones are interpolated again.
     *
     * @throws BadPartialsException fewer than t partials (or fewer than t good ones), naming the bad senders
     */
    public static Aggregate aggregate(BlsGroupKey key, ThresholdMessage m, List<PartialSignature> partials) {
        int t = key.threshold();
        Set<Integer> seen = new HashSet<>();
        for (PartialSignature p : partials) {
            key.verificationShare(p.index()); // unknown index: refused by name
            if (!seen.add(p.index())) {
                throw new BlsException("partial signature from index " + p.index() + " given twice");
            }
        }
        if (partials.size() < t) {
            throw new BadPartialsException("need " + t + " partial signatures, have " + partials.size(), List.of());
        }
        G1Point h = m.point();
        List<PartialSignature> first = partials.subList(0, t);
        G1Point sig = interpolate(first);
        if (Bls12381.verifyPairing(sig, h, key.prepared())) {
            return new Aggregate(sig, indices(first), List.of(), 0);
        }
        List<PartialSignature> good = new ArrayList<>();
        List<Integer> culprits = new ArrayList<>();
        for (PartialSignature p : partials) {
            if (verifyPartial(key, m, h, p)) {
                good.add(p);
            } else {
                culprits.add(p.index());
            }
        }
        if (good.size() < t) {
            throw new BadPartialsException("need " + t + " valid partial signatures, have " + good.size(), culprits);
        }
        List<PartialSignature> chosen = good.subList(0, t);
        sig = interpolate(chosen);
        if (!Bls12381.verifyPairing(sig, h, key.prepared())) {
            // proofs held but the sum does not verify: the verification shares do not match the group key
            throw new BlsException("aggregate of valid partials does not verify: verification shares inconsistent with the group key");
        }
        return new Aggregate(sig, indices(chosen), culprits, partials.size());
    }

    /** Σ λ_i(0)·σ_i over the given partials (no checks). */
    public static G1Point interpolate(List<PartialSignature> partials) {
        List<Integer> idx = indices(partials);
        BigInteger[] lambda = Lagrange.atZero(idx, Bls12381.ORDER);
        ECP[] points = new ECP[partials.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = partials.get(i).sigma().ecp();
        }
        return G1Point.ofTrusted(Bls381Kernels.g1MultiScalarMul(points, lambda));
    }

    private static List<Integer> indices(List<PartialSignature> partials) {
        List<Integer> idx = new ArrayList<>(partials.size());
        for (PartialSignature p : partials) {
            idx.add(p.index());
        }
        return idx;
    }

    private static DleqProof.Statement statement(G1Point base, G1Point point) {
        return new DleqProof.Statement(G1Group.INSTANCE, G1Group.encode(base), G1Group.encode(point));
    }
}
