package dev.drey.crypto.frost;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Point;
import java.util.Arrays;
import java.util.List;

/** A signer's public round-1 output: its hiding (D) and binding (E) nonce commitments. */
public record SigningCommitments(Identifier identifier, Point hiding, Point binding) {
    public SigningCommitments {
        if (identifier == null || hiding == null || binding == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "signing commitments: missing field");
        }
        if (hiding.isInfinity() || binding.isInfinity()) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "signing commitments: identity commitment", List.of(identifier));
        }
    }

    /** The 66-byte wire form {@code SerializeElement(D) || SerializeElement(E)}. */
    public byte[] encode() {
        return Bytes.concat(hiding.encodeCompressed(), binding.encodeCompressed());
    }

    /** Strict decoding of the wire form sent by {@code id}; a bad encoding names the sender. */
    public static SigningCommitments decode(Identifier id, byte[] b66) {
        if (b66 == null || b66.length != 66) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "signing commitments: expected 66 bytes", List.of(id));
        }
        try {
            return new SigningCommitments(id, Point.decodeCompressed(Arrays.copyOfRange(b66, 0, 33)),
                    Point.decodeCompressed(Arrays.copyOfRange(b66, 33, 66)));
        } catch (CryptoException e) {
            if (e instanceof FrostException f) {
                throw f;
            }
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "signing commitments: " + e.getMessage(), List.of(id));
        }
    }
}
