package dev.drey.beacon;

import dev.drey.crypto.bls.BeaconScheme;
import dev.drey.crypto.bls.ThresholdVrf;

/**
 * What a threshold BLS signature signs, each under its own hash-to-G1 domain separation tag, so a VRF output
 * can never be passed off as a beacon round (or the reverse).
 */
public enum Domain {
    /** drand's unchained G1 scheme: the message of round r is SHA-256(r as 8 bytes, big endian). */
    BEACON(BeaconScheme.DST_STRING),
    /** The federation's threshold VRF on an arbitrary input. */
    VRF(ThresholdVrf.DST_STRING);

    private final String dst;

    Domain(String dst) {
        this.dst = dst;
    }

    /** The RFC 9380 domain separation tag of hash_to_G1 for this domain. */
    public String dst() {
        return dst;
    }
}
