package dev.drey.relay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.Event;
import dev.drey.relay.RateLimit;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RelayLimits;
import dev.drey.relay.RosterMember;
import dev.drey.relay.SessionContext;
import dev.drey.relay.TestKeys;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gateway's plain rules, without relays or Kafka. */
class GatewayRulesTest {
    private static final long NOW = 1_700_000_000L;

    @Test
    void nip11RateLimitIsTheStricterOfPerConnectionAndPerKey() {
        // As this project's relays publish it (RelayInformation).
        String doc = "{\"name\":\"r\",\"supported_nips\":[1,11,42,70],\"limitation\":{\"max_message_length\":"
                + "131072,\"auth_required\":true,\"rate_limits\":{\"per_connection\":{\"per_second\":20,\"burst\":300},"
                + "\"per_key\":{\"per_second\":7.5,\"burst\":1000}}}}";
        assertEquals(Optional.of(new RateLimit(7.5, 300)), Nip11RateLimit.fromDocument(doc));
        assertEquals(Optional.of(new RateLimit(3, 4)), Nip11RateLimit.fromDocument(
                "{\"x\":[1,{\"y\":2}],\"limitation\":{\"a\":{},\"rate_limits\":{\"per_key\":{\"burst\":4,\"per_second\":3}}}}"));
        for (String bad : List.of("", "[]", "{\"limitation\":{}}", "{\"limitation\":{\"rate_limits\":{\"per_connection\":"
                + "{\"per_second\":0,\"burst\":5}}}}", "{\"limitation\":{\"rate_limits\":{\"per_connection\":"
                + "{\"per_second\":5,\"burst\":0}}}}", "{\"limitation\":{\"rate_limits\":{\"per_connection\":"
                + "{\"per_second\":5,\"burst\":99999999999}}}}", "{\"limitation\":{\"rate_limits\":")) {
            assertEquals(Optional.empty(), Nip11RateLimit.fromDocument(bad), bad);
        }
    }

    @Test
    void theOutboxOnlySendsThisMinersVerifiedEventsToAllowedRelays() {
        Event mine = TestKeys.ALICE.sign(NOW, 3424, List.of(), "{\"v\":1}");
        Event foreign = TestKeys.MALLORY.sign(NOW, 3424, List.of(), "{\"v\":1}");
        Event tampered = new Event(mine.id(), mine.pubkey(), mine.createdAt(), mine.kind(), mine.tags(), "{\"v\":2}",
                mine.sig());
        assertEquals(Optional.empty(), OutboxAdmission.eventRefusal(mine, TestKeys.ALICE.pubkey()));
        assertTrue(OutboxAdmission.eventRefusal(foreign, TestKeys.ALICE.pubkey()).orElseThrow().startsWith("not-mine"));
        assertTrue(OutboxAdmission.eventRefusal(tampered, TestKeys.ALICE.pubkey()).orElseThrow().startsWith("not-mine"));
        Set<String> allowed = Set.of("wss://a.example", "ws://127.0.0.1:7000");
        assertEquals(Optional.empty(), OutboxAdmission.relayRefusal("ws://127.0.0.1:7000", allowed));
        assertTrue(OutboxAdmission.relayRefusal("ws://localhost:7000", allowed).isPresent());
        assertTrue(OutboxAdmission.relayRefusal("wss://a.example/other", allowed).isPresent());
    }

    @Test
    void pulledEventsPassTheAllowListAndTheProtocolWindow() {
        RelayConfig config = new RelayConfig("me", "", Optional.empty(), Optional.empty(),
                Set.of(TestKeys.CAROL.pubkey()), List.of(RosterMember.parse(TestKeys.BOB.pubkey())), Set.of(), true,
                RelayLimits.DEFAULT, "ws://127.0.0.1:7001");
        var admission = PeerPull.admission(config);
        SessionContext at = new SessionContext(Set.of(), NOW * 1000);
        assertEquals(Optional.empty(), admission.check(TestKeys.BOB.sign(NOW - 899, 3421, List.of(), "{}"), at));
        assertEquals(Optional.empty(), admission.check(TestKeys.CAROL.sign(NOW + 899, 3420, List.of(), "{}"), at));
        // Not on this relay's allow-list.
        assertEquals("blocked", admission.check(TestKeys.MALLORY.sign(NOW, 1, List.of(), "x"), at).orElseThrow()
                .prefix().label());
        // Protocol kinds: 15 minutes either way by default; other kinds keep the relay's own window.
        assertTrue(admission.check(TestKeys.BOB.sign(NOW - 901, 3421, List.of(), "{}"), at).isPresent());
        assertTrue(admission.check(TestKeys.BOB.sign(NOW + 901, 3421, List.of(), "{}"), at).isPresent());
        assertEquals(Optional.empty(), admission.check(TestKeys.BOB.sign(NOW - 86_400, 1, List.of(), "x"), at));
        // Gift wraps (a random author) and protected events are refused over peer pull.
        Event wrap = TestKeys.MALLORY.sign(NOW, 1059, List.of(List.of("p", TestKeys.ALICE.pubkey())), "sealed");
        assertEquals("auth-required", admission.check(wrap, at).orElseThrow().prefix().label());
        Event protectedNote = TestKeys.BOB.sign(NOW, 1, List.of(List.of("-")), "mine only");
        assertTrue(admission.check(protectedNote, at).isPresent());
    }

    @Test
    void deadLettersAreKeptCleanAndBounded() {
        try (GatewayState state = GatewayState.inMemory()) {
            String reason = "blocked: \u0000line\nbreak " + "x".repeat(1000);
            state.recordDeadLetter(new GatewayState.DeadLetter("aa", "ws://r", reason, NOW, 3));
            GatewayState.DeadLetter d = state.deadLetters().get(0);
            assertEquals("aa", d.eventId());
            assertEquals("ws://r", d.relayUrl());
            assertEquals(NOW, d.atSeconds());
            assertEquals(3, d.attempts());
            assertTrue(d.reason().startsWith("blocked:  line break x"), d.reason());
            assertTrue(d.reason().length() <= GatewayState.MAX_REASON_LENGTH + 3);
            assertFalse(d.reason().chars().anyMatch(Character::isISOControl));
        }
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> GatewaySettings.DEFAULT.withOutboxRelays(
                Set.of("https://not-a-relay.example")));
        RateLimit h = Destination.withHeadroom(new RateLimit(20, 10));
        assertEquals(18, h.perSecond(), 1e-9);
        assertEquals(9, h.burst());
        assertEquals(1, Destination.withHeadroom(new RateLimit(20, 1)).burst());
    }
}
