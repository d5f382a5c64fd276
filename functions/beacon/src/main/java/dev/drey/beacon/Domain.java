package dev.drey.beacon;

/**
 * What a threshold BLS signature signs, each under its own hash-to-G1 domain separation tag, so a VRF output
 * can never be passed off as a beacon round (or the reverse).
 */
public enum Domain {
    /** drand's unchained G1 scheme: the message of round r is SHA-256(r as 8 bytes, big endian). */
    BEACON("BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"),
    /** The federation's threshold VRF on an arbitrary input. */
    VRF("DREY-VRF-V01-BLS12381G1_XMD:SHA-256_SSWU_RO_");

    private final String dst;

    Domain(String dst) {
        this.dst = dst;
    }

    /** The RFC 9380 domain separation tag of hash_to_G1 for this domain. */
    public String dst() {
        return dst;
    }
}
