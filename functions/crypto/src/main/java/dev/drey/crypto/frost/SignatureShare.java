package dev.drey.crypto.frost;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Scalar;
import java.util.List;

/** A signer's round-2 output z_i (public once sent). */
public record SignatureShare(Identifier identifier, Scalar share) {
    public SignatureShare {
        if (identifier == null || share == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "signature share: missing field");
        }
    }

    public byte[] encode() {
        return share.encode();
    }

    /** Strict decoding of a 32-byte share sent by {@code id}; an out-of-range value names the sender. */
    public static SignatureShare decode(Identifier id, byte[] b32) {
        try {
            return new SignatureShare(id, Scalar.decode(b32));
        } catch (CryptoException e) {
            throw new FrostException(FrostException.Fault.INVALID_SIGNATURE_SHARE,
                    "signature share: " + e.getMessage(), List.of(id));
        }
    }
}
