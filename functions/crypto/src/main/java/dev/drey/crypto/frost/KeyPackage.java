package dev.drey.crypto.frost;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;

/**
 * One signer's key material: its secret signing share s_i, its public verifying share s_i·G, the
 * group public key and the threshold. The group key is kept as generated (either y parity); the
 * BIP-340 variant normalises at signing time.
 */
public record KeyPackage(Identifier identifier, Scalar signingShare, Point verifyingShare, Point groupPublicKey,
        int minSigners) {
    public KeyPackage {
        if (identifier == null || signingShare == null || verifyingShare == null || groupPublicKey == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "key package: missing field");
        }
        if (signingShare.isZero() || verifyingShare.isInfinity() || groupPublicKey.isInfinity()) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "key package: zero share or identity key", java.util.List.of(identifier));
        }
        if (minSigners < 1) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "key package: threshold must be >= 1");
        }
    }

    /** Builds a key package from a share, checking it against the public key package. */
    public static KeyPackage of(Identifier id, Scalar signingShare, PublicKeyPackage pub) {
        Point expected = pub.verifyingShare(id);
        if (!SecretMul.mulG(signingShare).equals(expected)) {
            throw new FrostException(FrostException.Fault.INVALID_SECRET_SHARE,
                    "signing share does not match the public verifying share", java.util.List.of(id));
        }
        return new KeyPackage(id, signingShare, expected, pub.groupPublicKey(), pub.minSigners());
    }
}
