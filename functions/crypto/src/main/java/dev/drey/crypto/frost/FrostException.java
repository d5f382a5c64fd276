package dev.drey.crypto.frost;

import dev.drey.crypto.CryptoException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A FROST operation was refused. {@link #fault()} says what went wrong; where participants are
 * to blame, {@link #culprits()} names every one of them (identifiable abort).
 */
public final class FrostException extends CryptoException {
    /** What went wrong. */
    public enum Fault {
        /** A parameter is out of range: threshold, number of signers, identifier value. */
        INVALID_PARAMETER,
        /** The same identifier appears twice. */
        DUPLICATE_IDENTIFIER,
        /** An identifier is not part of the group or of the signing set. */
        UNKNOWN_IDENTIFIER,
        /** A required message, commitment or share is missing. */
        MISSING_INPUT,
        /** A commitment, share or key is the identity or otherwise unusable. */
        INVALID_ELEMENT,
        /** A signature share does not verify against its signer's public share and commitments. */
        INVALID_SIGNATURE_SHARE,
        /** A DKG proof of knowledge of the constant term is wrong. */
        INVALID_PROOF_OF_KNOWLEDGE,
        /** A secret share (DKG, refresh, repair) is inconsistent with its sender's commitments. */
        INVALID_SECRET_SHARE,
        /** Participants disagree about the group (different group keys or commitments). */
        INCONSISTENT_GROUP,
        /** The aggregate signature does not verify, yet no share is to blame (caller error). */
        INVALID_SIGNATURE
    }

    private final Fault fault;
    private final List<Identifier> culprits;

    public FrostException(Fault fault, String message) {
        this(fault, message, List.of());
    }

    public FrostException(Fault fault, String message, List<Identifier> culprits) {
        super(culprits.isEmpty() ? "frost: " + message
                : "frost: " + message + " (culprits: " + culprits.stream().map(Identifier::toString)
                        .collect(Collectors.joining(", ")) + ")");
        this.fault = fault;
        this.culprits = List.copyOf(culprits);
    }

    public Fault fault() {
        return fault;
    }

    /** The participants to blame, in identifier order; empty when nobody is. */
    public List<Identifier> culprits() {
        return culprits;
    }
}
