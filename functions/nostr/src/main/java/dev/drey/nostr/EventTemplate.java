package dev.drey.nostr;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import java.security.SecureRandom;
import java.util.List;

/** An event before it is signed: everything the author chooses. */
public record EventTemplate(long createdAt, int kind, List<List<String>> tags, String content) {

    public EventTemplate {
        Event.checkCreatedAt(createdAt);
        Event.checkKind(kind);
        tags = Event.copyTags(tags);
        if (content == null) {
            throw new IllegalArgumentException("content must not be null");
        }
    }

    /** Signs with fresh BIP-340 auxiliary randomness. */
    public Event sign(byte[] secretKey, SecureRandom rng) {
        byte[] aux = new byte[32];
        rng.nextBytes(aux);
        return sign(secretKey, aux);
    }

    /** Signs with the given 32-byte auxiliary randomness (deterministic, for tests and vectors). */
    public Event sign(byte[] secretKey, byte[] auxRand) {
        String pubkey = Hex.encode(Schnorr.publicKey(secretKey));
        byte[] id = Event.computeId(pubkey, createdAt, kind, tags, content);
        byte[] sig = Schnorr.sign(secretKey, id, auxRand);
        return new Event(Hex.encode(id), pubkey, createdAt, kind, tags, content, Hex.encode(sig));
    }
}
