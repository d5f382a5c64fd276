package dev.drey.dkg;

import dev.drey.nostr.StrictContent;

/** Which key a DKG run generates; {@link #wireName()} is its spelling in the start request. */
public enum KeyType {
    /** The federation's secp256k1 group key, for FROST with the BIP-340 ciphersuite (printed as an npub). */
    FROST_BIP340("frost-bip340"),
    /** The DTA master secret over a pairing curve (G1 commitments only). */
    DTA("dta"),
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
                + "' (expected frost-bip340, dta or election-secp256k1)");
    }
}
