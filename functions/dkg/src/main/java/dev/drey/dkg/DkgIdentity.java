package dev.drey.dkg;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.security.SecureRandom;

/** A miner's nostr identity key as the DKG uses it: signing, NIP-44 and the at-rest key. Never printed. */
public final class DkgIdentity {
    private final byte[] secretKey;
    private final String pubkey;

    public DkgIdentity(byte[] nostrSecretKey) {
        if (nostrSecretKey == null || nostrSecretKey.length != 32) {
            throw new IllegalArgumentException("dkg identity: need a 32-byte nostr secret key");
        }
        this.secretKey = nostrSecretKey.clone();
        this.pubkey = Hex.encode(Schnorr.publicKey(nostrSecretKey));
    }

    /** The x-only public key, hex. */
    public String pubkey() {
        return pubkey;
    }

    Event sign(EventTemplate t, SecureRandom rng) {
        return t.sign(secretKey, rng);
    }

    byte[] conversationKey(String peerPubkey) {
        return Nip44.conversationKey(secretKey, Hex.decode(peerPubkey, 32));
    }

    SharedKeyDisclosure disclose(String peerPubkey, String runId, SecureRandom rng) {
        return SharedKeyDisclosure.prove(secretKey, peerPubkey, runId, rng);
    }

    AtRestCipher atRest() {
        return new AtRestCipher(secretKey);
    }

    @Override
    public String toString() {
        return "DkgIdentity[" + pubkey + "]";
    }
}
