package dev.drey.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * BIP-340 Schnorr signatures in pure Java on BouncyCastle: the reference path and the
 * fallback ({@link Schnorr} picks libsecp256k1 when it loads).
 *
 * <p>{@link #FINAL} is BIP-340 as deployed (nostr, libsecp256k1, nostr-tools) and as the
 * conformance file in shared/vectors specifies it; messages may have any length.
 */
public final class Bip340 {
    public static final Bip340 FINAL = new Bip340("BIP0340");

    private final Hashes.Tagged auxTag;
    private final Hashes.Tagged nonceTag;
    private final Hashes.Tagged challengeTag;

    private Bip340(String tagPrefix) {
        this.auxTag = new Hashes.Tagged(tagPrefix + "/aux");
        this.nonceTag = new Hashes.Tagged(tagPrefix + "/nonce");
        this.challengeTag = new Hashes.Tagged(tagPrefix + "/challenge");
    }

    /** The x-only public key of a 32-byte secret key. */
    public static byte[] publicKey(byte[] secretKey) {
        return Point.mulG(Scalar.decodeNonZero(secretKey)).xOnly();
    }

    /** Signs a message of any length with 32 bytes of auxiliary randomness. */
    public byte[] sign(byte[] secretKey, byte[] message, byte[] auxRand) {
        if (auxRand == null || auxRand.length != 32) {
            throw new CryptoException("bip340: auxiliary randomness must be 32 bytes");
        }
        if (message == null) {
            throw new CryptoException("bip340: message missing");
        }
        Scalar d0 = Scalar.decodeNonZero(secretKey);
        Point p = Point.mulG(d0);
        Scalar d = p.hasEvenY() ? d0 : d0.negate();
        byte[] px = p.xOnly();
        byte[] t = Bytes.xor(d.encode(), auxTag.hash(auxRand));
        Scalar k0 = Scalar.reduce(nonceTag.hash(t, px, message));
        if (k0.isZero()) {
            throw new CryptoException("bip340: derived nonce is zero");
        }
        Point r = Point.mulG(k0);
        Scalar k = r.hasEvenY() ? k0 : k0.negate();
        byte[] rx = r.xOnly();
        Scalar e = challenge(rx, px, message);
        byte[] sig = Bytes.concat(rx, k.add(e.mul(d)).encode());
        // BIP-340 recommends verifying before releasing: guards against faults.
        if (!verify(px, message, sig)) {
            throw new CryptoException("bip340: produced signature does not verify");
        }
        return sig;
    }

    /** Verifies; malformed keys or signatures verify as false rather than throwing. */
    public boolean verify(byte[] publicKeyX, byte[] message, byte[] signature) {
        if (publicKeyX == null || publicKeyX.length != 32 || signature == null || signature.length != 64
                || message == null) {
            return false;
        }
        Point p;
        try {
            p = Point.liftX(publicKeyX);
        } catch (CryptoException e) {
            return false;
        }
        byte[] rx = Arrays.copyOfRange(signature, 0, 32);
        BigInteger r = new BigInteger(1, rx);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.compareTo(Point.P) >= 0 || s.compareTo(Scalar.N) >= 0) {
            return false;
        }
        Scalar e = challenge(rx, publicKeyX, message);
        Point big = Point.sumOfTwo(Point.G, Scalar.of(s), p, e.negate()); // R = s·G - e·P
        return !big.isInfinity() && big.hasEvenY() && big.x().equals(r);
    }

    /** e = int(hash_challenge(x(R) || x(P) || m)) mod n. */
    public Scalar challenge(byte[] rx, byte[] px, byte[] message) {
        return Scalar.reduce(challengeTag.hash(rx, px, message));
    }
}
