package dev.drey.crypto.bls;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;

/**
 * Checks beacons of one {@code bls-unchained-g1-rfc9380} chain (ours or drand's): the round is at least 1,
 * the signature is a canonical G1 point other than the identity, it verifies for the round under the chain's
 * public key (one pairing-product check, the key's Miller-loop lines computed once here), and the randomness
 * is SHA-256 of the signature. A failure names the check that failed.
 */
public final class BeaconVerifier {
    private final ChainInfo chain;
    private final Bls12381.PreparedG2 publicKey;

    public BeaconVerifier(ChainInfo chain) {
        this.chain = chain;
        this.publicKey = new Bls12381.PreparedG2(chain.publicKey());
    }

    public ChainInfo chain() {
        return chain;
    }

    /** The outcome: valid, or the first check that failed. */
    public record Verdict(boolean valid, String reason) {
        static final Verdict VALID = new Verdict(true, null);

        static Verdict invalid(String reason) {
            return new Verdict(false, reason);
        }
    }

    public Verdict verify(Beacon beacon) {
        if (beacon.round() < 1) {
            return Verdict.invalid("round: must be at least 1");
        }
        G1Point sig;
        try {
            sig = G1Point.fromBytesNonIdentity(beacon.signature(), "signature");
        } catch (BlsException e) {
            return Verdict.invalid(e.getMessage());
        }
        if (!Bls12381.verifyPairing(sig, BeaconScheme.roundPoint(beacon.round()), publicKey)) {
            return Verdict.invalid("signature: does not verify for round " + beacon.round()
                    + " under the chain's public key (chain " + Hex.encode(chain.hash()) + ")");
        }
        if (!Bytes.constantTimeEquals(beacon.randomness(), Bytes.sha256(beacon.signature()))) {
            return Verdict.invalid("randomness: not SHA-256 of the signature");
        }
        return Verdict.VALID;
    }
}
