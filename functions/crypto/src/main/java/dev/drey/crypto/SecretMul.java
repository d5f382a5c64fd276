package dev.drey.crypto;

import java.util.Optional;

/**
 * Multiplications of a point by a secret scalar (public keys from secret keys, FROST nonce commitments and
 * verifying shares, the NIP-44 shared point): libsecp256k1's constant-time code when the native library
 * loaded (the choice {@link Schnorr} made, including {@code -Ddrey.crypto.pure=true}), BouncyCastle's
 * variable-time path otherwise. Results are identical either way; public-scalar arithmetic (verification,
 * multi-scalar sums) stays on {@link Point}.
 */
public final class SecretMul {
    private SecretMul() {
    }

    /** k·G for a secret k; zero gives the point at infinity, as {@link Point#mulG}. */
    public static Point mulG(Scalar k) {
        return mulG(Schnorr.nativePath(), k);
    }

    /** k·P for a secret k; zero or P at infinity give the point at infinity, as {@link Point#mul}. */
    public static Point mul(Point p, Scalar k) {
        return mul(Schnorr.nativePath(), p, k);
    }

    static Point mulG(Optional<NativeSchnorr> lib, Scalar k) {
        // Zero is refused by libsecp256k1; that k is zero is no secret worth a constant-time path.
        return lib.isPresent() && !k.isZero() ? lib.get().mulG(k) : Point.mulG(k);
    }

    static Point mul(Optional<NativeSchnorr> lib, Point p, Scalar k) {
        return lib.isPresent() && !k.isZero() && !p.isInfinity() ? lib.get().mul(p, k) : p.mul(k);
    }
}
