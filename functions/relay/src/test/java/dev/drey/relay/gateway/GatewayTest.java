package dev.drey.relay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.relay.MinerKey;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RelayLimits;
import dev.drey.relay.RosterMember;
import dev.drey.relay.TestKeys;
import dev.drey.relay.WsClient;
import dev.drey.relay.kafka.SharedKafka;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.relay.server.RelayServer;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two miners, alice and bob, each with a relay node over its own topics (prefixes) and a Vert.x
 * host; each lists the other in its roster with its relay URL. Carol is a client member of both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), () -> 0.5);

    private Vertx vertx;
    private int portA;
    private int portB;
    /** A relay alice's outbox may publish to (configured), started only by one test. */
    private int portLater;
    private RelayNode a;
    private RelayNode b;
    private RelayServer serverA;
    private RelayServer serverB;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        portA = freePort();
        portB = freePort();
        portLater = freePort();
        a = node(TestKeys.ALICE, TestKeys.BOB, portB, "alice", portA);
        b = node(TestKeys.BOB, TestKeys.ALICE, portA, "bob", portB);
        serverA = RelayServer.start(vertx, a.relay(), "127.0.0.1", portA);
        serverB = RelayServer.start(vertx, b.relay(), "127.0.0.1", portB);
    }

    private RelayNode node(TestKeys me, TestKeys peer, int peerPort, String name, int ownPort) {
        RelayConfig config = new RelayConfig(name, "", Optional.empty(), Optional.empty(),
                Set.of(TestKeys.CAROL.pubkey()),
                List.of(RosterMember.parse(peer.pubkey() + "@ws://127.0.0.1:" + peerPort)), Set.of(), true,
                RelayLimits.DEFAULT, "ws://127.0.0.1:" + ownPort);
        return RelayNode.start(RelayNodeSettings.of(config, SharedKafka.bootstrapServers())
                .withTopicPrefix(SharedKafka.freshPrefix(name)).withMinerKey(MinerKey.parse(me.secretHex()))
                .withBackoff(FAST).withGateway(GatewaySettings.DEFAULT.withOutboxRelays(
                        Set.of("ws://127.0.0.1:" + portLater))));
    }

    @AfterAll
    void stop() {
        serverA.close();
        serverB.close();
        a.close();
        b.close();
        vertx.close();
    }

    @Test
    void pullsWhatIsAddressedToThisMinerAndBroadcastsExactlyOnce() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Event forAlice = TestKeys.CAROL.sign(now, 1, List.of(List.of("p", TestKeys.ALICE.pubkey())), "for alice");
        Event broadcast = TestKeys.CAROL.sign(now, 3420, List.of(), "{\"v\":1,\"sign\":\"request\"}");
        Event notForAlice = TestKeys.CAROL.sign(now, 1, List.of(List.of("p", TestKeys.CAROL.pubkey())), "for carol");
        Event wrap = new EventTemplate(now, 1059, List.of(List.of("p", TestKeys.ALICE.pubkey())), "sealed")
                .sign(Hex.decode("55".repeat(31) + "07"), new SecureRandom());
        try (WsClient carol = new WsClient(URI.create(serverB.url()))) {
            assertTrue(carol.authAs(TestKeys.CAROL, serverB.url()).accepted());
            for (Event e : List.of(forAlice, broadcast, notForAlice, wrap)) {
                assertTrue(carol.publish(e).accepted(), e.id());
            }
        }
        waitFor(() -> a.index().contains(forAlice.id()) && a.index().contains(broadcast.id()),
                "alice's relay pulled from bob's");
        // Bob pulls the broadcast back from alice: already stored there, so nothing is appended.
        try (WsClient carol = new WsClient(URI.create(serverA.url()))) {
            assertEquals("duplicate: already have this event", carol.publish(forAlice).message());
        }
        Thread.sleep(500);
        assertFalse(a.index().contains(notForAlice.id()));
        // A gift wrap comes from a random key: nothing uses them over peer pull, so it is refused.
        assertEquals(0, count(a, wrap.id()));
        assertTrue(a.peers().get(0).refused() >= 1);
        assertEquals(1, count(a, forAlice.id()));
        assertEquals(1, count(a, broadcast.id()));
        assertEquals(1, count(b, broadcast.id()));
        waitFor(() -> a.state().peerCheckpoint(TestKeys.BOB.pubkey()).isPresent(), "checkpoint saved");
        assertTrue(a.state().peerCheckpoint(TestKeys.BOB.pubkey()).getAsLong() >= now);
    }

    @Test
    void reconnectsAfterThePeerWasAwayAndCatchesUp() throws Exception {
        waitFor(() -> a.peers().size() == 1 && a.peers().get(0).isConnected(), "alice connected to bob");
        serverB.close();
        long now = System.currentTimeMillis() / 1000;
        Event whileAway = TestKeys.CAROL.sign(now, 3450, List.of(), "{\"v\":1,\"pol\":\"claim\"}");
        // Bob's relay takes the event through another listener while alice's pull is cut off.
        RelayServer side = RelayServer.start(vertx, b.relay(), "127.0.0.1", 0);
        try (WsClient carol = new WsClient(URI.create(side.url()))) {
            assertTrue(carol.publish(whileAway).accepted());
        } finally {
            side.close();
        }
        Thread.sleep(300);
        assertFalse(a.index().contains(whileAway.id()));
        serverB = RelayServer.start(vertx, b.relay(), "127.0.0.1", portB);
        waitFor(() -> a.index().contains(whileAway.id()), "alice caught up after bob came back");
        assertEquals(1, count(a, whileAway.id()));
    }

    @Test
    void outboxPublishesToTheRecipientRelayAndDeadLettersRefusals() throws Exception {
        MinerKey alice = MinerKey.parse(TestKeys.ALICE.secretHex());
        long now = System.currentTimeMillis() / 1000;
        Event share = alice.sign(new EventTemplate(now, 3423, List.of(List.of("p", TestKeys.BOB.pubkey())),
                "{\"v\":1,\"share\":\"...\"}"));
        // Bob's relay refuses it for good: created a day ahead.
        Event early = alice.sign(new EventTemplate(now + 86_400, 1, List.of(), "from the future"));
        a.log().appendToOutbox(new OutboxRecord(share, List.of(serverB.url()))).get();
        a.log().appendToOutbox(new OutboxRecord(early, List.of(serverB.url()))).get();
        waitFor(() -> b.index().contains(share.id()), "bob's relay received the outbox event");
        waitFor(() -> a.state().deadLetters().stream().anyMatch(r -> r.eventId().equals(early.id())),
                "the refusal is recorded");
        GatewayState.DeadLetter r = a.state().deadLetters().stream().filter(x -> x.eventId().equals(early.id()))
                .findFirst().orElseThrow();
        assertEquals(serverB.url(), r.relayUrl());
        assertTrue(r.reason().startsWith("invalid: "), r.reason());
        assertEquals(1, r.attempts());
        waitFor(() -> a.state().outboxOffsets().values().stream().anyMatch(v -> v >= 2), "offset stored");
    }

    @Test
    void outboxRetriesUntilTheRecipientRelayIsUp() throws Exception {
        int later = portLater;
        String url = "ws://127.0.0.1:" + later;
        MinerKey alice = MinerKey.parse(TestKeys.ALICE.secretHex());
        Event e = alice.sign(new EventTemplate(System.currentTimeMillis() / 1000, 3424, List.of(), "{\"v\":1}"));
        a.log().appendToOutbox(new OutboxRecord(e, List.of(url))).get();
        Thread.sleep(1000);
        // A relay answers AUTH only for its own public URL, so the late relay is one of its own.
        try (RelayNode late = node(TestKeys.BOB, TestKeys.ALICE, portA, "bob-late", later)) {
            assertFalse(late.index().contains(e.id()));
            RelayServer lateServer = RelayServer.start(vertx, late.relay(), "127.0.0.1", later);
            try {
                waitFor(() -> late.index().contains(e.id()), "delivered once the relay is up");
            } finally {
                lateServer.close();
            }
        }
    }

    private static long count(RelayNode node, String id) {
        List<String> ids = new ArrayList<>();
        try (EventLogReader<LoggedEvent> r = EventLogReader.events(SharedKafka.bootstrapServers(),
                node.topics().eventTopics())) {
            assertTrue(r.catchUp(r.endOffsets(), Duration.ofSeconds(20), (v, p) -> ids.add(v.event().id())));
        }
        return ids.stream().filter(id::equals).count();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
