package dev.drey.crypto.frost;

import dev.drey.crypto.Point;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The group's public data: every signer's verifying share, the group public key and the threshold. */
public record PublicKeyPackage(Map<Identifier, Point> verifyingShares, Point groupPublicKey, int minSigners) {
    public PublicKeyPackage {
        if (verifyingShares == null || groupPublicKey == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "public key package: missing field");
        }
        if (groupPublicKey.isInfinity()) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT, "public key package: identity group key");
        }
        if (minSigners < 1 || minSigners > verifyingShares.size()) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "public key package: threshold "
                    + minSigners + " not within 1.." + verifyingShares.size());
        }
        for (Map.Entry<Identifier, Point> e : verifyingShares.entrySet()) {
            if (e.getValue() == null || e.getValue().isInfinity()) {
                throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                        "public key package: identity verifying share", List.of(e.getKey()));
            }
        }
        verifyingShares = Collections.unmodifiableMap(new TreeMap<>(verifyingShares));
    }

    public Point verifyingShare(Identifier id) {
        Point p = verifyingShares.get(id);
        if (p == null) {
            throw new FrostException(FrostException.Fault.UNKNOWN_IDENTIFIER,
                    "not a member of the group", List.of(id));
        }
        return p;
    }

    public int maxSigners() {
        return verifyingShares.size();
    }
}
