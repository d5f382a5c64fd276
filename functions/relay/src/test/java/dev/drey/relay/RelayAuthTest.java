package dev.drey.relay;

import static dev.drey.relay.RelayFixture.NOW;
import static dev.drey.relay.RelayFixture.URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Nip42;
import dev.drey.nostr.RelayMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayAuthTest {
    private final RelayFixture relay = new RelayFixture();

    @AfterEach
    void close() {
        relay.close();
    }

    private static void assertRefused(RelayMessage.Ok ok, String message) {
        assertFalse(ok.accepted());
        assertEquals(message, ok.message());
    }

    @Test
    void everyConnectionGetsItsOwnChallengeFirst() {
        var a = relay.connect();
        var b = relay.connect();
        assertInstanceOf(RelayMessage.AuthChallenge.class, a.received.get(0));
        assertEquals(32, a.challenge().length());
        assertNotEquals(a.challenge(), b.challenge());
    }

    @Test
    void authenticatesMembers() {
        var c = relay.connect();
        assertEquals(Set.of(), c.session.authenticatedKeys());
        RelayMessage.Ok ok = c.authAs(TestKeys.BOB);
        assertTrue(ok.accepted(), ok.message());
        assertEquals(Set.of(TestKeys.BOB.pubkey()), c.session.authenticatedKeys());
    }

    @Test
    void severalKeysOnOneConnection() {
        var c = relay.connect();
        assertTrue(c.authAs(TestKeys.ALICE).accepted());
        assertTrue(c.authAs(TestKeys.CAROL).accepted());
        assertEquals(Set.of(TestKeys.ALICE.pubkey(), TestKeys.CAROL.pubkey()), c.session.authenticatedKeys());
    }

    @Test
    void wrongChallenge() {
        var c = relay.connect();
        var other = relay.connect();
        assertRefused(c.auth(TestKeys.ALICE.auth(URL, other.challenge(), NOW)), Nip42.Result.CHALLENGE_MISMATCH.message());
        assertEquals(Set.of(), c.session.authenticatedKeys());
    }

    @Test
    void wrongRelay() {
        var c = relay.connect();
        for (String url : List.of("ws://other.test:7447/", "wss://relay.test:7447/", "ws://relay.test:7448/",
                "ws://relay.test/", "ws://relay.test:7447/other")) {
            assertRefused(c.auth(TestKeys.ALICE.auth(url, c.challenge(), NOW)), Nip42.Result.RELAY_MISMATCH.message());
        }
        assertRefused(c.auth(TestKeys.ALICE.sign(NOW, Nip42.KIND, List.of(List.of("challenge", c.challenge())), "")),
                Nip42.Result.MISSING_RELAY.message());
        // Host case and a missing trailing slash do not matter.
        assertTrue(c.auth(TestKeys.ALICE.auth("ws://RELAY.test:7447", c.challenge(), NOW)).accepted());
    }

    @Test
    void wrongKind() {
        var c = relay.connect();
        var t = Nip42.authTemplate(URL, c.challenge(), NOW);
        assertRefused(c.auth(TestKeys.ALICE.sign(new EventTemplate(NOW, 1, t.tags(), ""))),
                Nip42.Result.WRONG_KIND.message());
    }

    @Test
    void staleOrFutureAuth() {
        var c = relay.connect();
        assertRefused(c.auth(TestKeys.ALICE.auth(URL, c.challenge(), NOW - 601)), Nip42.Result.STALE.message());
        assertRefused(c.auth(TestKeys.ALICE.auth(URL, c.challenge(), NOW + 601)), Nip42.Result.STALE.message());
        assertTrue(c.auth(TestKeys.ALICE.auth(URL, c.challenge(), NOW - 600)).accepted());
    }

    @Test
    void badSignatureOnAuth() {
        var c = relay.connect();
        var good = TestKeys.ALICE.auth(URL, c.challenge(), NOW);
        // Bob's key with Alice's signature, under the id those fields really hash to.
        String id = dev.drey.crypto.Hex.encode(dev.drey.nostr.Event.computeId(TestKeys.BOB.pubkey(), good.createdAt(),
                good.kind(), good.tags(), good.content()));
        var forged = new dev.drey.nostr.Event(id, TestKeys.BOB.pubkey(), good.createdAt(), good.kind(),
                good.tags(), good.content(), good.sig());
        assertRefused(c.auth(forged), Nip42.Result.BAD_SIGNATURE.message());
        assertEquals(Set.of(), c.session.authenticatedKeys());
    }

    @Test
    void nonMemberKeyIsRestricted() {
        var c = relay.connect();
        RelayMessage.Ok ok = c.authAs(TestKeys.MALLORY);
        assertFalse(ok.accepted());
        assertTrue(ok.message().startsWith("restricted: "), ok.message());
        assertEquals(Set.of(), c.session.authenticatedKeys());
    }

    @Test
    void theConfiguredPublicUrlIsTheOnlyOneAccepted() {
        RelayConfig base = RelayFixture.defaultConfig();
        RelayConfig proxied = new RelayConfig(base.name(), base.description(), base.operatorPubkey(), base.contact(),
                base.allowList(), base.roster(), base.serviceKeys(), true, base.limits(), "wss://relay.example.org");
        try (var r = new RelayFixture(proxied)) {
            var c = r.connect();
            assertEquals("wss://relay.example.org", c.session.authUrl());
            assertFalse(c.auth(TestKeys.ALICE.auth(URL, c.challenge(), NOW)).accepted());
            assertTrue(c.auth(TestKeys.ALICE.auth("wss://relay.example.org/", c.challenge(), NOW)).accepted());
        }
    }

    @Test
    void theRelayDoesNotStartWithoutAPublicUrl() {
        RelayConfig base = RelayFixture.defaultConfig();
        for (String url : java.util.Arrays.asList(null, "", " ", "https://relay.example.org", "relay.example.org",
                "ws://", "ws://user@relay.example.org/", "ws://relay.example.org/#x")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new RelayConfig(base.name(), base.description(), base.operatorPubkey(), base.contact(),
                            base.allowList(), base.roster(), base.serviceKeys(), true, base.limits(), url),
                    String.valueOf(url));
        }
    }

    @Test
    void aStrangersAuthIsRefusedBeforeItsSignatureIsChecked() {
        var c = relay.connect();
        var good = TestKeys.MALLORY.auth(URL, c.challenge(), NOW);
        var badSig = new dev.drey.nostr.Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(),
                good.content(), "00".repeat(64));
        RelayMessage.Ok ok = c.auth(badSig);
        assertTrue(ok.message().startsWith("restricted: "), ok.message());
    }
}
