package dev.drey.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Nip42Test {
    static final String RELAY = "wss://relay.example.com/nostr";
    static final String CHALLENGE = "c-4f1a";
    static final long NOW = 1_700_000_000L;
    private final byte[] sk = FilterTest.SK1;

    private Event auth(String relay, String challenge, long createdAt) {
        return Nip42.authTemplate(relay, challenge, createdAt).sign(sk, new byte[32]);
    }

    private Event signed(int kind, List<List<String>> tags, long createdAt) {
        return new EventTemplate(createdAt, kind, tags, "").sign(sk, new byte[32]);
    }

    @Test
    void buildsTheAuthEvent() {
        Event e = auth(RELAY, CHALLENGE, NOW);
        assertEquals(22242, e.kind());
        assertEquals(List.of(List.of("relay", RELAY), List.of("challenge", CHALLENGE)), e.tags());
        assertEquals("", e.content());
        assertEquals(Verification.VALID, e.verify());
        assertEquals(Nip42.Result.OK, Nip42.validate(e, CHALLENGE, RELAY, NOW));
        assertTrue(Nip42.validate(e, CHALLENGE, RELAY, NOW).isOk());
    }

    @Test
    void timeWindowIsTenMinutesEitherWay() {
        assertEquals(Nip42.Result.OK, Nip42.validate(auth(RELAY, CHALLENGE, NOW - 600), CHALLENGE, RELAY, NOW));
        assertEquals(Nip42.Result.OK, Nip42.validate(auth(RELAY, CHALLENGE, NOW + 600), CHALLENGE, RELAY, NOW));
        assertEquals(Nip42.Result.STALE, Nip42.validate(auth(RELAY, CHALLENGE, NOW - 601), CHALLENGE, RELAY, NOW));
        assertEquals(Nip42.Result.STALE, Nip42.validate(auth(RELAY, CHALLENGE, NOW + 601), CHALLENGE, RELAY, NOW));
    }

    @Test
    void relayUrlTolerance() {
        for (String ok : List.of(RELAY + "/", "WSS://Relay.Example.COM/nostr", "wss://relay.example.com:443/nostr")) {
            assertEquals(Nip42.Result.OK, Nip42.validate(auth(ok, CHALLENGE, NOW), CHALLENGE, RELAY, NOW), ok);
        }
        assertEquals(Nip42.Result.OK,
                Nip42.validate(auth("wss://relay.example.com", CHALLENGE, NOW), CHALLENGE, "wss://relay.example.com/", NOW));
        for (String bad : List.of("wss://relay.example.com/Nostr", "ws://relay.example.com/nostr",
                "wss://relay.example.com:444/nostr", "wss://other.example.com/nostr", "wss://relay.example.com",
                "relay.example.com/nostr", "not a url", "")) {
            assertEquals(Nip42.Result.RELAY_MISMATCH, Nip42.validate(auth(bad, CHALLENGE, NOW), CHALLENGE, RELAY, NOW), bad);
        }
    }

    @Test
    void eachFailure() {
        assertEquals(Nip42.Result.WRONG_KIND, Nip42.validate(
                signed(1, List.of(List.of("relay", RELAY), List.of("challenge", CHALLENGE)), NOW), CHALLENGE, RELAY, NOW));
        assertEquals(Nip42.Result.MISSING_CHALLENGE, Nip42.validate(
                signed(22242, List.of(List.of("relay", RELAY)), NOW), CHALLENGE, RELAY, NOW));
        assertEquals(Nip42.Result.CHALLENGE_MISMATCH, Nip42.validate(auth(RELAY, "other", NOW), CHALLENGE, RELAY, NOW));
        assertEquals(Nip42.Result.MISSING_RELAY, Nip42.validate(
                signed(22242, List.of(List.of("challenge", CHALLENGE)), NOW), CHALLENGE, RELAY, NOW));
        Event good = auth(RELAY, CHALLENGE, NOW);
        Event badId = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(), "x", good.sig());
        assertEquals(Nip42.Result.BAD_ID, Nip42.validate(badId, CHALLENGE, RELAY, NOW));
        String otherSig = auth(RELAY, CHALLENGE, NOW + 1).sig();
        Event badSig = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(), good.content(), otherSig);
        assertEquals(Nip42.Result.BAD_SIGNATURE, Nip42.validate(badSig, CHALLENGE, RELAY, NOW));
        assertFalse(Nip42.Result.BAD_SIGNATURE.isOk());
        assertTrue(Nip42.Result.STALE.message().startsWith("invalid: "));
    }
}
