package dev.drey.dkg;

import dev.drey.crypto.Hex;

/** One roster entry: a miner's DKG identifier (1, 2, ...) and its nostr identity key (x-only hex). Public. */
public record Participant(int id, String pubkey) {
    /** Identifiers are small so both the FROST identifier and the pairing share index can be this number. */
    public static final int MAX_ID = 10_000;

    public Participant {
        if (id < 1 || id > MAX_ID) {
            throw new DkgMessageException("participant id must be in 1.." + MAX_ID + ", got " + id);
        }
        if (!Hex.isLowerHex(pubkey, 32)) {
            throw new DkgMessageException("participant pubkey must be 64 lowercase hex characters");
        }
    }
}
