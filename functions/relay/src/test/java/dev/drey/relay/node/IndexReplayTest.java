package dev.drey.relay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.TestKeys;
import dev.drey.relay.WsClient;
import dev.drey.relay.kafka.SharedKafka;
import dev.drey.relay.server.RelayServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index is a derived view: delete it, restart, and replaying the topics gives the same answers. */
class IndexReplayTest {
    private static final List<Filter> QUERIES = List.of(
            Filter.ALL,
            Filter.builder().kinds(0).build(),
            Filter.builder().kinds(30000).tag('d', "profile").build(),
            Filter.builder().authors(TestKeys.BOB.pubkey()).limit(3).build(),
            Filter.builder().tag('t', "replay").since(1_700_000_010L).until(1_700_000_020L).build(),
            Filter.builder().kinds(20001).build());

    @TempDir
    Path data;

    @Test
    void deletingTheIndexThenRestartingRebuildsTheSameAnswers() throws Exception {
        Vertx vertx = Vertx.vertx();
        String prefix = SharedKafka.freshPrefix("replay");
        int port = dev.drey.relay.TestPorts.free();
        RelayConfig config = RelayConfig.allowing(dev.drey.relay.TestPorts.url(port),
                Set.of(TestKeys.ALICE.pubkey(), TestKeys.BOB.pubkey()))
                .withLimits(dev.drey.relay.RelayLimits.DEFAULT);
        // Fixed old timestamps: widen the created_at window so they are accepted.
        var l = config.limits();
        config = config.withLimits(new dev.drey.relay.RelayLimits(l.maxMessageBytes(), l.maxEventTags(),
                l.maxContentLength(), l.maxSubscriptions(), l.maxFilters(), l.maxLimit(), l.defaultLimit(),
                20L * 365 * 24 * 3600, l.createdAtFutureSeconds(), l.protocolCreatedAtPastSeconds(),
                l.protocolCreatedAtFutureSeconds(), l.perConnection(), l.perKey(),
                l.catchUpTimeoutMillis()));
        RelayNodeSettings settings = RelayNodeSettings.of(config, SharedKafka.bootstrapServers())
                .withTopicPrefix(prefix).withDataDir(data);
        List<List<Event>> before;
        long sizeBefore;
        try (RelayNode node = RelayNode.start(settings)) {
            RelayServer server = RelayServer.start(vertx, node.relay(), "127.0.0.1", port);
            try (WsClient c = new WsClient(URI.create(server.url()))) {
                c.authAs(TestKeys.ALICE, server.url());
                long t = 1_700_000_000L;
                for (int i = 0; i < 30; i++) {
                    TestKeys k = i % 2 == 0 ? TestKeys.ALICE : TestKeys.BOB;
                    assertTrue(c.publish(k.sign(t + i, 1, List.of(List.of("t", "replay")), "n" + i)).accepted());
                }
                // Replaceable: the newer profile wins even when it arrives first.
                assertTrue(c.publish(TestKeys.ALICE.sign(t + 50, 0, List.of(), "{\"name\":\"new\"}")).accepted());
                assertTrue(c.publish(TestKeys.ALICE.sign(t + 40, 0, List.of(), "{\"name\":\"old\"}")).accepted());
                // Addressable: one per (kind, author, d).
                assertTrue(c.publish(TestKeys.BOB.sign(t + 60, 30000, List.of(List.of("d", "profile")), "v1")).accepted());
                assertTrue(c.publish(TestKeys.BOB.sign(t + 61, 30000, List.of(List.of("d", "profile")), "v2")).accepted());
                // Ephemeral: answered, never stored.
                assertTrue(c.publish(TestKeys.ALICE.sign(t + 70, 20001, List.of(), "gone")).accepted());
                before = runQueries(c);
            }
            sizeBefore = node.index().size();
            server.close();
        }
        assertEquals(1, before.get(1).size());
        assertEquals("{\"name\":\"new\"}", before.get(1).get(0).content());
        assertEquals("v2", before.get(2).get(0).content());
        assertEquals(0, before.get(5).size());
        assertEquals(11, before.get(4).size(), "since and until are inclusive");

        deleteRecursively(data.resolve("index"));
        try (RelayNode node = RelayNode.start(settings)) {
            node.awaitCaughtUp(Duration.ofSeconds(30));
            assertEquals(sizeBefore, node.index().size());
            RelayServer server = RelayServer.start(vertx, node.relay(), "127.0.0.1", port);
            try (WsClient c = new WsClient(URI.create(server.url()))) {
                c.authAs(TestKeys.ALICE, server.url());
                assertEquals(before, runQueries(c));
            }
            server.close();
        } finally {
            vertx.close();
        }
    }

    private static List<List<Event>> runQueries(WsClient c) throws InterruptedException {
        List<List<Event>> out = new ArrayList<>();
        for (Filter f : QUERIES) {
            out.add(c.query(f));
        }
        return out;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
