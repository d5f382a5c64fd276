package dev.drey.relay;

import static dev.drey.relay.RelayFixture.NOW;
import static dev.drey.relay.RelayFixture.NOW_MS;
import static dev.drey.relay.RelayFixture.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.store.InMemoryEventLog;
import dev.drey.relay.store.MvStoreEventIndex;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The limits that keep one hostile connection from holding the relay's memory, threads or slots. */
class RelayResourceLimitsTest {

    private static RelayConfig with(ResourceLimits resources) {
        return RelayFixture.defaultConfig().withResources(resources);
    }

    private static ResourceLimits limits(int maxConnections, int perAddress, long authTimeoutMillis, long maxQueued,
            int strikes, int queries, long scanKeys) {
        return new ResourceLimits(maxConnections, perAddress, authTimeoutMillis, maxQueued, strikes, queries, scanKeys);
    }

    @Test
    void connectionCapsPerAddressAndInTotal() {
        try (var r = new RelayFixture(with(limits(3, 2, 60_000, 1 << 20, 20, 4, 100_000)))) {
            var a1 = r.connectFrom("192.0.2.1");
            r.connectFrom("192.0.2.1");
            assertTrue(r.relay.openSession("192.0.2.1", new RecordingOutput(), NOW_MS).isEmpty(),
                    "a third connection from one address");
            var b1 = r.connectFrom("192.0.2.2");
            assertTrue(r.relay.openSession("192.0.2.3", new RecordingOutput(), NOW_MS).isEmpty(),
                    "a fourth connection in total");
            assertEquals(3, r.relay.stats().openConnections());
            assertEquals(2, r.relay.stats().refusedConnections());
            // Closing gives the slot back, once however often the host reports it.
            a1.session.close();
            a1.session.close();
            b1.session.close();
            assertEquals(1, r.relay.stats().openConnections());
            r.connectFrom("192.0.2.1");
            r.connectFrom("192.0.2.3");
        }
    }

    @Test
    void anUnauthenticatedConnectionIsClosedAtTheAuthDeadline() {
        try (var r = new RelayFixture(with(limits(10, 10, 30_000, 1 << 20, 20, 4, 100_000)))) {
            var silent = r.connect();
            var member = r.connect();
            assertTrue(member.authAs(TestKeys.ALICE).accepted());
            assertEquals(NOW_MS + 30_000, silent.session.authDeadlineMillis());
            assertFalse(silent.session.checkAuthDeadline(NOW_MS + 29_999));
            assertNull(silent.output.closedWith);
            assertTrue(silent.session.checkAuthDeadline(NOW_MS + 30_000));
            assertTrue(silent.output.closedWith.startsWith("auth-required: "), silent.output.closedWith);
            assertTrue(silent.session.isClosed());
            assertFalse(member.session.checkAuthDeadline(NOW_MS + 30_000));
            assertFalse(member.session.isClosed());
            assertEquals(1, r.relay.stats().disconnected(Relay.Disconnect.AUTH_TIMEOUT));
            assertEquals(1, r.relay.stats().openConnections());
            // A frame after the deadline is not handled either (the timer may fire late).
            var late = r.connect();
            late.now = NOW_MS + 30_000;
            assertEquals(List.of(), late.sendRaw(new ClientMessage.Req("s", List.of(Filter.ALL)).toJson()));
            assertTrue(late.session.isClosed());
        }
    }

    @Test
    void aClientThatKeepsSendingAfterBeingRateLimitedIsClosed() {
        RelayLimits d = RelayLimits.DEFAULT;
        RelayLimits slow = new RelayLimits(d.maxMessageBytes(), d.maxEventTags(), d.maxContentLength(),
                d.maxSubscriptions(), d.maxFilters(), d.maxLimit(), d.defaultLimit(), d.createdAtPastSeconds(),
                d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(), d.protocolCreatedAtFutureSeconds(),
                new RateLimit(1, 3), d.perKey(), d.catchUpTimeoutMillis());
        try (var r = new RelayFixture(with(limits(10, 10, 60_000, 1 << 20, 5, 4, 100_000)).withLimits(slow))) {
            var c = r.connect();
            String req = new ClientMessage.Req("s", List.of(Filter.ALL)).toJson();
            for (int i = 0; i < 3; i++) {
                c.sendRaw(req);
            }
            // Five refusals are answered (malformed frames count too) ...
            for (int i = 0; i < 5; i++) {
                List<RelayMessage> out = c.sendRaw(i == 0 ? "{not json" : req);
                assertEquals(1, out.size(), out.toString());
                assertTrue(out.get(0).toJson().contains("rate-limited: "), out.toString());
            }
            // ... the sixth in a row closes the connection, and nothing is answered any more.
            assertEquals(List.of(), c.sendRaw(req));
            assertTrue(c.output.closedWith.startsWith("rate-limited: "), c.output.closedWith);
            assertEquals(List.of(), c.sendRaw(req));
            assertEquals(1, r.relay.stats().disconnected(Relay.Disconnect.RATE_LIMITED));
            // A client that slows down after a refusal starts counting again.
            var polite = r.connect();
            for (int i = 0; i < 3 + 5; i++) {
                polite.sendRaw(req);
            }
            polite.now += 1000;
            // A token again: answered normally (auth-required: it never authenticated), the count starts over.
            String answer = last(polite.sendRaw(req)).toJson();
            assertFalse(answer.contains("rate-limited"), answer);
            for (int i = 0; i < 5; i++) {
                polite.sendRaw(req);
            }
            assertNull(polite.output.closedWith);
        }
    }

