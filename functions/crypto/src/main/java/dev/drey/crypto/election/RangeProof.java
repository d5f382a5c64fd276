package dev.drey.crypto.election;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Disjunctive Chaum–Pedersen proof that a ciphertext (α, β) under K encrypts some ℓ in 0..L (ElectionGuard's range
 * proof; L = 1 is the 0/1 selection proof). Branch j claims (α, β − j·G) = r·(G, K) and carries a commitment
 * (a_j, b_j), a challenge share c_j and a response z_j with
 * <pre>  z_j·G = a_j + c_j·α,   z_j·K = b_j + c_j·(β − j·G),   Σ c_j = H(context, K, α, β, L, a_0, b_0, …, a_L, b_L)</pre>
 * The commitments travel with the proof (rather than being recomputed from the challenge) so that many proofs
 * can be checked at once by {@link BatchVerifier}. The hash binds the caller's context, so a proof cannot be lifted
 * into another ballot, option or proposal. Wire form: per branch a_j || b_j || c_j || z_j, 130 bytes.
 */
public record RangeProof(List<Branch> branches) {
    public static final int BRANCH_LENGTH = 130;
    /** The largest L accepted: a ballot has at most this many options (bounds the verifier's work). */
    public static final int MAX_LIMIT = 256;

    /** One value j of the disjunction. */
    public record Branch(Point a, Point b, Scalar c, Scalar z) {
        public Branch {
            if (a == null || b == null || c == null || z == null) {
                throw new ElectionException("range proof: branch field missing");
            }
        }
    }

    public RangeProof {
        if (branches == null || branches.size() < 2 || branches.size() > MAX_LIMIT + 1) {
            throw new ElectionException("range proof: needs 2.." + (MAX_LIMIT + 1) + " branches, got "
                    + (branches == null ? "none" : branches.size()));
        }
        branches = List.copyOf(branches);
    }

    /** The proved upper bound L. */
    public int limit() {
        return branches.size() - 1;
    }

