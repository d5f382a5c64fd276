package dev.drey.relay;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Nip19;
import java.security.SecureRandom;

/**
 * This miner's nostr identity as the relay uses it: to authenticate (NIP-42) to peer relays and
 * to the relays it publishes the outbox to. The secret never appears in {@link #toString()}.
 */
public final class MinerKey {
    private final byte[] secret;
    private final String pubkey;
    private final SecureRandom random = new SecureRandom();

    private MinerKey(byte[] secret) {
        Scalar.decodeNonZero(secret);
        this.secret = secret.clone();
        this.pubkey = Hex.encode(Schnorr.publicKey(this.secret));
    }

    public static MinerKey of(byte[] secret) {
        if (secret == null || secret.length != 32) {
            throw new IllegalArgumentException("a secret key is 32 bytes");
        }
        return new MinerKey(secret);
    }

    /** From 64 hex characters or an nsec; the error never repeats the value. */
    public static MinerKey parse(String text) {
        try {
            String t = text.strip();
            return new MinerKey(t.startsWith("nsec1") ? Nip19.decodeNsec(t) : Hex.decode(t, 32));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid secret key (64 hex characters or nsec1...)");
        }
    }

    public String pubkey() {
        return pubkey;
    }

    public Event sign(EventTemplate template) {
        return template.sign(secret, random);
    }

    @Override
    public String toString() {
        return "MinerKey[" + pubkey + ", secret redacted]";
    }
}
