package dev.drey.crypto.pairing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Chaum–Pedersen proof that log_A(X) = log_B(Y) for bases A, B in two groups of the same prime order
 * r (both G1, or G1 and G2 for the cross-group proof of a server-secret share). Non-interactive by
 * Fiat–Shamir: c = SHA-512(domain, curve, groups, A, X, B, Y, commitments, context) mod r, z = k + c·x.
 * The commitments are recomputed by the verifier as z·A - c·X and z·B - c·Y.
 */
public record DleqProof(BigInteger c, BigInteger z) {
    private static final byte[] DOMAIN = "drey/dta/dleq/v1".getBytes(StandardCharsets.US_ASCII);

    public DleqProof {
        if (c == null || z == null || c.signum() < 0 || z.signum() < 0) {
            throw new PairingException("DLEQ proof: c and z must be non-negative scalars");
        }
    }

    /** One side of the statement: a base and the point claimed to be x times it, in {@code group}. */
    public record Statement(PairingGroup group, byte[] base, byte[] point) {
    }

    public static DleqProof prove(PairingCurve curve, BigInteger x, Statement s1, Statement s2, byte[] context,
            SecureRandom rng) {
        BigInteger k = curve.randomScalar(rng);
        byte[] t1 = s1.group().mul(s1.base(), k);
        byte[] t2 = s2.group().mul(s2.base(), k);
        BigInteger c = challenge(curve, s1, s2, t1, t2, context);
        return new DleqProof(c, k.add(c.multiply(x)).mod(curve.order()));
    }

    /** True when the proof holds; malformed points or proofs are {@link PairingException}s. */
    public boolean verify(PairingCurve curve, Statement s1, Statement s2, byte[] context) {
        BigInteger r = curve.order();
        if (c.compareTo(r) >= 0 || z.compareTo(r) >= 0) {
            throw new PairingException("DLEQ proof: c and z must be below the group order");
        }
        s1.group().validate(s1.point(), "DLEQ statement point 1");
        s2.group().validate(s2.point(), "DLEQ statement point 2");
        byte[] t1 = commitment(s1, r);
        byte[] t2 = commitment(s2, r);
        if (t1 == null || t2 == null) {
            return false;
        }
        return challenge(curve, s1, s2, t1, t2, context).equals(c);
    }

    /** z·base - c·point; null if that is the identity (no honest proof produces it). */
    private byte[] commitment(Statement s, BigInteger r) {
        try {
            return s.group().linearCombination(new byte[][] {s.base(), s.point()},
                    new BigInteger[] {z, r.subtract(c).mod(r)});
        } catch (PairingException identity) {
            return null;
        }
    }

    private static BigInteger challenge(PairingCurve curve, Statement s1, Statement s2, byte[] t1, byte[] t2,
            byte[] context) {
        MessageDigest h;
        try {
            h = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 missing from the JDK", e);
        }
        part(h, DOMAIN);
        part(h, curve.id().getBytes(StandardCharsets.US_ASCII));
        part(h, (s1.group().name() + s2.group().name()).getBytes(StandardCharsets.US_ASCII));
        for (byte[] b : new byte[][] {s1.base(), s1.point(), s2.base(), s2.point(), t1, t2, context}) {
            part(h, b);
        }
        return new BigInteger(1, h.digest()).mod(curve.order());
    }

    /** Length-prefixed, so no two different inputs hash alike. */
    private static void part(MessageDigest h, byte[] b) {
        h.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
                (byte) b.length});
        h.update(b);
    }
}
