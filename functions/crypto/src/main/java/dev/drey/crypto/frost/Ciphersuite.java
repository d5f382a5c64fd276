package dev.drey.crypto.frost;

import dev.drey.crypto.Bip340;
import dev.drey.crypto.Bytes;
import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two FROST ciphersuites over secp256k1 with SHA-256.
 *
 * <p>{@link #RFC9591} is FROST(secp256k1, SHA-256) of RFC 9591 exactly: 65-byte signatures
 * {@code SerializeElement(R) || SerializeScalar(z)}.
 *
 * <p>{@link #BIP340} is the variant every Drey group signature uses: same H1, H3, H4, H5 under its
 * own context string, H2 is the BIP-340 challenge over {@code x(R) || x(PK) || msg}, the group key
 * and the group commitment are taken with even y (signers negate their share or their nonces) and
 * signatures are the 64-byte BIP-340 {@code x(R) || z}, verifiable by any BIP-340 verifier. No
 * taproot tweak is applied: the group key is the plain x-only key.
 */
public enum Ciphersuite {
    RFC9591("FROST-secp256k1-SHA256-v1", 65),
    BIP340("FROST-secp256k1-SHA256-TR-v1", 64);

    private final String contextString;
    private final int signatureLength;
    private final HashToField h1;
    private final HashToField h2;
    private final HashToField h3;
    private final HashToField dkg;
    private final byte[] h4Prefix;
    private final byte[] h5Prefix;

    Ciphersuite(String contextString, int signatureLength) {
        this.contextString = contextString;
        this.signatureLength = signatureLength;
        this.h1 = new HashToField(contextString + "rho");
        this.h2 = new HashToField(contextString + "chal");
        this.h3 = new HashToField(contextString + "nonce");
        this.dkg = new HashToField(contextString + "dkg");
        this.h4Prefix = (contextString + "msg").getBytes(StandardCharsets.US_ASCII);
        this.h5Prefix = (contextString + "com").getBytes(StandardCharsets.US_ASCII);
    }

    public String contextString() {
        return contextString;
    }

    public int signatureLength() {
        return signatureLength;
    }

    /** True for the BIP-340 variant: group key and group commitment are used with even y. */
    public boolean evenY() {
        return this == BIP340;
    }

    /** H1, the binding-factor hash (its state is cloned per signer, see {@link BindingFactors}). */
    HashToField h1() {
        return h1;
    }

    /** H3: nonce derivation. */
    public Scalar h3(byte[]... parts) {
        return h3.hash(parts);
    }

    /** H4: message hash. */
    public byte[] h4(byte[] message) {
        return Bytes.sha256(h4Prefix, message);
    }

    /** H5: commitment-list hash. */
    public byte[] h5(byte[] encodedCommitmentList) {
        return Bytes.sha256(h5Prefix, encodedCommitmentList);
    }

    /** The DKG proof-of-knowledge challenge hash (as frost-core: contextString || "dkg"). */
    Scalar hdkg(byte[]... parts) {
        return dkg.hash(parts);
    }

    /**
     * The group key as signing uses it: unchanged for RFC 9591, the even-y point with the same x
     * for the BIP-340 variant.
     */
    public Point effectiveGroupKey(Point groupKey) {
        return evenY() && !groupKey.hasEvenY() ? groupKey.negate() : groupKey;
    }

    /** The 33-byte encoding of the group key inside the binding-factor input. */
    public byte[] encodeGroupKey(Point groupKey) {
        return effectiveGroupKey(groupKey).encodeCompressed();
    }

    /** The group public key as a verifier takes it: 33 bytes compressed, or 32 bytes x-only. */
    public byte[] encodeVerifyingKey(Point groupKey) {
        return evenY() ? groupKey.xOnly() : groupKey.encodeCompressed();
    }

    /** The challenge c = H2(R, PK, msg); for the BIP-340 variant R and PK must have even y. */
    public Scalar challenge(Point groupCommitment, Point groupKey, byte[] message) {
        if (evenY()) {
            return Bip340.FINAL.challenge(groupCommitment.xOnly(), groupKey.xOnly(), message);
        }
        return h2.hash(groupCommitment.encodeCompressed(), groupKey.encodeCompressed(), message);
    }

    public byte[] encodeSignature(Point groupCommitment, Scalar z) {
        byte[] r = evenY() ? groupCommitment.xOnly() : groupCommitment.encodeCompressed();
        return Bytes.concat(r, z.encode());
    }

    /**
     * Verifies a group signature under the group key (either y parity for the BIP-340 variant:
     * only x matters there). Malformed input verifies as false.
     */
    public boolean verify(Point groupKey, byte[] message, byte[] signature) {
        if (groupKey == null || groupKey.isInfinity() || message == null || signature == null
                || signature.length != signatureLength) {
            return false;
        }
        if (evenY()) {
            return Bip340.FINAL.verify(groupKey.xOnly(), message, signature);
        }
        Point r;
        Scalar z;
        try {
            r = Point.decodeCompressed(Arrays.copyOfRange(signature, 0, 33));
            z = Scalar.decode(Arrays.copyOfRange(signature, 33, 65));
        } catch (CryptoException e) {
            return false;
        }
        Scalar c = challenge(r, groupKey, message);
        // z·G - c·PK must equal R (secp256k1 has cofactor 1).
        return Point.sumOfTwo(Point.G, z, groupKey, c.negate()).equals(r);
    }

    /** The ciphersuite named "rfc9591" or "bip340" (the command line's spelling). */
    public static Ciphersuite named(String name) {
        if (name == null) {
            throw new CryptoException("ciphersuite: missing name");
        }
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "rfc9591" -> RFC9591;
            case "bip340" -> BIP340;
            default -> throw new CryptoException("ciphersuite: unknown variant '" + name
                    + "' (expected rfc9591 or bip340)");
        };
    }
}
