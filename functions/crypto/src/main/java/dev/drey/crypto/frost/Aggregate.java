package dev.drey.crypto.frost;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FROST aggregation (RFC 9591 section 5.3) with identifiable abort: the aggregate signature is
 * verified first (cheap); only if it fails is every share checked, and all culprits are named.
 */
public final class Aggregate {
    private Aggregate() {
    }

    public static byte[] aggregate(Ciphersuite cs, SigningPackage pkg, Collection<SignatureShare> shares,
            PublicKeyPackage pub) {
        return aggregate(new SigningSession(cs, pkg, pub.groupPublicKey()), shares, pub);
    }

    public static byte[] aggregate(SigningSession session, Collection<SignatureShare> shares, PublicKeyPackage pub) {
        if (!session.groupKey().equals(pub.groupPublicKey())) {
            throw new FrostException(FrostException.Fault.INCONSISTENT_GROUP,
                    "signing session is for another group key");
        }
        List<Identifier> signers = session.signers();
        if (signers.size() < pub.minSigners()) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "signing package has "
                    + signers.size() + " signers, the threshold is " + pub.minSigners());
        }
        List<Identifier> unknown = new ArrayList<>();
        for (Identifier id : signers) {
            if (!pub.verifyingShares().containsKey(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new FrostException(FrostException.Fault.UNKNOWN_IDENTIFIER,
                    "signers not in the group", unknown);
        }
        Map<Identifier, SignatureShare> byId = new TreeMap<>();
        List<Identifier> dupOrStray = new ArrayList<>();
        for (SignatureShare s : shares) {
            if (byId.put(s.identifier(), s) != null || session.signingPackage().commitmentsOf(s.identifier()) == null) {
                dupOrStray.add(s.identifier());
            }
        }
        if (!dupOrStray.isEmpty()) {
            throw new FrostException(FrostException.Fault.UNKNOWN_IDENTIFIER,
                    "duplicate shares or shares from non-signers", dupOrStray);
        }
        List<Identifier> missing = new ArrayList<>();
        for (Identifier id : signers) {
            if (!byId.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "signature shares missing", missing);
        }
        Scalar z = Scalar.ZERO;
        for (SignatureShare s : byId.values()) {
            z = z.add(s.share());
        }
        byte[] sig = session.signature(z);
        if (session.suite().verify(pub.groupPublicKey(), session.signingPackage().message(), sig)) {
            return sig;
        }
        List<Identifier> culprits = culprits(session, byId, pub);
        if (culprits.isEmpty()) {
            throw new FrostException(FrostException.Fault.INVALID_SIGNATURE,
                    "aggregate signature does not verify although every share does");
        }
        throw new FrostException(FrostException.Fault.INVALID_SIGNATURE_SHARE, "invalid signature shares", culprits);
    }

    /** Verifies every share (Lagrange coefficients with one batch inversion) and returns the bad ones. */
    static List<Identifier> culprits(SigningSession session, Map<Identifier, SignatureShare> byId,
            PublicKeyPackage pub) {
        List<Identifier> signers = session.signers();
        List<Scalar> lambdas = Lagrange.allAt(signers, Scalar.ZERO);
        List<Identifier> bad = new ArrayList<>();
        for (int k = 0; k < signers.size(); k++) {
            Identifier id = signers.get(k);
            Point y = pub.verifyingShare(id);
            if (!session.verifyShare(byId.get(id), y, lambdas.get(k))) {
                bad.add(id);
            }
        }
        return bad;
    }
}
