package dev.drey.pol.protocol;

import dev.drey.crypto.pairing.DtaShares;

/**
 * The plaintext of a share response (3431, 3433, 3441) before NIP-44 encryption: which request, which
 * kind of share, the miner index, the curve, the identity hash (null for server shares), the date (0
 * unless a permit), the share point and its DLEQ proof (c, z).
 */
public record SharePayload(String requestId, DtaShares.Kind shareKind, int minerIndex, String curve,
        String identityHash, int date, String share, String proofC, String proofZ) {

    @Override
    public String toString() {
        return "SharePayload[requestId=" + requestId + ", kind=" + shareKind + ", miner=" + minerIndex
                + ", share=<secret>]";
    }
}