    /**
     * Proves that {@code ct} = Enc_K(value; nonce) with 0 ≤ value ≤ limit. Refuses (rather than producing a
     * proof that would fail) when the value is out of range or the ciphertext is not that encryption.
     * Every branch is computed the same way through the constant-time path, so timing does not say which one is real.
     */
    public static RangeProof prove(Point publicKey, ElGamalCiphertext ct, int value, Scalar nonce, int limit,
            byte[] context, SecureRandom rng) {
        ElGamalCiphertext.requireKey(publicKey);
        requireLimit(limit);
        if (value < 0 || value > limit) {
            throw new ElectionException("range proof: value " + value + " is outside 0.." + limit);
        }
        if (!ElGamalCiphertext.encrypt(publicKey, value, nonce).equals(ct)) {
            throw new ElectionException("range proof: the ciphertext is not the encryption of the value with the nonce");
        }
        int n = limit + 1;
        Scalar[] u = new Scalar[n];
        Scalar[] c = new Scalar[n];
        Point[] a = new Point[n];
        Point[] b = new Point[n];
        Scalar ell = Scalar.of(value);
        for (int j = 0; j < n; j++) {
            u[j] = Scalar.random(rng);
            c[j] = Scalar.random(rng); // replaced for the real branch below; w_j = c_j·(j − ℓ) is 0 there
            Scalar w = c[j].mul(Scalar.of(j).sub(ell));
            a[j] = SecretMul.mulG(u[j]);
            // b_j = u_j·K + w_j·G; the +1/−G keeps the secret multiplier non-zero on the real branch.
            b[j] = SecretMul.mul(publicKey, u[j]).add(SecretMul.mulG(w.add(Scalar.ONE)).subtract(Point.G));
        }
        Scalar total = challenge(publicKey, ct, limit, a, b, context);
        Scalar others = Scalar.ZERO;
        for (int j = 0; j < n; j++) {
            if (j != value) {
                others = others.add(c[j]);
            }
        }
        c[value] = total.sub(others);
        List<Branch> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            out.add(new Branch(a[j], b[j], c[j], u[j].add(c[j].mul(nonce))));
        }
        return new RangeProof(out);
    }

    /** True when this proves that {@code ct} encrypts a value in 0..limit under K and the context. */
    public boolean verify(Point publicKey, ElGamalCiphertext ct, int limit, byte[] context) {
        if (!challengeHolds(publicKey, ct, limit, context)) {
            return false;
        }
        for (int j = 0; j < branches.size(); j++) {
            Branch br = branches.get(j);
            Point jg = Point.mulG(Scalar.of(j));
            Point shifted = j == 0 ? ct.beta() : ct.beta().subtract(jg);
            if (!Point.sumOfTwo(Point.G, br.z(), ct.alpha(), br.c().negate()).equals(br.a())
                    || !Point.sumOfTwo(publicKey, br.z(), shifted, br.c().negate()).equals(br.b())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The cheap part of verification: the shape, the limit and Σ c_j = H(...). The group equations are left to
     * {@link #verify} or to a batch ({@link BatchVerifier}).
     */
    boolean challengeHolds(Point publicKey, ElGamalCiphertext ct, int limit, byte[] context) {
        ElGamalCiphertext.requireKey(publicKey);
        if (limit != limit() || ct.alpha().isInfinity() || ct.beta().isInfinity()) {
            return false;
        }
        int n = branches.size();
        Point[] a = new Point[n];
        Point[] b = new Point[n];
        Scalar sum = Scalar.ZERO;
        for (int j = 0; j < n; j++) {
            Branch br = branches.get(j);
            if (br.a().isInfinity() || br.b().isInfinity()) {
                return false;
            }
            a[j] = br.a();
            b[j] = br.b();
            sum = sum.add(br.c());
        }
        return sum.equals(challenge(publicKey, ct, limit, a, b, context));
    }

    /** Adds this proof's equations, each under fresh random weights, to a batch. */
    void addTo(BatchVerifier.Accumulator acc, Point publicKey, ElGamalCiphertext ct) {
        Scalar alphaCoef = Scalar.ZERO;
        Scalar betaCoef = Scalar.ZERO;
        for (int j = 0; j < branches.size(); j++) {
            Branch br = branches.get(j);
            Scalar rho = acc.weight();
            Scalar sigma = acc.weight();
            // ρ(z·G − a − c·α) + σ(z·K − b − c·β + c·j·G) = 0
            acc.addG(rho.mul(br.z()).add(sigma.mul(br.c()).mul(Scalar.of(j))));
            acc.addK(sigma.mul(br.z()));
            acc.add(br.a(), rho.negate());
            acc.add(br.b(), sigma.negate());
            alphaCoef = alphaCoef.sub(rho.mul(br.c()));
            betaCoef = betaCoef.sub(sigma.mul(br.c()));
        }
        acc.add(ct.alpha(), alphaCoef);
        acc.add(ct.beta(), betaCoef);
    }

    public byte[] encode() {
        byte[] out = new byte[branches.size() * BRANCH_LENGTH];
        int off = 0;
        for (Branch br : branches) {
            System.arraycopy(br.a().encodeCompressed(), 0, out, off, 33);
            System.arraycopy(br.b().encodeCompressed(), 0, out, off + 33, 33);
            System.arraycopy(br.c().encode(), 0, out, off + 66, 32);
            System.arraycopy(br.z().encode(), 0, out, off + 98, 32);
            off += BRANCH_LENGTH;
        }
        return out;
    }

    /** Strict decoding: a whole number of branches (2..MAX_LIMIT+1), points checked, scalars below n. */
    public static RangeProof decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length % BRANCH_LENGTH != 0) {
            throw new ElectionException("range proof: length must be a multiple of " + BRANCH_LENGTH);
        }
        int n = bytes.length / BRANCH_LENGTH;
        if (n < 2 || n > MAX_LIMIT + 1) {
            throw new ElectionException("range proof: needs 2.." + (MAX_LIMIT + 1) + " branches, got " + n);
        }
        List<Branch> out = new ArrayList<>(n);
        try {
            for (int j = 0; j < n; j++) {
                int off = j * BRANCH_LENGTH;
                out.add(new Branch(Point.decodeCompressed(Arrays.copyOfRange(bytes, off, off + 33)),
                        Point.decodeCompressed(Arrays.copyOfRange(bytes, off + 33, off + 66)),
                        Scalar.decode(Arrays.copyOfRange(bytes, off + 66, off + 98)),
                        Scalar.decode(Arrays.copyOfRange(bytes, off + 98, off + 130))));
            }
        } catch (CryptoException e) {
            throw new ElectionException("range proof: " + e.getMessage());
        }
        return new RangeProof(out);
    }

    static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ElectionException("range proof: limit " + limit + " is outside 1.." + MAX_LIMIT);
        }
    }

    private static Scalar challenge(Point publicKey, ElGamalCiphertext ct, int limit, Point[] a, Point[] b,
            byte[] context) {
        Transcript t = new Transcript("range-proof").put(context).put(publicKey).put(ct.alpha()).put(ct.beta())
                .put(limit);
        for (int j = 0; j < a.length; j++) {
            t.put(a[j]).put(b[j]);
        }
        return t.challenge();
    }
}
