package dev.drey.crypto.frost;

import java.util.List;

/** FROST round 2 (RFC 9591 section 5.2): a signer's signature share. */
public final class Round2 {
    private Round2() {
    }

    public static SignatureShare sign(Ciphersuite cs, SigningPackage pkg, SigningNonces nonces, KeyPackage key) {
        return sign(new SigningSession(cs, pkg, key.groupPublicKey()), nonces, key);
    }

    /** Signs within a session already computed (the coordinator or a test may share it). */
    public static SignatureShare sign(SigningSession session, SigningNonces nonces, KeyPackage key) {
        Identifier id = key.identifier();
        if (!nonces.identifier().equals(id)) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER,
                    "nonces belong to signer " + nonces.identifier() + ", not to " + id);
        }
        if (!session.groupKey().equals(key.groupPublicKey())) {
            throw new FrostException(FrostException.Fault.INCONSISTENT_GROUP,
                    "signing session is for another group key");
        }
        SigningPackage pkg = session.signingPackage();
        if (pkg.commitments().size() < key.minSigners()) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "signing package has "
                    + pkg.commitments().size() + " signers, the threshold is " + key.minSigners());
        }
        SigningCommitments mine = pkg.commitmentsOf(id);
        if (mine == null) {
            throw new FrostException(FrostException.Fault.UNKNOWN_IDENTIFIER,
                    "signer is not in the signing package", List.of(id));
        }
        // A coordinator that swapped our commitments would get a share for nonces we never committed to.
        if (!mine.equals(nonces.commitments())) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                    "signing package carries commitments that are not this signer's", List.of(id));
        }
        return new SignatureShare(id, session.signatureShare(id, nonces.hiding(), nonces.binding(),
                key.signingShare()));
    }
}