    @Test
    void aClientThatDoesNotReadIsClosedOnceItsBacklogPassesTheBound() {
        try (var r = new RelayFixture(with(limits(10, 10, 60_000, 10_000, 20, 4, 100_000)))) {
            var c = r.connect();
            assertTrue(c.authAs(TestKeys.ALICE).accepted());
            c.output.backlog.set(10_000);
            assertTrue(c.publish(note(TestKeys.ALICE, NOW, "at the bound")).accepted());
            assertNull(c.output.closedWith);
            c.output.backlog.set(10_001);
            c.sendRaw(new ClientMessage.Req("s", List.of(Filter.ALL)).toJson());
            assertTrue(c.output.closedWith.startsWith("error: "), c.output.closedWith);
            assertTrue(c.session.isClosed());
            assertEquals(0, c.session.subscriptionCount());
            assertEquals(1, r.relay.stats().disconnected(Relay.Disconnect.SLOW_READER));
            assertEquals(0, r.relay.stats().openConnections());
        }
    }

    @Test
    void queriesRunOnTheQueryPoolAtMostAFewPerConnection() {
        List<Runnable> queued = new ArrayList<>();
        Executor held = queued::add;
        try (var index = MvStoreEventIndex.inMemory()) {
            var live = new SubscriptionRegistry();
            var log = new InMemoryEventLog(new IndexFeed(index, live));
            RelayConfig config = with(limits(10, 10, 60_000, 1 << 20, 20, 2, 100_000));
            Relay relay = new Relay(config, RelayPolicies.privateRelay(config, new KeyedRateLimiter(
                    config.limits().perKey())), log, index, live, held, new SecureRandom());
            RecordingOutput out = new RecordingOutput();
            RelaySession s = relay.openSession("192.0.2.1", out, NOW_MS).orElseThrow();
            s.onText(new ClientMessage.Auth(TestKeys.ALICE.auth(RelayFixture.URL, s.challenge(), NOW)).toJson(), NOW_MS);
            int mark = out.messages().size();
            s.onText(new ClientMessage.Req("a", List.of(Filter.ALL)).toJson(), NOW_MS);
            s.onText(new ClientMessage.Req("b", List.of(Filter.ALL)).toJson(), NOW_MS);
            // Nothing answered on the caller's thread: both wait for the pool.
            assertEquals(mark, out.messages().size());
            assertEquals(2, queued.size());
            s.onText(new ClientMessage.Req("c", List.of(Filter.ALL)).toJson(), NOW_MS);
            RelayMessage.Closed c = assertInstanceOf(RelayMessage.Closed.class, last(out.messages()));
            assertEquals("c", c.subscriptionId());
            assertTrue(c.message().startsWith("rate-limited: "), c.message());
            queued.forEach(Runnable::run);
            assertEquals(List.of(new RelayMessage.Closed("c", c.message()), new RelayMessage.Eose("a"),
                    new RelayMessage.Eose("b")), out.messages().subList(mark, out.messages().size()));
            // Once they finished, the connection may query again.
            s.onText(new ClientMessage.Req("d", List.of(Filter.ALL)).toJson(), NOW_MS);
            assertEquals(3, queued.size());
        }
    }

    @Test
    void aFullQueryPoolAnswersBusy() {
        Executor full = task -> {
            throw new RejectedExecutionException("queue full");
        };
        try (var index = MvStoreEventIndex.inMemory()) {
            var live = new SubscriptionRegistry();
            Relay relay = Relay.privateRelay(RelayFixture.defaultConfig(), new InMemoryEventLog(new IndexFeed(index,
                    live)), index, live, full);
            RecordingOutput out = new RecordingOutput();
            RelaySession s = relay.openSession("192.0.2.1", out, NOW_MS).orElseThrow();
            s.onText(new ClientMessage.Auth(TestKeys.ALICE.auth(RelayFixture.URL, s.challenge(), NOW)).toJson(), NOW_MS);
            s.onText(new ClientMessage.Req("q", List.of(Filter.ALL)).toJson(), NOW_MS);
            RelayMessage.Closed c = assertInstanceOf(RelayMessage.Closed.class, last(out.messages()));
            assertTrue(c.message().startsWith("error: ") && c.message().contains("busy"), c.message());
            assertEquals(0, s.subscriptionCount());
        }
    }

    @Test
    void aReqOverALargeIndexThatMatchesNothingEndsWithEoseWithinTheScanBudget() {
        try (var r = new RelayFixture(with(limits(10, 10, 60_000, 1 << 20, 20, 4, 500)))) {
            var w = r.connect();
            for (int i = 0; i < 2000; i++) {
                r.index.apply(note(TestKeys.ALICE, NOW - i, "n" + i), new LogPosition("seed", 0, i));
            }
            assertTrue(w.authAs(TestKeys.ALICE).accepted());
            // Alice has 2000 notes and no kind 7: the scan gives up after 500 entries and says EOSE.
            assertEquals(List.of(), w.query(Filter.builder().authors(TestKeys.ALICE.pubkey()).kinds(7).build()));
            // Within the budget a REQ is answered in full.
            assertEquals(5, w.query(Filter.builder().authors(TestKeys.ALICE.pubkey()).limit(5).build()).size());
        }
    }

    private static RelayMessage last(List<RelayMessage> l) {
        return l.get(l.size() - 1);
    }
}
