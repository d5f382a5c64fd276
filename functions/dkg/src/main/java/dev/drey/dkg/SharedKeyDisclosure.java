package dev.drey.dkg;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hashes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A complainer's ECDH point with an accused peer, S = a·B (a = the complainer's identity secret, B = the
 * accused's identity key, both taken with even y as BIP-340 and NIP-44 do), with a Chaum–Pedersen proof that
 * log_G(A) = log_B(S). From S anyone derives the pair's NIP-44 conversation key and can open the accused's
 * round-2 event to the complainer, so a complaint about a share is checkable by all, and a false one exposes
 * its author. The channel disclosed is one the accused can read anyway: nothing is revealed that the accused
 * could not publish itself.
 *
 * <p>Proof: k random, R1 = k·G, R2 = k·B, c = H(A, B, S, R1, R2, run), z = k + c·a; the verifier recomputes
 * R1 = z·G - c·A and R2 = z·B - c·S. H is the BIP-340 tagged hash {@code drey/dkg/ecdh-disclosure/v1}.
 */
public record SharedKeyDisclosure(byte[] sharedPoint, byte[] proof) {
    public static final int POINT_BYTES = 33;
    public static final int PROOF_BYTES = 64;
    private static final Hashes.Tagged CHALLENGE = new Hashes.Tagged("drey/dkg/ecdh-disclosure/v1");
    private static final byte[] NIP44_SALT = "nip44-v2".getBytes(StandardCharsets.US_ASCII);

    public SharedKeyDisclosure {
        if (sharedPoint == null || sharedPoint.length != POINT_BYTES || proof == null || proof.length != PROOF_BYTES) {
            throw new DkgMessageException("disclosure: a 33-byte point and a 64-byte proof required");
        }
        sharedPoint = sharedPoint.clone();
        proof = proof.clone();
    }

    @Override
    public byte[] sharedPoint() {
        return sharedPoint.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    /** Discloses the shared point of {@code secretKey} with {@code peerPubkey} (x-only hex) for run {@code runId}. */
    public static SharedKeyDisclosure prove(byte[] secretKey, String peerPubkey, String runId, SecureRandom rng) {
        Scalar a = Scalar.decodeNonZero(secretKey);
        Point bigA = SecretMul.mulG(a); // a, k: secret scalars, through libsecp256k1 when it loads
        if (!bigA.hasEvenY()) {
            // The x-only key stands for the even-y point: prove with the matching secret (same shared x).
            a = a.negate();
            bigA = bigA.negate();
        }
        Point b = Point.liftX(Hex.decode(peerPubkey, 32));
        Point s = SecretMul.mul(b, a);
        Scalar k = Scalar.random(rng);
        Point r1 = SecretMul.mulG(k);
        Point r2 = SecretMul.mul(b, k);
        Scalar c = challenge(bigA, b, s, r1, r2, runId);
        Scalar z = k.add(c.mul(a));
        return new SharedKeyDisclosure(s.encodeCompressed(), Bytes.concat(c.encode(), z.encode()));
    }

    /** Whether this is the shared point of the keys {@code ownerPubkey} and {@code peerPubkey} (x-only hex). */
    public boolean verify(String ownerPubkey, String peerPubkey, String runId) {
        try {
            Point bigA = Point.liftX(Hex.decode(ownerPubkey, 32));
            Point b = Point.liftX(Hex.decode(peerPubkey, 32));
            Point s = Point.decodeCompressed(sharedPoint);
            Scalar c = Scalar.decode(Arrays.copyOfRange(proof, 0, 32));
            Scalar z = Scalar.decode(Arrays.copyOfRange(proof, 32, 64));
            Point r1 = Point.sumOfTwo(Point.G, z, bigA, c.negate());
            Point r2 = Point.sumOfTwo(b, z, s, c.negate());
            if (r1.isInfinity() || r2.isInfinity()) {
                return false;
            }
            return challenge(bigA, b, s, r1, r2, runId).equals(c);
        } catch (CryptoException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The NIP-44 v2 conversation key of the pair: HKDF-extract(salt "nip44-v2", x(S)), i.e. HMAC(salt, x(S)). */
    public byte[] conversationKey() {
        byte[] x = Point.decodeCompressed(sharedPoint).xOnly();
        return Hashes.hmacSha256(NIP44_SALT, x);
    }

    private static Scalar challenge(Point a, Point b, Point s, Point r1, Point r2, String runId) {
        return Scalar.reduce(CHALLENGE.hash(a.encodeCompressed(), b.encodeCompressed(), s.encodeCompressed(),
                r1.encodeCompressed(), r2.encodeCompressed(), runId.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedKeyDisclosure d && Arrays.equals(d.sharedPoint, sharedPoint)
                && Arrays.equals(d.proof, proof);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sharedPoint);
    }

    @Override
    public String toString() {
        return "SharedKeyDisclosure[" + Hex.encode(sharedPoint) + "]";
    }
}
