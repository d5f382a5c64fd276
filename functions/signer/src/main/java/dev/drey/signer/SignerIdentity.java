package dev.drey.signer;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.KeyPackage;

/**
 * One miner's signing material: its FROST key package (BIP-340 variant) and its nostr identity key.
 * Never printed: {@link #toString()} names only public parts.
 */
public final class SignerIdentity {
    private final KeyPackage key;
    private final byte[] nostrSecretKey;
    private final String pubkey;

    public SignerIdentity(KeyPackage key, byte[] nostrSecretKey) {
        if (key == null || nostrSecretKey == null || nostrSecretKey.length != 32) {
            throw new IllegalArgumentException("signer identity: need a key package and a 32-byte nostr key");
        }
        this.key = key;
        this.nostrSecretKey = nostrSecretKey.clone();
        this.pubkey = Hex.encode(Schnorr.publicKey(nostrSecretKey));
    }

    public KeyPackage key() {
        return key;
    }

    byte[] nostrSecretKey() {
        return nostrSecretKey.clone();
    }

    /** The nostr public key (x-only hex) the signer's events are signed with. */
    public String pubkey() {
        return pubkey;
    }

    @Override
    public String toString() {
        return "SignerIdentity[" + key.identifier() + ", " + pubkey + "]";
    }
}
