package dev.drey.crypto.election;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Chaum–Pedersen proof that log_G(X) = log_A(Y) (here X = K_i, a trustee's public share, and Y = M_i = s_i·A, its
 * partial decryption). Fiat–Shamir: c = H(context, X, A, Y, a, b) with a = u·G, b = u·A, z = u + c·x; the verifier
 * recomputes a = z·G − c·X and b = z·A − c·Y. Wire form: c || z, 64 bytes.
 */
public record ChaumPedersenProof(Scalar c, Scalar z) {
    public static final int ENCODED_LENGTH = 64;

    public ChaumPedersenProof {
        if (c == null || z == null) {
            throw new ElectionException("Chaum-Pedersen proof: c or z missing");
        }
    }

    public static ChaumPedersenProof prove(Scalar secret, Point base, Point publicShare, Point result, byte[] context,
            SecureRandom rng) {
        Scalar u = Scalar.random(rng);
        Point a = SecretMul.mulG(u);
        Point b = SecretMul.mul(base, u);
        Scalar c = challenge(publicShare, base, result, a, b, context);
        return new ChaumPedersenProof(c, u.add(c.mul(secret)));
    }

    public boolean verify(Point base, Point publicShare, Point result, byte[] context) {
        if (base.isInfinity() || publicShare.isInfinity() || result.isInfinity()) {
            return false;
        }
        Point a = Point.sumOfTwo(Point.G, z, publicShare, c.negate());
        Point b = Point.sumOfTwo(base, z, result, c.negate());
        return !a.isInfinity() && !b.isInfinity() && challenge(publicShare, base, result, a, b, context).equals(c);
    }

    public byte[] encode() {
        byte[] out = new byte[ENCODED_LENGTH];
        System.arraycopy(c.encode(), 0, out, 0, 32);
        System.arraycopy(z.encode(), 0, out, 32, 32);
        return out;
    }

    public static ChaumPedersenProof decode(byte[] b64) {
        if (b64 == null || b64.length != ENCODED_LENGTH) {
            throw new ElectionException("Chaum-Pedersen proof: expected " + ENCODED_LENGTH + " bytes");
        }
        try {
            return new ChaumPedersenProof(Scalar.decode(Arrays.copyOfRange(b64, 0, 32)),
                    Scalar.decode(Arrays.copyOfRange(b64, 32, 64)));
        } catch (CryptoException e) {
            throw new ElectionException("Chaum-Pedersen proof: " + e.getMessage());
        }
    }

    private static Scalar challenge(Point publicShare, Point base, Point result, Point a, Point b, byte[] context) {
        return new Transcript("chaum-pedersen").put(context).put(publicShare).put(base).put(result).put(a).put(b)
                .challenge();
    }
}
