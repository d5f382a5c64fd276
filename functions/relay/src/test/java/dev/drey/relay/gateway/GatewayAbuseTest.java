package dev.drey.relay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.RecordPosition;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.relay.LogPartition;
import dev.drey.relay.MinerKey;
import dev.drey.relay.RateLimit;
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
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway against peers and outbox records that do not play by the rules, over real relays on the
 * embedded Kafka. Alice is the miner under test (peer pull from bob's relay, outbox on); bob's relay is a
 * peer that also takes mallory's events (a member there, not on alice's relay); "recipient" is a relay
 * alice's outbox is configured to publish to, with a small per-connection rate limit; "silent" accepts
 * TCP connections and never answers; "closed" is a port nobody listens on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayAbuseTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), () -> 0.5);
    private static final long PULL_WINDOW_SECONDS = 60;
    private static final RateLimit PER_PEER = new RateLimit(2, 30);
    private static final RateLimit RECIPIENT_PER_CONNECTION = new RateLimit(20, 10);
    private static final int PENDING_CAP = 50;

    private Vertx vertx;
    private RelayNode alice;
    private RelayNode bob;
    private RelayNode recipient;
    private RelayServer aliceServer;
    private RelayServer bobServer;
    private RelayServer recipientServer;
    private ServerSocket silent;
    private final List<Socket> silentlyHeld = new CopyOnWriteArrayList<>();
    private String recipientUrl;
    private String silentUrl;
    private String closedUrl;
    /** A websocket server that accepts and never sends a frame (no challenge, no OK). */
    private String muteUrl;
    private MinerKey aliceKey;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        aliceKey = MinerKey.parse(TestKeys.ALICE.secretHex());
        int portA = freePort();
        int portB = freePort();
        int portR = freePort();
        recipientUrl = "ws://127.0.0.1:" + portR;
        closedUrl = "ws://127.0.0.1:" + freePort();
        silent = new ServerSocket(0);
        silentUrl = "ws://127.0.0.1:" + silent.getLocalPort();
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    silentlyHeld.add(silent.accept());
                } catch (Exception e) {
                    return;
                }
            }
        }, "silent-relay");
        acceptor.setDaemon(true);
        acceptor.start();
        io.vertx.core.http.HttpServer mute = vertx.createHttpServer().webSocketHandler(ws -> {
        });
        mute.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        muteUrl = "ws://127.0.0.1:" + mute.actualPort();

        bob = RelayNode.start(RelayNodeSettings.of(config("bob", Set.of(TestKeys.CAROL.pubkey(),
                TestKeys.MALLORY.pubkey()), List.of(RosterMember.parse(TestKeys.ALICE.pubkey())),
                RelayLimits.DEFAULT, portB), SharedKafka.bootstrapServers()).withTopicPrefix(SharedKafka.freshPrefix("bob")));
        RelayLimits d = RelayLimits.DEFAULT;
        RelayLimits slow = new RelayLimits(d.maxMessageBytes(), d.maxEventTags(), d.maxContentLength(),
                d.maxSubscriptions(), d.maxFilters(), d.maxLimit(), d.defaultLimit(), d.createdAtPastSeconds(),
                d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(), d.protocolCreatedAtFutureSeconds(),
                RECIPIENT_PER_CONNECTION, d.perKey(), d.catchUpTimeoutMillis());
        recipient = RelayNode.start(RelayNodeSettings.of(config("recipient", Set.of(TestKeys.ALICE.pubkey(),
                TestKeys.MALLORY.pubkey()), List.of(), slow, portR), SharedKafka.bootstrapServers())
                .withTopicPrefix(SharedKafka.freshPrefix("recipient")));
        GatewaySettings gateway = GatewaySettings.DEFAULT
                .withOutboxRelays(Set.of(recipientUrl, silentUrl, closedUrl, muteUrl))
                .withPerPeer(PER_PEER)
                .withDeliveryLimits(PENDING_CAP, 3, Duration.ofSeconds(3), Duration.ofSeconds(1));
        // alice's protocol window, which her peer pull applies too, is narrower than bob's: bob serves what she refuses
        RelayLimits narrow = new RelayLimits(d.maxMessageBytes(), d.maxEventTags(), d.maxContentLength(),
                d.maxSubscriptions(), d.maxFilters(), d.maxLimit(), d.defaultLimit(), d.createdAtPastSeconds(),
                d.createdAtFutureSeconds(), PULL_WINDOW_SECONDS, PULL_WINDOW_SECONDS, d.perConnection(), d.perKey(),
                d.catchUpTimeoutMillis());
        alice = RelayNode.start(RelayNodeSettings.of(config("alice", Set.of(TestKeys.CAROL.pubkey()),
                List.of(RosterMember.parse(TestKeys.BOB.pubkey() + "@ws://127.0.0.1:" + portB)), narrow,
                portA), SharedKafka.bootstrapServers()).withTopicPrefix(SharedKafka.freshPrefix("alice"))
                .withMinerKey(aliceKey).withBackoff(FAST).withGateway(gateway));
        aliceServer = RelayServer.start(vertx, alice.relay(), "127.0.0.1", portA);
        bobServer = RelayServer.start(vertx, bob.relay(), "127.0.0.1", portB);
        recipientServer = RelayServer.start(vertx, recipient.relay(), "127.0.0.1", portR);
    }

    private static RelayConfig config(String name, Set<String> allowed, List<RosterMember> roster, RelayLimits l,
            int ownPort) {
        return new RelayConfig(name, "", Optional.empty(), Optional.empty(), allowed, roster, Set.of(), true, l,
                "ws://127.0.0.1:" + ownPort);
    }

    @AfterAll
    void stop() throws Exception {
        aliceServer.close();
        bobServer.close();
        recipientServer.close();
        alice.close();
        bob.close();
        recipient.close();
        silent.close();
        for (Socket s : silentlyHeld) {
            s.close();
        }
        vertx.close();
    }

    @Test
    @Order(1)
    void peerPullStoresOnlyAdmittedEvents() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String p = TestKeys.ALICE.pubkey();
        // Mallory is a member of bob's relay, not of alice's.
        Event strangerNote = TestKeys.MALLORY.sign(now, 1, List.of(List.of("p", p)), "hello alice");
        Event strangerBroadcast = TestKeys.MALLORY.sign(now, 3420, List.of(), "{\"v\":1}");
        // Carol is a member of both; these protocol events are outside alice's pull window (not bob's).
        Event stale = TestKeys.CAROL.sign(now - 10 * PULL_WINDOW_SECONDS, 3424, List.of(), "{\"v\":1,\"old\":1}");
        Event early = TestKeys.CAROL.sign(now + 5 * PULL_WINDOW_SECONDS, 3424, List.of(), "{\"v\":1,\"new\":1}");
        Event marker = TestKeys.CAROL.sign(now, 1, List.of(List.of("p", p)), "published last");
        try (WsClient mallory = new WsClient(URI.create(bobServer.url()));
                WsClient carol = new WsClient(URI.create(bobServer.url()))) {
            assertTrue(mallory.authAs(TestKeys.MALLORY, bobServer.url()).accepted());
            assertTrue(carol.authAs(TestKeys.CAROL, bobServer.url()).accepted());
            for (Event e : List.of(strangerNote, strangerBroadcast)) {
                assertTrue(mallory.publish(e).accepted(), e.id());
            }
            for (Event e : List.of(stale, early, marker)) {
                assertTrue(carol.publish(e).accepted(), e.id());
            }
        }
        waitFor(() -> alice.index().contains(marker.id()), "alice pulled carol's fresh note");
        Thread.sleep(300);
        Set<String> stored = storedIds(alice);
        for (Event refused : List.of(strangerNote, strangerBroadcast, stale, early)) {
            assertFalse(stored.contains(refused.id()), "reached alice's topics: " + refused.content());
        }
        assertTrue(alice.peers().get(0).refused() >= 4, "refusals are counted");
        // The future-dated event must not have moved the checkpoint past now.
        long checkpoint = alice.state().peerCheckpoint(TestKeys.BOB.pubkey()).orElse(0);
        assertTrue(checkpoint <= System.currentTimeMillis() / 1000, "checkpoint " + checkpoint);
    }

    @Test
    @Order(2)
    void aPeerFloodIsCutAtItsRate() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        List<Event> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            flood.add(TestKeys.CAROL.sign(now, 1, List.of(List.of("p", TestKeys.ALICE.pubkey())), "flood " + i));
        }
        // Alice pulls while carol publishes: the allowance counts from the first event on.
        long t0 = System.currentTimeMillis();
        try (WsClient carol = new WsClient(URI.create(bobServer.url()))) {
            assertTrue(carol.authAs(TestKeys.CAROL, bobServer.url()).accepted());
            for (Event e : flood) {
                assertTrue(carol.publish(e).accepted(), e.id());
            }
        }
        waitFor(() -> alice.peers().get(0).rateLimited() > 0, "the peer went beyond its rate");
        Thread.sleep(2000);
        Set<String> stored = storedIds(alice);
        double seconds = (System.currentTimeMillis() - t0) / 1000.0 + 1;
        long pulled = flood.stream().filter(e -> stored.contains(e.id())).count();
        long bound = PER_PEER.burst() + (long) Math.ceil(seconds * PER_PEER.perSecond());
        assertTrue(pulled > 0 && pulled <= bound, pulled + " of the flood stored, at most " + bound + " allowed");
    }

    @Test
    @Order(3)
    void theOutboxPublishesOnlyThisMinersEventsToAllowedRelays() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Event foreign = TestKeys.MALLORY.sign(now, 3424, List.of(), "{\"v\":1,\"by\":\"mallory\"}");
        Event mine = aliceKey.sign(new EventTemplate(now, 3424, List.of(), "{\"v\":1,\"to\":\"elsewhere\"}"));
        Event marker = aliceKey.sign(new EventTemplate(now, 3424, List.of(), "{\"v\":1,\"marker\":1}"));
        // The same recipient server under a name that is not configured.
        String foreignUrl = recipientUrl.replace("127.0.0.1", "localhost");
        alice.log().appendToOutbox(new OutboxRecord(foreign, List.of(recipientUrl))).get();
        alice.log().appendToOutbox(new OutboxRecord(mine, List.of(foreignUrl))).get();
        alice.log().appendToOutbox(new OutboxRecord(marker, List.of(recipientUrl))).get();
        waitFor(() -> recipient.index().contains(marker.id()), "the allowed delivery arrived");
        Thread.sleep(300);
        assertFalse(recipient.index().contains(foreign.id()), "published an event not signed by this miner");
        assertFalse(recipient.index().contains(mine.id()), "published to a relay that is not allowed");
        GatewayState.DeadLetter byMallory = deadLetter(foreign.id(), recipientUrl);
        assertTrue(byMallory.reason().startsWith("not-mine: "), byMallory.reason());
        GatewayState.DeadLetter elsewhere = deadLetter(mine.id(), foreignUrl);
        assertTrue(elsewhere.reason().startsWith("not-allowed: "), elsewhere.reason());
    }

    @Test
    @Order(4)
    void deadRecipientsDoNotHoldUpTheOthersOrTheOffset() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(aliceKey.sign(new EventTemplate(now, 3423, List.of(), "{\"v\":1,\"n\":" + i + "}")));
        }
        long t0 = System.nanoTime();
        alice.log().appendToOutbox(new OutboxRecord(events.get(0), List.of(silentUrl, recipientUrl))).get();
        alice.log().appendToOutbox(new OutboxRecord(events.get(1), List.of(closedUrl, recipientUrl))).get();
        RecordPosition last = alice.log().appendToOutbox(new OutboxRecord(events.get(2), List.of(recipientUrl))).get();
        waitFor(() -> events.stream().allMatch(e -> recipient.index().contains(e.id())),
                "the live recipient got everything");
        long stallMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("outbox stall with a silent and a closed recipient: " + stallMs + " ms");
        assertTrue(stallMs < 5000, "deliveries to the live recipient took " + stallMs + " ms");

        waitFor(() -> hasDeadLetter(events.get(0).id(), silentUrl) && hasDeadLetter(events.get(1).id(), closedUrl),
                "the dead deliveries are dead-lettered");
        String silentReason = deadLetter(events.get(0).id(), silentUrl).reason();
        assertTrue(silentReason.startsWith("expired: ") || silentReason.startsWith("attempts: "), silentReason);
        LogPartition partition = new LogPartition(last.topic(), last.partition());
        waitFor(() -> alice.state().outboxOffsets().getOrDefault(partition, 0L) > last.offset(),
                "the stored outbox offset passed every record");
    }

    @Test
    @Order(5)
    void aRecipientThatNeverAnswersIsGivenUpOnWithoutHoldingUpTheOthers() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Event e = aliceKey.sign(new EventTemplate(now, 3423, List.of(), "{\"v\":1,\"mute\":1}"));
        long t0 = System.nanoTime();
        RecordPosition at = alice.log().appendToOutbox(new OutboxRecord(e, List.of(muteUrl, recipientUrl))).get();
        waitFor(() -> recipient.index().contains(e.id()), "the live recipient got it");
        long stallMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("outbox stall with a recipient that never answers: " + stallMs + " ms");
        assertTrue(stallMs < 5000, "delivery to the live recipient took " + stallMs + " ms");
        waitFor(() -> hasDeadLetter(e.id(), muteUrl), "the unanswered delivery is dead-lettered");
        GatewayState.DeadLetter d = deadLetter(e.id(), muteUrl);
        // Sent at least once over the open websocket, then given up on for want of an OK.
        assertTrue(d.attempts() >= 1 && d.reason().contains("no OK"), d.attempts() + " " + d.reason());
        LogPartition partition = new LogPartition(at.topic(), at.partition());
        waitFor(() -> alice.state().outboxOffsets().getOrDefault(partition, 0L) > at.offset(),
                "the stored outbox offset passed the record");
    }

    @Test
    @Order(6)
    void eachRecipientHasItsOwnPendingCap() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        List<Event> events = new ArrayList<>();
        List<CompletableFuture<RecordPosition>> appends = new ArrayList<>();
        for (int i = 0; i < PENDING_CAP + 5; i++) {
            Event e = aliceKey.sign(new EventTemplate(now, 3423, List.of(), "{\"v\":1,\"cap\":" + i + "}"));
            events.add(e);
            appends.add(alice.log().appendToOutbox(new OutboxRecord(e, List.of(closedUrl))));
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get();
        // The cap may wait; the rest is dead-lettered at once, well before the 3 s age limit.
        waitFor(() -> events.stream().filter(e -> hasDeadLetter(e.id(), closedUrl)).count() >= 5,
                "deliveries beyond the cap are dead-lettered");
        long capped = alice.state().deadLetters().stream()
                .filter(x -> x.reason().startsWith("pending-cap: "))
                .filter(x -> events.stream().anyMatch(e -> e.id().equals(x.eventId()))).count();
        assertEquals(5, capped);
    }

    @Test
    @Order(7)
    void theOutboxStaysWithinTheRecipientsPublishedRate() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        long retriedBefore = alice.outbox().retried();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Event e = aliceKey.sign(new EventTemplate(now, 3423, List.of(), "{\"v\":1,\"paced\":" + i + "}"));
            events.add(e);
            alice.log().appendToOutbox(new OutboxRecord(e, List.of(recipientUrl))).get();
        }
        waitFor(() -> events.stream().allMatch(e -> recipient.index().contains(e.id())), "all 40 delivered");
        // Sent all at once, 40 events into a burst of 10 draw about 30 rate-limited answers; paced, none (one
        // is tolerated for scheduling noise on a loaded machine).
        long retried = alice.outbox().retried() - retriedBefore;
        assertTrue(retried <= 1, "the recipient answered " + retried + " times rate-limited");
    }

    private GatewayState.DeadLetter deadLetter(String eventId, String url) {
        return alice.state().deadLetters().stream().filter(x -> x.eventId().equals(eventId) && x.relayUrl()
                .equals(url)).findFirst().orElseThrow(() -> new AssertionError("no dead letter for " + eventId));
    }

    private boolean hasDeadLetter(String eventId, String url) {
        return alice.state().deadLetters().stream()
                .anyMatch(x -> x.eventId().equals(eventId) && x.relayUrl().equals(url));
    }

    private static Set<String> storedIds(RelayNode node) {
        Set<String> ids = new HashSet<>();
        try (EventLogReader<LoggedEvent> r = EventLogReader.events(SharedKafka.bootstrapServers(),
                node.topics().eventTopics())) {
            assertTrue(r.catchUp(r.endOffsets(), Duration.ofSeconds(20), (v, p) -> ids.add(v.event().id())));
        }
        return ids;
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
