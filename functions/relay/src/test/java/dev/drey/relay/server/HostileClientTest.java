package dev.drey.relay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.Nip42;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.IndexFeed;
import dev.drey.relay.RateLimit;
import dev.drey.relay.Relay;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RelayLimits;
import dev.drey.relay.ResourceLimits;
import dev.drey.relay.SubscriptionRegistry;
import dev.drey.relay.TestKeys;
import dev.drey.relay.TestPorts;
import dev.drey.relay.WsClient;
import dev.drey.relay.kafka.SharedKafka;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.relay.store.InMemoryEventLog;
import dev.drey.relay.store.MvStoreEventIndex;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The plain Vert.x host against clients that lie about the Host, never read, flood, or never authenticate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientTest {
    private static final NostrParser PARSER = new NostrParser();
    private Vertx vertx;

    @BeforeAll
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    void stop() {
        vertx.close();
    }

    /** A relay over an in-memory log and index, served on a fresh port that its public URL names. */
    private record Served(Relay relay, RelayServer server, MvStoreEventIndex index, ExecutorService queries)
            implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            queries.shutdownNow();
            index.close();
        }
    }

    private Served serve(java.util.function.UnaryOperator<RelayConfig> tune) {
        int port = TestPorts.free();
        RelayConfig config = tune.apply(RelayConfig.allowing(TestPorts.url(port),
                Set.of(TestKeys.ALICE.pubkey(), TestKeys.BOB.pubkey())));
        MvStoreEventIndex index = MvStoreEventIndex.inMemory();
        SubscriptionRegistry live = new SubscriptionRegistry();
        ExecutorService queries = Executors.newSingleThreadExecutor();
        Relay relay = Relay.privateRelay(config, new InMemoryEventLog(new IndexFeed(index, live)), index, live, queries);
        return new Served(relay, RelayServer.start(vertx, relay, "127.0.0.1", port), index, queries);
    }

    private static String challenge(RawWebSocket ws) throws IOException {
        return ((RelayMessage.AuthChallenge) PARSER.parseRelayMessage(ws.readText())).challenge();
    }

    @Test
    void anAuthEventMadeForRelayAIsRefusedAtRelayBWhateverHostTheClientSends() throws Exception {
        try (Served b = serve(c -> c)) {
            // The attacker dials B naming A in the Host header, and has a member sign B's challenge for A
            // (a relay A it runs, or one whose AUTH it relays). Judged by the Host header, this passed.
            String relayA = "ws://relay-a.example:7447/";
            try (RawWebSocket ws = RawWebSocket.connect(b.server().port(), "relay-a.example:7447", 0)) {
                assertEquals(101, ws.status);
                Event captured = TestKeys.BOB.auth(relayA, challenge(ws), System.currentTimeMillis() / 1000);
                ws.sendText(new ClientMessage.Auth(captured).toJson());
                assertEquals(new RelayMessage.Ok(captured.id(), false, Nip42.Result.RELAY_MISMATCH.message()),
                        PARSER.parseRelayMessage(ws.readText()));
            }
            // The same member answering for B's own public URL is accepted, whatever the Host header said.
            try (RawWebSocket ws = RawWebSocket.connect(b.server().port(), "relay-a.example:7447", 0)) {
                Event honest = TestKeys.BOB.auth(b.server().url(), challenge(ws), System.currentTimeMillis() / 1000);
                ws.sendText(new ClientMessage.Auth(honest).toJson());
                assertEquals(new RelayMessage.Ok(honest.id(), true, ""), PARSER.parseRelayMessage(ws.readText()));
            }
        }
    }

    @Test
    void connectionsBeyondThePerAddressCapAreRefusedAtTheHandshake() throws Exception {
        try (Served r = serve(c -> c.withResources(new ResourceLimits(100, 2, 60_000, 1 << 20, 20, 4, 100_000)));
                RawWebSocket first = RawWebSocket.connect(r.server().port(), "x", 0);
                RawWebSocket second = RawWebSocket.connect(r.server().port(), "x", 0);
                RawWebSocket third = RawWebSocket.connect(r.server().port(), "x", 0)) {
            assertEquals(101, first.status);
            assertEquals(101, second.status);
            assertEquals(503, third.status);
            first.close();
            await(() -> r.relay().stats().openConnections() == 1, "the closed connection's slot came back");
            try (RawWebSocket again = RawWebSocket.connect(r.server().port(), "x", 0)) {
                assertEquals(101, again.status);
            }
        }
    }

    @Test
    void aConnectionThatNeverAuthenticatesIsClosedAtTheDeadline() throws Exception {
        try (Served r = serve(c -> c.withResources(new ResourceLimits(100, 10, 300, 1 << 20, 20, 4, 100_000)));
                RawWebSocket silent = RawWebSocket.connect(r.server().port(), "x", 0)) {
            challenge(silent);
            long t0 = System.currentTimeMillis();
            assertNull(silent.readText(), "closed by the relay");
            assertTrue(System.currentTimeMillis() - t0 < 5000);
            await(() -> r.relay().stats().disconnected(Relay.Disconnect.AUTH_TIMEOUT) == 1, "counted");
        }
    }

    @Test
    void aFloodAfterBeingRateLimitedIsCutOff() throws Exception {
        try (Served r = serve(c -> c)) {
            Flood flood = flood(r.server().port(), 100_000);
            // Answered 1000 (the burst) + 20 times, then closed; the socket may absorb the rest first.
            assertTrue(flood.closed, "the relay closed the flooding connection");
            await(() -> r.relay().stats().disconnected(Relay.Disconnect.RATE_LIMITED) == 1, "counted");
        }
    }

    /**
     * The slow-reader flood against the real stack (Kafka log): with the per-connection rate limit
     * out of the way, only the output bound stands between 300k unread answers and the heap. (The
     * kernel's socket buffers take several MB of answers first, so the flood must be larger than that.)
     */
    @Test
    void aFloodingClientThatNeverReadsIsClosedWhileAMemberPublishes() throws Exception {
        int port = TestPorts.free();
        RelayLimits d = RelayLimits.DEFAULT;
        RelayLimits unlimited = new RelayLimits(d.maxMessageBytes(), d.maxEventTags(), d.maxContentLength(),
                d.maxSubscriptions(), d.maxFilters(), d.maxLimit(), d.defaultLimit(), d.createdAtPastSeconds(),
                d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(), d.protocolCreatedAtFutureSeconds(),
                new RateLimit(10_000_000, 10_000_000), d.perKey(), d.catchUpTimeoutMillis());
        RelayConfig config = RelayConfig.allowing(TestPorts.url(port), Set.of(TestKeys.ALICE.pubkey()))
                .withLimits(unlimited).withResources(new ResourceLimits(100, 10, 120_000, 64 * 1024, 20, 4, 100_000));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RelayNode node = RelayNode.start(RelayNodeSettings.of(config, SharedKafka.bootstrapServers())
                .withTopicPrefix(SharedKafka.freshPrefix("flood")))) {
            node.awaitCaughtUp(Duration.ofSeconds(30));
            RelayServer server = RelayServer.start(vertx, node.relay(), "127.0.0.1", port);
            try (WsClient alice = new WsClient(URI.create(server.url()))) {
                assertTrue(alice.authAs(TestKeys.ALICE, server.url()).accepted());
                System.gc();
                long baseline = memory.getHeapMemoryUsage().getUsed();
                AtomicLong peak = new AtomicLong(baseline);
                AtomicBoolean sampling = new AtomicBoolean(true);
                Thread sampler = new Thread(() -> {
                    while (sampling.get()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.start();
                Future<Flood> flooding = pool.submit((Callable<Flood>) () -> flood(port, 300_000));
                Future<Integer> honest = pool.submit(() -> {
                    int accepted = 0;
                    long now = System.currentTimeMillis() / 1000;
                    for (int i = 0; i < 20; i++) {
                        if (alice.publish(TestKeys.ALICE.sign(now, 1, List.of(List.of("t", "honest")), "n" + i),
                                10_000).accepted()) {
                            accepted++;
                        }
                    }
                    return accepted;
                });
                Flood flood = flooding.get(120, TimeUnit.SECONDS);
                assertEquals(20, honest.get(120, TimeUnit.SECONDS), "every honest event accepted during the flood");
                sampling.set(false);
                sampler.join();
                assertTrue(flood.closed, "the relay closed the flooding connection after " + flood.sent + " frames");
                await(() -> node.relay().stats().disconnected(Relay.Disconnect.SLOW_READER) == 1, "counted");
                long grewMiB = (peak.get() - baseline) >> 20;
                System.out.printf("slow-reader flood: %d frames sent, heap grew at most %d MiB%n", flood.sent, grewMiB);
                assertTrue(grewMiB < 128, "heap grew by " + grewMiB + " MiB");
                assertEquals(20, alice.query(Filter.builder().tag('t', "honest").build()).size());
            } finally {
                server.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a flooder managed: frames written, and whether the relay closed the connection on it. */
    private record Flood(int sent, boolean closed) {
    }

    /**
     * Writes up to {@code frames} REQ frames without reading a byte (a tiny receive buffer, so the
     * answers back up in the relay), then waits briefly for the relay to close the connection.
     */
    private static Flood flood(int port, int frames) throws IOException, InterruptedException {
        byte[] req = RawWebSocket.textFrame(new ClientMessage.Req("flood-" + "x".repeat(40),
                List.of(Filter.builder().kinds(1).limit(500).build())).toJson());
        byte[] probe = RawWebSocket.textFrame("[\"CLOSE\",\"nothing\"]");
        try (RawWebSocket ws = RawWebSocket.connect(port, "flooder", 4096)) {
            int sent = 0;
            try {
                for (; sent < frames; sent++) {
                    ws.write(req);
                }
                // Everything written: keep poking until the relay drops the socket (or give up).
                long deadline = System.currentTimeMillis() + 20_000;
                while (System.currentTimeMillis() < deadline) {
                    ws.write(probe);
                    Thread.sleep(10);
                }
                return new Flood(sent, false);
            } catch (IOException e) {
                return new Flood(sent, true);
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
