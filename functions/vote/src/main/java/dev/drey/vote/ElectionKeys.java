package dev.drey.vote;

import dev.drey.crypto.Point;
import dev.drey.crypto.election.ElectionKey;
import dev.drey.crypto.frost.Identifier;
import dev.drey.dkg.DkgResult;
import java.util.Map;
import java.util.TreeMap;

/** The public election key (K, t, every K_i by trustee index) of an election-key DKG result. */
public final class ElectionKeys {
    private ElectionKeys() {
    }

    public static ElectionKey of(DkgResult.Election r) {
        Map<Integer, Point> shares = new TreeMap<>();
        for (Map.Entry<Identifier, Point> e : r.publicKeyPackage().verifyingShares().entrySet()) {
            shares.put(e.getKey().value().toBigInteger().intValueExact(), e.getValue());
        }
        return new ElectionKey(r.publicKeyPackage().groupPublicKey(), r.publicKeyPackage().minSigners(), shares);
    }
}
