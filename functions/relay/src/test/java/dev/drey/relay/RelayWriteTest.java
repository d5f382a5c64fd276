package dev.drey.relay;

import static dev.drey.relay.RelayFixture.NOW;
import static dev.drey.relay.RelayFixture.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayWriteTest {
    private final RelayFixture relay = new RelayFixture();

    @AfterEach
    void close() {
        relay.close();
    }

    private static void assertRefused(RelayMessage.Ok ok, String prefix) {
        assertFalse(ok.accepted(), ok.toString());
        assertTrue(ok.message().startsWith(prefix + ": "), "expected prefix " + prefix + " in " + ok.message());
    }

    @Test
    void membersWriteWithoutAuthAndTheEventIsLogged() {
        var c = relay.connect();
        for (TestKeys member : List.of(TestKeys.ALICE, TestKeys.BOB, TestKeys.CAROL)) {
            Event e = note(member, NOW, "hello from " + member);
            RelayMessage.Ok ok = c.publish(e);
            assertEquals(new RelayMessage.Ok(e.id(), true, ""), ok);
            assertTrue(relay.log.records().contains(e));
            assertTrue(relay.index.contains(e.id()));
        }
    }

    @Test
    void nonMemberIsBlocked() {
        Event e = note(TestKeys.MALLORY, NOW, "let me in");
        RelayMessage.Ok ok = relay.connect().publish(e);
        assertRefused(ok, "blocked");
        assertEquals(e.id(), ok.eventId());
        assertTrue(relay.log.records().isEmpty());
    }

    @Test
    void badIdAndBadSignatureAreInvalid() {
        Event good = note(TestKeys.ALICE, NOW, "original");
        Event badId = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(), "tampered", good.sig());
        char[] sig = good.sig().toCharArray();
        sig[10] = sig[10] == '0' ? '1' : '0';
        Event badSig = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(), good.content(),
                new String(sig));
        var c = relay.connect();
        RelayMessage.Ok ok1 = c.publish(badId);
        assertRefused(ok1, "invalid");
        assertTrue(ok1.message().contains("id"), ok1.message());
        RelayMessage.Ok ok2 = c.publish(badSig);
        assertRefused(ok2, "invalid");
        assertTrue(ok2.message().contains("signature"), ok2.message());
        assertTrue(relay.log.records().isEmpty());
    }

    @Test
    void duplicatesAreAcknowledgedOnceLogged() {
        var c = relay.connect();
        Event e = note(TestKeys.ALICE, NOW, "once");
        assertTrue(c.publish(e).accepted());
        RelayMessage.Ok again = relay.connect().publish(e);
        assertTrue(again.accepted());
        assertTrue(again.message().startsWith("duplicate: "), again.message());
        assertEquals(1, relay.log.records().size());
    }

    @Test
    void tagAndContentLimits() {
        RelayLimits d = RelayLimits.DEFAULT;
        RelayLimits small = new RelayLimits(d.maxMessageBytes(), 3, 10, d.maxSubscriptions(), d.maxFilters(),
                d.maxLimit(), d.defaultLimit(), d.createdAtPastSeconds(), d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(),
                d.protocolCreatedAtFutureSeconds(),
                d.perConnection(), d.perKey(), d.catchUpTimeoutMillis());
        try (var r = new RelayFixture(RelayFixture.defaultConfig().withLimits(small))) {
            var c = r.connect();
            List<List<String>> four = List.of(List.of("t", "a"), List.of("t", "b"), List.of("t", "c"), List.of("t", "d"));
            assertRefused(c.publish(TestKeys.ALICE.sign(NOW, 1, four, "")), "invalid");
            assertTrue(c.publish(TestKeys.ALICE.sign(NOW, 1, four.subList(0, 3), "")).accepted());
            // Ten emoji are 20 UTF-16 units but ten characters: the limit counts characters.
            assertTrue(c.publish(note(TestKeys.ALICE, NOW, "😀".repeat(10))).accepted());
            assertRefused(c.publish(note(TestKeys.ALICE, NOW, "x".repeat(11))), "invalid");
        }
    }

    @Test
    void createdAtWindow() {
        var c = relay.connect();
        long past = RelayLimits.DEFAULT.createdAtPastSeconds();
        long future = RelayLimits.DEFAULT.createdAtFutureSeconds();
        assertTrue(c.publish(note(TestKeys.ALICE, NOW - past, "oldest allowed")).accepted());
        assertRefused(c.publish(note(TestKeys.ALICE, NOW - past - 1, "too old")), "invalid");
        assertTrue(c.publish(note(TestKeys.ALICE, NOW + future, "newest allowed")).accepted());
        RelayMessage.Ok ok = c.publish(note(TestKeys.ALICE, NOW + future + 1, "too new"));
        assertRefused(ok, "invalid");
        assertTrue(ok.message().contains("future"), ok.message());
    }

    @Test
    void protocolKindsHaveAFifteenMinuteWindow() {
        var c = relay.connect();
        assertEquals(900, RelayLimits.DEFAULT.protocolCreatedAtPastSeconds());
        assertEquals(900, RelayLimits.DEFAULT.protocolCreatedAtFutureSeconds());
        // A federation message from an hour ago (a captured one replayed) is refused...
        RelayMessage.Ok stale = c.publish(TestKeys.ALICE.sign(NOW - 3600, 3450, List.of(), "old protocol message"));
        assertRefused(stale, "invalid");
        assertTrue(stale.message().contains("protocol"), stale.message());
        assertRefused(c.publish(TestKeys.ALICE.sign(NOW - 901, 3400, List.of(), "just too old")), "invalid");
        assertRefused(c.publish(TestKeys.ALICE.sign(NOW + 901, 3499, List.of(), "just too new")), "invalid");
        assertTrue(c.publish(TestKeys.ALICE.sign(NOW - 900, 3499, List.of(), "oldest allowed")).accepted());
        assertTrue(c.publish(TestKeys.ALICE.sign(NOW + 900, 3400, List.of(), "newest allowed")).accepted());
        // ...while the same age is fine for an ordinary note, and kinds next to the range are ordinary.
        assertTrue(c.publish(TestKeys.ALICE.sign(NOW - 3600, 3500, List.of(), "not a protocol kind")).accepted());
        assertTrue(c.publish(note(TestKeys.ALICE, NOW - 3600, "an hour-old note")).accepted());
    }

    @Test
    void authEventsAreNotPublishable() {
        var c = relay.connect();
        assertRefused(c.publish(TestKeys.ALICE.auth(RelayFixture.URL, c.challenge(), NOW)), "invalid");
    }

    @Test
    void logFailureIsAnErrorAndNothingIsAcknowledged() {
        var c = relay.connect();
        Event e = note(TestKeys.ALICE, NOW, "during an outage");
        relay.log.setAvailable(false);
        RelayMessage.Ok ok = c.publish(e);
        assertRefused(ok, "error");
        assertFalse(relay.index.contains(e.id()));
        relay.log.setAvailable(true);
        // Re-sending after a refusal is safe and stores the event once.
        assertEquals(new RelayMessage.Ok(e.id(), true, ""), c.publish(e));
        assertEquals(List.of(e), relay.log.records());
    }

    @Test
    void protectedEventsOnlyFromTheirAuthenticatedAuthor() {
        Event p = TestKeys.ALICE.sign(NOW, 1, List.of(List.of("-")), "protected");
        var anon = relay.connect();
        assertRefused(anon.publish(p), "auth-required");
        var asBob = relay.connect();
        assertTrue(asBob.authAs(TestKeys.BOB).accepted());
        assertRefused(asBob.publish(p), "restricted");
        var asAlice = relay.connect();
        assertTrue(asAlice.authAs(TestKeys.ALICE).accepted());
        assertTrue(asAlice.publish(p).accepted());
        assertEquals(List.of(p), relay.log.records());
    }

    @Test
    void giftWrapsOnlyFromAnAuthenticatedMemberAndWithARecipient() {
        // Gift wraps are signed by a throwaway key that is on no list (here mallory's).
        Event wrap = TestKeys.MALLORY.sign(NOW, 1059, List.of(List.of("p", TestKeys.BOB.pubkey())), "sealed");
        var anon = relay.connect();
        assertRefused(anon.publish(wrap), "auth-required");
        var alice = relay.connect();
        alice.authAs(TestKeys.ALICE);
        assertTrue(alice.publish(wrap).accepted());
        Event noRecipient = TestKeys.MALLORY.sign(NOW, 1059, List.of(), "sealed");
        assertRefused(alice.publish(noRecipient), "invalid");
    }

    @Test
    void perConnectionRateLimit() {
        RelayLimits d = RelayLimits.DEFAULT;
        RelayLimits slow = new RelayLimits(d.maxMessageBytes(), d.maxEventTags(), d.maxContentLength(),
                d.maxSubscriptions(), d.maxFilters(), d.maxLimit(), d.defaultLimit(), d.createdAtPastSeconds(),
                d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(),
                d.protocolCreatedAtFutureSeconds(), new RateLimit(1, 3), d.perKey(), d.catchUpTimeoutMillis());
        try (var r = new RelayFixture(RelayFixture.defaultConfig().withLimits(slow))) {
            var c = r.connect();
            for (int i = 0; i < 3; i++) {
                assertTrue(c.publish(note(TestKeys.ALICE, NOW, "burst " + i)).accepted());
            }
            assertRefused(c.publish(note(TestKeys.ALICE, NOW, "one too many")), "rate-limited");
            List<RelayMessage> closed = c.req("s", Filter.ALL);
            assertEquals(1, closed.size());
            assertTrue(((RelayMessage.Closed) closed.get(0)).message().startsWith("rate-limited: "));
            // Another connection has its own bucket; a second later this one has a token again.
            assertTrue(r.connect().publish(note(TestKeys.BOB, NOW, "other connection")).accepted());
            c.now += 1000;
            assertTrue(c.publish(note(TestKeys.ALICE, NOW, "after a second")).accepted());
        }
    }

    @Test
    void perKeyRateLimitSpansConnections() {
        RelayLimits d = RelayLimits.DEFAULT;
        RelayLimits slow = new RelayLimits(d.maxMessageBytes(), d.maxEventTags(), d.maxContentLength(),
                d.maxSubscriptions(), d.maxFilters(), d.maxLimit(), d.defaultLimit(), d.createdAtPastSeconds(),
                d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(),
                d.protocolCreatedAtFutureSeconds(), d.perConnection(), new RateLimit(1, 2), d.catchUpTimeoutMillis());
        try (var r = new RelayFixture(RelayFixture.defaultConfig().withLimits(slow))) {
            assertTrue(r.connect().publish(note(TestKeys.ALICE, NOW, "a1")).accepted());
            assertTrue(r.connect().publish(note(TestKeys.ALICE, NOW, "a2")).accepted());
            assertRefused(r.connect().publish(note(TestKeys.ALICE, NOW, "a3")), "rate-limited");
            assertTrue(r.connect().publish(note(TestKeys.BOB, NOW, "b1")).accepted());
            // A forged event naming alice is refused as invalid before it can touch her bucket.
            Event good = note(TestKeys.BOB, NOW, "b2");
            Event forged = new Event(good.id(), TestKeys.ALICE.pubkey(), good.createdAt(), 1, List.of(), "b2", good.sig());
            assertRefused(r.connect().publish(forged), "invalid");
        }
    }

    @Test
    void everyMalformedMessageGetsAnAnswer() {
        var c = relay.connect();
        Event e = note(TestKeys.ALICE, NOW, "x");
        String id = e.id();
        List<String> notices = List.of("not json", "{}", "[]", "[1]", "[\"NOPE\"]", "[\"EVENT\"]", "[\"EVENT\",1]",
                "[\"CLOSE\"]", "[\"CLOSE\",1]", "[\"REQ\"]", "[\"REQ\",\"\"]", "[\"AUTH\"]", "\"EVENT\"", "",
                "[\"EVENT\",{\"id\":\"ABC\"}]");
        for (String frame : notices) {
            List<RelayMessage> out = c.sendRaw(frame);
            assertEquals(1, out.size(), frame);
            RelayMessage.Notice n = assertInstanceOf(RelayMessage.Notice.class, out.get(0), frame);
            assertTrue(n.message().startsWith("invalid: "), n.message());
        }
        // An EVENT whose id is readable is answered with OK false, even if the rest is broken.
        String json = e.toJson();
        List<String> badEvents = List.of(
                "[\"EVENT\"," + json.replace("\"kind\":1", "\"kind\":1.5") + "]",
                "[\"EVENT\"," + json.replace("\"kind\":1", "\"kind\":-1") + "]",
                "[\"EVENT\"," + json.replace("\"content\":\"x\"", "\"content\":7") + "]",
                "[\"EVENT\"," + json.replace("\"tags\":[]", "\"tags\":[[1]]") + "]",
                "[\"EVENT\"," + json.replace("}", ",\"extra\":1}") + "]",
                "[\"EVENT\"," + json + ",1]",
                "[\"EVENT\",{\"id\":\"" + id + "\"} trailing",
                "[\"AUTH\"," + json.replace("\"sig\":\"", "\"sig\":\"zz") + "]");
        for (String frame : badEvents) {
            RelayMessage.Ok ok = RelayFixture.onlyOk(c.sendRaw(frame));
            assertEquals(id, ok.eventId());
            assertRefused(ok, "invalid");
        }
        // A REQ whose subscription id is readable gets CLOSED.
        for (String frame : List.of("[\"REQ\",\"s1\"]", "[\"REQ\",\"s1\",{\"kinds\":[\"x\"]}]",
                "[\"REQ\",\"s1\",{\"unknown\":1}]", "[\"REQ\",\"s1\",{\"ids\":[\"ABC\"]}]", "[\"REQ\",\"s1\",5]")) {
            List<RelayMessage> out = c.sendRaw(frame);
            RelayMessage.Closed closed = assertInstanceOf(RelayMessage.Closed.class, out.get(0), frame);
            assertEquals("s1", closed.subscriptionId());
            assertTrue(closed.message().startsWith("invalid: "), closed.message());
        }
        assertTrue(relay.log.records().isEmpty());
        // The connection still works.
        assertTrue(c.publish(e).accepted());
    }

    @Test
    void oversizedFramesAreRefusedWithTheirId() {
        var c = relay.connect();
        Event big = note(TestKeys.ALICE, NOW, "y".repeat(RelayLimits.DEFAULT.maxMessageBytes()));
        RelayMessage.Ok ok = c.publish(big);
        assertRefused(ok, "invalid");
        assertTrue(ok.message().contains("larger than"), ok.message());
        List<RelayMessage> out = c.sendRaw("[\"NOPE\",\"" + "z".repeat(200_000) + "\"]");
        assertInstanceOf(RelayMessage.Notice.class, out.get(0));
    }

    @Test
    void binaryFramesAndCountGetAnswers() {
        var c = relay.connect();
        int mark = c.mark();
        c.session.onBinary();
        assertInstanceOf(RelayMessage.Notice.class, c.since(mark).get(0));
        c.authAs(TestKeys.ALICE);
        List<RelayMessage> out = c.sendRaw("[\"COUNT\",\"n\",{}]");
        RelayMessage.Closed closed = assertInstanceOf(RelayMessage.Closed.class, out.get(0));
        assertTrue(closed.message().startsWith("error: "));
    }

    @Test
    void extraPoliciesComposeAfterTheStandardOnes() {
        RelayConfig config = RelayFixture.defaultConfig();
        RelayPolicies policies = RelayPolicies.privateRelay(config, new KeyedRateLimiter(config.limits().perKey()))
                .withEventPolicy((e, s) -> e.content().contains("spam")
                        ? Optional.of(Rejection.blocked("no spam")) : Optional.empty());
        List<RelayMessage> out = new ArrayList<>();
        try (var index = dev.drey.relay.store.MvStoreEventIndex.inMemory()) {
            var live = new SubscriptionRegistry();
            var log = new dev.drey.relay.store.InMemoryEventLog(new IndexFeed(index, live));
            var relay2 = new Relay(config, policies, log, index, live, Runnable::run, new java.security.SecureRandom());
            var s = relay2.openSession(RelayFixture.ADDRESS, RelayFixture.output(out), RelayFixture.NOW_MS).orElseThrow();
            s.onText(new dev.drey.nostr.ClientMessage.EventMessage(note(TestKeys.ALICE, NOW, "buy spam")).toJson(),
                    RelayFixture.NOW_MS);
            s.onText(new dev.drey.nostr.ClientMessage.EventMessage(note(TestKeys.MALLORY, NOW, "spam")).toJson(),
                    RelayFixture.NOW_MS);
            assertEquals("blocked: no spam", ((RelayMessage.Ok) out.get(1)).message());
            // The standard rules still run first.
            assertEquals("blocked: author is not a member of this private relay", ((RelayMessage.Ok) out.get(2)).message());
            assertEquals(Set.of(), Set.copyOf(log.records()));
        }
    }
}
