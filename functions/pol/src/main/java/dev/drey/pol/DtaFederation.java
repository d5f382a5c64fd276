package dev.drey.pol;

import dev.drey.crypto.pairing.DtaPublicKey;
import dev.drey.crypto.pairing.PairingCurve;
import java.util.Map;
import java.util.Optional;

/**
 * What the app and the PoL service know of the miners: the curve, the threshold, each miner's nostr key
 * and index, and the DTA public key (G1 commitments) from which each miner's public share s_i·P follows.
 */
public record DtaFederation(PairingCurve curve, int threshold, Map<String, Integer> minerIndices,
        DtaPublicKey publicKey) {
    public DtaFederation {
        minerIndices = Map.copyOf(minerIndices);
        if (threshold < 1 || threshold > minerIndices.size()) {
            throw new IllegalArgumentException("federation: need 1 <= threshold <= miners");
        }
        if (publicKey.threshold() != threshold) {
            throw new IllegalArgumentException("federation: public key has " + publicKey.threshold()
                    + " commitments for threshold " + threshold);
        }
    }

    public Optional<Integer> indexOf(String minerPubkey) {
        return Optional.ofNullable(minerIndices.get(minerPubkey));
    }
}
