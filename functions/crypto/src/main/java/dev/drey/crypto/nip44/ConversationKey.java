package dev.drey.crypto.nip44;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import java.nio.charset.StandardCharsets;

/**
 * The NIP-44 v2 conversation key shared by two nostr keys:
 * {@code HKDF-extract(SHA-256, IKM = x(sk · lift_x(peer)), salt = "nip44-v2")}. It is symmetric:
 * {@code derive(a, pub(b)) == derive(b, pub(a))}.
 */
public final class ConversationKey {
    /** Length of a conversation key in bytes. */
    public static final int LENGTH = 32;

    private static final byte[] SALT = "nip44-v2".getBytes(StandardCharsets.US_ASCII);

    private ConversationKey() {
    }

    /**
     * Derives the conversation key from our 32-byte secret key and the peer's 32-byte x-only
     * public key (lifted to the point with even y, as BIP-340 does).
     *
     * @throws Nip44Exception {@code INVALID_SECRET_KEY} for zero or a value not below n,
     *     {@code INVALID_PUBLIC_KEY} when the x-coordinate is not on the curve
     */
    public static byte[] derive(byte[] secretKey, byte[] peerXOnlyPublicKey) {
        Scalar sk;
        try {
            sk = Scalar.decodeNonZero(secretKey);
        } catch (CryptoException e) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_SECRET_KEY,
                    "invalid secret key (" + e.getMessage() + ")");
        }
        Point peer;
        try {
            peer = Point.liftX(peerXOnlyPublicKey);
        } catch (CryptoException e) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_PUBLIC_KEY,
                    "invalid public key (" + e.getMessage() + ")");
        }
        // secp256k1 has prime order and 0 < sk < n, so the product is never infinity.
        // Unhashed x of sk·P (libsecp256k1's ecdh would hash it): a constant-time tweak-multiply when loaded.
        byte[] sharedX = Bytes.fixed32(SecretMul.mul(peer, sk).x());
        return Hkdf.extract(SALT, sharedX);
    }

    /** Checks a caller-supplied conversation key's length. */
    static void requireValid(byte[] conversationKey) {
        if (conversationKey == null || conversationKey.length != LENGTH) {
            throw new Nip44Exception(Nip44Exception.Reason.INVALID_KEY_LENGTH,
                    "conversation key must be " + LENGTH + " bytes, got "
                            + (conversationKey == null ? "none" : conversationKey.length));
        }
    }
}
