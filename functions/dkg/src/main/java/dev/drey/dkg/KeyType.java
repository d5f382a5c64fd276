package dev.drey.dkg;

import dev.drey.nostr.StrictContent;

/** Which key a DKG run generates; {@link #wireName()} is its spelling in the start request. */
public enum KeyType {
    /** The federation's secp256k1 group key, for FROST with the BIP-340 ciphersuite (printed as an npub). */
    FROST_BIP340("frost-bip340"),
    /** The DTA master secret over a pairing curve (G1 commitments only). */
    DTA("dta"),
    /**
     * The randomness beacon's key on BLS12-381 (drand's {@code bls-unchained-g1-rfc9380}): Feldman commitments
     * in G1 plus the constant term's image in G2, so the group key lies in G2 while verification shares stay in
     * G1. Never the DTA secret (whose multiples stay out of G2) nor the FROST key: its own run.
     */
    BEACON_BLS12381("beacon-bls12381"),
    /**
     * The threshold ElGamal election key on secp256k1 (actuary voting): the same Feldman mathematics as the FROST
     * key, but its own run, bound to its own type, and never used to sign.
     */
    ELECTION_SECP256K1("election-secp256k1");

    private final String wireName;

    KeyType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static KeyType fromWire(String name) {
        for (KeyType k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        throw new DkgMessageException("content: unknown key type '" + StrictContent.clip(name)
                + "' (expected frost-bip340, dta, beacon-bls12381 or election-secp256k1)");
    }
}
