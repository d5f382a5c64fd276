package dev.drey.relay;

import static dev.drey.relay.RelayFixture.NOW;
import static dev.drey.relay.RelayFixture.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayReadTest {
    private final RelayFixture relay = new RelayFixture();

    @AfterEach
    void close() {
        relay.close();
    }

    @Test
    void reqBeforeAuthIsClosed() {
        var c = relay.connect();
        List<RelayMessage> out = c.req("s", Filter.ALL);
        assertEquals(1, out.size());
        RelayMessage.Closed closed = assertInstanceOf(RelayMessage.Closed.class, out.get(0));
        assertEquals("s", closed.subscriptionId());
        assertTrue(closed.message().startsWith("auth-required: "), closed.message());
        assertEquals(0, relay.live.size());
    }

    @Test
    void nonMemberAuthDoesNotOpenReads() {
        var c = relay.connect();
        c.authAs(TestKeys.MALLORY);
        RelayMessage.Closed closed = assertInstanceOf(RelayMessage.Closed.class, c.req("s", Filter.ALL).get(0));
        assertTrue(closed.message().startsWith("auth-required: "));
    }

    @Test
    void writeThenReadBackThenEose() {
        var writer = relay.connect();
        Event e1 = note(TestKeys.ALICE, NOW - 10, "first");
        Event e2 = note(TestKeys.BOB, NOW, "second");
        writer.publish(e1);
        writer.publish(e2);
        var reader = relay.connect();
        reader.authAs(TestKeys.CAROL);
        assertEquals(List.of(e2, e1), reader.query(Filter.ALL));
    }

    @Test
    void liveEventsFollowEoseUntilClose() {
        var reader = relay.connect();
        reader.authAs(TestKeys.ALICE);
        List<RelayMessage> first = reader.req("live", Filter.builder().kinds(1).build());
        assertEquals(List.of(new RelayMessage.Eose("live")), first);
        var writer = relay.connect();
        Event note = note(TestKeys.BOB, NOW, "live one");
        Event other = TestKeys.BOB.sign(NOW, 7, List.of(), "not kind 1");
        int mark = reader.mark();
        writer.publish(note);
        writer.publish(other);
        assertEquals(List.of(new RelayMessage.EventMessage("live", note)), reader.since(mark));
        reader.sendRaw(new ClientMessage.Close("live").toJson());
        mark = reader.mark();
        writer.publish(note(TestKeys.BOB, NOW, "after close"));
        assertEquals(List.of(), reader.since(mark));
        assertEquals(0, relay.live.size());
    }

    @Test
    void reqWithTheSameIdReplacesTheSubscription() {
        var reader = relay.connect();
        reader.authAs(TestKeys.ALICE);
        reader.req("s", Filter.builder().kinds(1).build());
        reader.req("s", Filter.builder().kinds(7).build());
        assertEquals(1, reader.session.subscriptionCount());
        int mark = reader.mark();
        Event reaction = TestKeys.BOB.sign(NOW, 7, List.of(), "+");
        relay.connect().publish(note(TestKeys.BOB, NOW, "kind 1"));
        relay.connect().publish(reaction);
        assertEquals(List.of(new RelayMessage.EventMessage("s", reaction)), reader.since(mark));
    }

    @Test
    void ephemeralEventsAreDeliveredLiveButNeverStored() {
        var reader = relay.connect();
        reader.authAs(TestKeys.ALICE);
        reader.req("eph", Filter.builder().kinds(20001).build());
        Event eph = TestKeys.BOB.sign(NOW, 20001, List.of(), "now or never");
        int mark = reader.mark();
        assertEquals(new RelayMessage.Ok(eph.id(), true, ""), relay.connect().publish(eph));
        assertEquals(List.of(new RelayMessage.EventMessage("eph", eph)), reader.since(mark));
        assertFalse(relay.index.contains(eph.id()));
        assertTrue(relay.log.records().isEmpty());
        assertEquals(List.of(), reader.query(Filter.builder().kinds(20001).build()));
    }

    @Test
    void giftWrapsGoOnlyToTheirRecipient() {
        var sender = relay.connect();
        sender.authAs(TestKeys.ALICE);
        var bob = relay.connect();
        bob.authAs(TestKeys.BOB);
        var carol = relay.connect();
        carol.authAs(TestKeys.CAROL);
        Filter wraps = Filter.builder().kinds(1059).build();
        bob.req("w", wraps);
        carol.req("w", wraps);
        int bobMark = bob.mark();
        int carolMark = carol.mark();
        Event wrap = TestKeys.MALLORY.sign(NOW, 1059, List.of(List.of("p", TestKeys.BOB.pubkey())), "sealed");
        assertTrue(sender.publish(wrap).accepted());
        assertEquals(List.of(new RelayMessage.EventMessage("w", wrap)), bob.since(bobMark));
        assertEquals(List.of(), carol.since(carolMark));
        // Stored: only bob gets it back, even asking by id or by p tag.
        assertEquals(List.of(wrap), bob.query(Filter.builder().ids(wrap.id()).build()));
        assertEquals(List.of(), carol.query(Filter.builder().ids(wrap.id()).build()));
        assertEquals(List.of(), carol.query(Filter.builder().tag('p', TestKeys.BOB.pubkey()).build()));
        assertEquals(List.of(), sender.query(wraps));
    }

    @Test
    void subscriptionAndFilterLimits() {
        RelayLimits d = RelayLimits.DEFAULT;
        RelayLimits small = new RelayLimits(d.maxMessageBytes(), d.maxEventTags(), d.maxContentLength(), 2, 3, 4, 2,
                d.createdAtPastSeconds(), d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(),
                d.protocolCreatedAtFutureSeconds(), d.perConnection(), d.perKey(),
                d.catchUpTimeoutMillis());
        try (var r = new RelayFixture(RelayFixture.defaultConfig().withLimits(small))) {
            var w = r.connect();
            List<Event> notes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Event e = note(TestKeys.ALICE, NOW - i, "n" + i);
                notes.add(e);
                w.publish(e);
            }
            var c = r.connect();
            c.authAs(TestKeys.ALICE);
            // No limit given: the default limit; a larger limit: clamped to max_limit.
            assertEquals(notes.subList(0, 2), c.query(Filter.ALL));
            assertEquals(notes.subList(0, 4), c.query(Filter.builder().limit(100).build()));
            // Too many filters.
            RelayMessage.Closed closed = assertInstanceOf(RelayMessage.Closed.class,
                    c.req("f", Filter.ALL, Filter.ALL, Filter.ALL, Filter.ALL).get(0));
            assertTrue(closed.message().startsWith("invalid: "), closed.message());
            // Subscriptions per connection; replacing one is not opening another.
            assertInstanceOf(RelayMessage.Eose.class, last(c.req("a", Filter.ALL)));
            assertInstanceOf(RelayMessage.Eose.class, last(c.req("b", Filter.ALL)));
            assertInstanceOf(RelayMessage.Eose.class, last(c.req("b", Filter.ALL)));
            List<RelayMessage> refused = c.req("c", Filter.ALL);
            assertEquals(1, refused.size());
            RelayMessage.Closed tooMany = assertInstanceOf(RelayMessage.Closed.class, refused.get(0));
            assertTrue(tooMany.message().startsWith("error: "), tooMany.message());
            c.sendRaw(new ClientMessage.Close("a").toJson());
            assertInstanceOf(RelayMessage.Eose.class, last(c.req("c", Filter.ALL)));
        }
    }

    @Test
    void closingTheConnectionDropsItsSubscriptions() {
        var c = relay.connect();
        c.authAs(TestKeys.ALICE);
        c.req("a", Filter.ALL);
        c.req("b", Filter.ALL);
        assertEquals(2, relay.live.size());
        c.session.close();
        assertEquals(0, relay.live.size());
        relay.connect().publish(note(TestKeys.BOB, NOW, "nobody listening"));
    }

    @Test
    void reqWaitsForTheIndexToReachAcknowledgedWrites() throws Exception {
        // A sink whose records reach the index later, as with Kafka: OK true comes first.
        try (var index = dev.drey.relay.store.MvStoreEventIndex.inMemory()) {
            var live = new SubscriptionRegistry();
            var feed = new IndexFeed(index, live);
            List<Event> pending = new ArrayList<>();
            EventSink delayed = e -> {
                synchronized (pending) {
                    pending.add(e);
                    return java.util.concurrent.CompletableFuture.completedFuture(
                            new Accepted(new LogPosition("events", 0, pending.size() - 1)));
                }
            };
            var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                RelayConfig config = RelayFixture.defaultConfig();
                Relay r = Relay.privateRelay(config, delayed, index, live, executor);
                List<RelayMessage> out = java.util.Collections.synchronizedList(new ArrayList<>());
                RelaySession s = r.openSession(RelayFixture.ADDRESS, RelayFixture.output(out), RelayFixture.NOW_MS).orElseThrow();
                s.onText(new ClientMessage.Auth(TestKeys.ALICE.auth(RelayFixture.URL, s.challenge(), NOW)).toJson(),
                        RelayFixture.NOW_MS);
                Event e = note(TestKeys.ALICE, NOW, "acknowledged before indexed");
                s.onText(new ClientMessage.EventMessage(e).toJson(), RelayFixture.NOW_MS);
                assertEquals(new RelayMessage.Ok(e.id(), true, ""), out.get(out.size() - 1));
                int mark = out.size();
                s.onText(new ClientMessage.Req("ryw", List.of(Filter.ALL)).toJson(), RelayFixture.NOW_MS);
                Thread.sleep(50);
                assertEquals(mark, out.size(), "REQ must wait for the index");
                feed.onRecord(pending.get(0), new LogPosition("events", 0, 0));
                long deadline = System.currentTimeMillis() + 5000;
                while (out.size() < mark + 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(List.of(new RelayMessage.EventMessage("ryw", e), new RelayMessage.Eose("ryw")),
                        out.subList(mark, out.size()));
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void reqIsClosedWhenTheIndexDoesNotCatchUp() throws Exception {
        RelayLimits d = RelayLimits.DEFAULT;
        RelayLimits quick = new RelayLimits(d.maxMessageBytes(), d.maxEventTags(), d.maxContentLength(),
                d.maxSubscriptions(), d.maxFilters(), d.maxLimit(), d.defaultLimit(), d.createdAtPastSeconds(),
                d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(),
                d.protocolCreatedAtFutureSeconds(), d.perConnection(), d.perKey(), 100);
        try (var index = dev.drey.relay.store.MvStoreEventIndex.inMemory()) {
            EventSink neverIndexed = e -> java.util.concurrent.CompletableFuture.completedFuture(
                    new Accepted(new LogPosition("events", 0, 0)));
            Relay r = Relay.privateRelay(RelayFixture.defaultConfig().withLimits(quick), neverIndexed, index,
                    new SubscriptionRegistry(), Runnable::run);
            List<RelayMessage> out = java.util.Collections.synchronizedList(new ArrayList<>());
            RelaySession s = r.openSession(RelayFixture.ADDRESS, RelayFixture.output(out), RelayFixture.NOW_MS).orElseThrow();
            s.onText(new ClientMessage.Auth(TestKeys.ALICE.auth(RelayFixture.URL, s.challenge(), NOW)).toJson(),
                    RelayFixture.NOW_MS);
            s.onText(new ClientMessage.EventMessage(note(TestKeys.ALICE, NOW, "x")).toJson(), RelayFixture.NOW_MS);
            s.onText(new ClientMessage.Req("slow", List.of(Filter.ALL)).toJson(), RelayFixture.NOW_MS);
            long deadline = System.currentTimeMillis() + 5000;
            while (!(out.get(out.size() - 1) instanceof RelayMessage.Closed) && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            RelayMessage.Closed closed = assertInstanceOf(RelayMessage.Closed.class, out.get(out.size() - 1));
            assertTrue(closed.message().startsWith("error: "), closed.message());
            assertEquals(0, s.subscriptionCount());
        }
    }

    private static RelayMessage last(List<RelayMessage> l) {
        return l.get(l.size() - 1);
    }
}
