package dev.drey.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drey.crypto.Hex;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSignVerifyTest {
    static final byte[] SK = Hex.decode("0000000000000000000000000000000000000000000000000000000000000003");
    private final NostrParser parser = new NostrParser();

    /** Produced by nostr-tools 2.25.2 finalizeEvent with secret key 0x..03 (random aux, so fixed here). */
    static final String NOSTR_TOOLS_SIGNED = "{\"created_at\":1700000123,\"kind\":1,\"tags\":[[\"t\",\"nostr\"]],"
            + "\"content\":\"hello \uD83D\uDE00\\n\\\"x\\\"\","
            + "\"pubkey\":\"f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9\","
            + "\"id\":\"7eda8439eb8950c8b3f8bc79cba8aafd5531b2e91f6e69acab72cfba0162bb85\","
            + "\"sig\":\"1ce4ca66b1153ebc4ea7a969e3d06691577671b92d7753bb38ea2dad5117f3e0"
            + "a53a3d50e69d83df15eaf5502efbd9b73c378e9ed78f33f6318e968b6683d976\"}";

    @Test
    void verifiesAnEventSignedByNostrTools() {
        Event e = parser.parseEvent(NOSTR_TOOLS_SIGNED);
        assertEquals(Verification.VALID, e.verify());
        assertEquals(e.id(), e.computedId());
    }

    @Test
    void signThenVerifyRoundTrip() {
        EventTemplate t = new EventTemplate(1700000000L, 1, List.of(List.of("p", EventCanonicalTest.PUBKEY)),
                "round \u2028 trip \uD800");
        Event e = t.sign(SK, new SecureRandom());
        assertEquals(EventCanonicalTest.PUBKEY, e.pubkey());
        assertEquals(Verification.VALID, e.verify());
        // and through JSON and back
        Event again = parser.parseEvent(e.toJson());
        assertEquals(e, again);
        assertEquals(Verification.VALID, again.verify());
    }

    @Test
    void deterministicWithFixedAux() {
        EventTemplate t = new EventTemplate(1, 1, List.of(), "x");
        byte[] aux = new byte[32];
        assertEquals(t.sign(SK, aux), t.sign(SK, aux));
    }

    @Test
    void tamperedContentIsBadId() {
        Event e = parser.parseEvent(NOSTR_TOOLS_SIGNED);
        Event tampered = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content() + " ", e.sig());
        assertEquals(Verification.BAD_ID, tampered.verify());
        Event retimed = new Event(e.id(), e.pubkey(), e.createdAt() + 1, e.kind(), e.tags(), e.content(), e.sig());
        assertEquals(Verification.BAD_ID, retimed.verify());
        Event retagged = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), List.of(), e.content(), e.sig());
        assertEquals(Verification.BAD_ID, retagged.verify());
    }

    @Test
    void tamperedSignatureIsBadSignature() {
        Event e = parser.parseEvent(NOSTR_TOOLS_SIGNED);
        char[] sig = e.sig().toCharArray();
        sig[100] = sig[100] == '0' ? '1' : '0';
        Event bad = new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), new String(sig));
        assertEquals(Verification.BAD_SIGNATURE, bad.verify());
    }

    @Test
    void idRecomputedWithOtherPubkeyStillCaughtBySignature() {
        // An attacker re-attributing the event recomputes the id; the signature then fails.
        Event e = parser.parseEvent(NOSTR_TOOLS_SIGNED);
        String other = Hex.encode(dev.drey.crypto.Schnorr.publicKey(
                Hex.decode("0000000000000000000000000000000000000000000000000000000000000005")));
        String id = Hex.encode(Event.computeId(other, e.createdAt(), e.kind(), e.tags(), e.content()));
        Event forged = new Event(id, other, e.createdAt(), e.kind(), e.tags(), e.content(), e.sig());
        assertEquals(Verification.BAD_SIGNATURE, forged.verify());
    }

    @Test
    void constructorRefusesMalformedFields() {
        Event e = parser.parseEvent(NOSTR_TOOLS_SIGNED);
        assertThrows(IllegalArgumentException.class,
                () -> new Event(e.id().toUpperCase(), e.pubkey(), 1, 1, List.of(), "", e.sig()));
        assertThrows(IllegalArgumentException.class,
                () -> new Event(e.id(), e.pubkey(), -1, 1, List.of(), "", e.sig()));
        assertThrows(IllegalArgumentException.class,
                () -> new Event(e.id(), e.pubkey(), 1, 65536, List.of(), "", e.sig()));
        assertThrows(IllegalArgumentException.class,
                () -> new Event(e.id(), e.pubkey(), 1, 1, List.of(), null, e.sig()));
        assertThrows(IllegalArgumentException.class,
                () -> new Event(e.id(), e.pubkey(), 1, 1, java.util.Arrays.asList(List.of("a"), null), "", e.sig()));
    }
}
