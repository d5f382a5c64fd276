package dev.drey.secrets;

/** The secrets a miner holds at rest, each a named entry of its key file. */
public enum SecretKind {
    /** The miner's nostr identity key (32-byte secp256k1 secret key). */
    IDENTITY_KEY("identity-key"),
    /** Its FROST signing share (32-byte scalar) of the federation's group key. */
    FROST_SHARE("frost-share"),
    /** Its share of the DTA master secret. */
    DTA_SHARE("dta-share");

    private final String entryName;

    SecretKind(String entryName) {
        this.entryName = entryName;
    }

    /** The entry's name in a key file. */
    public String entryName() {
        return entryName;
    }

    public static SecretKind fromEntryName(String name) {
        for (SecretKind k : values()) {
            if (k.entryName.equals(name)) {
                return k;
            }
        }
        throw new SecretStoreException("unknown secret entry '" + name + "' (known: identity-key, frost-share, dta-share)");
    }
}
