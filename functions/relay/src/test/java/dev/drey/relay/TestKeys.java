package dev.drey.relay;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Nip42;
import java.util.Arrays;
import java.util.List;

/** Test identities: alice, bob and carol are members (allow-list, roster, service key); mallory is not. */
public enum TestKeys {
    ALICE(0x10), BOB(0x20), CAROL(0x30), MALLORY(0x40);

    private final byte[] secret;
    private final String pubkey;

    TestKeys(int fill) {
        secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        secret[31] = 7;
        pubkey = Hex.encode(Schnorr.publicKey(secret));
    }

    public String pubkey() {
        return pubkey;
    }

    public String secretHex() {
        return Hex.encode(secret);
    }

    public Event sign(EventTemplate t) {
        return t.sign(secret, new byte[32]);
    }

    public Event sign(long createdAt, int kind, List<List<String>> tags, String content) {
        return sign(new EventTemplate(createdAt, kind, tags, content));
    }

    public Event auth(String relayUrl, String challenge, long createdAt) {
        return sign(Nip42.authTemplate(relayUrl, challenge, createdAt));
    }
}
