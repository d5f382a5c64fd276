package dev.drey.relay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.RecordHandler;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.TestKeys;
import dev.drey.relay.WsClient;
import dev.drey.relay.kafka.SharedKafka;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The relay on the plain Vert.x host, its log a real Kafka broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaRelayServerTest {
    private Vertx vertx;
    private RelayNode node;
    private RelayServer server;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        int port = dev.drey.relay.TestPorts.free();
        RelayConfig config = RelayConfig.allowing(dev.drey.relay.TestPorts.url(port),
                Set.of(TestKeys.ALICE.pubkey(), TestKeys.BOB.pubkey()));
        node = RelayNode.start(RelayNodeSettings.of(config, SharedKafka.bootstrapServers())
                .withTopicPrefix(SharedKafka.freshPrefix("server")));
        node.awaitCaughtUp(Duration.ofSeconds(30));
        server = RelayServer.start(vertx, node.relay(), "127.0.0.1", port);
    }

    @AfterAll
    void stop() {
        server.close();
        node.close();
        vertx.close();
    }

    @Test
    void okTrueOnlyForWhatKafkaHoldsAndReadYourWrites() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        List<Event> sent = new ArrayList<>();
        try (WsClient c = new WsClient(URI.create(server.url()))) {
            assertTrue(c.authAs(TestKeys.ALICE, server.url()).accepted());
            for (int i = 0; i < 20; i++) {
                Event e = TestKeys.ALICE.sign(now - i, 1, List.of(List.of("t", "rw")), "note " + i);
                RelayMessage.Ok ok = c.publish(e);
                assertTrue(ok.accepted(), ok.toString());
                sent.add(e);
                // A REQ right after OK sees the event: it waits for the acknowledged offsets.
                assertEquals(List.of(e), c.query(Filter.builder().ids(e.id()).build()));
            }
            assertEquals(new RelayMessage.Ok(sent.get(0).id(), true, "duplicate: already have this event"),
                    c.publish(sent.get(0)));
        }
        // Every acknowledged event is in the family topic, exactly once.
        List<String> logged = new ArrayList<>();
        try (EventLogReader<LoggedEvent> r = EventLogReader.events(SharedKafka.bootstrapServers(),
                node.topics().eventTopics())) {
            Map<org.apache.kafka.common.TopicPartition, Long> end = r.endOffsets();
            RecordHandler<LoggedEvent> h = (v, p) -> logged.add(v.event().id());
            assertTrue(r.catchUp(end, Duration.ofSeconds(20), h));
        }
        for (Event e : sent) {
            assertEquals(1, logged.stream().filter(e.id()::equals).count(), e.id());
        }
    }

    @Test
    void blockedAndInvalidEventsNeverReachKafka() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        try (WsClient c = new WsClient(URI.create(server.url()))) {
            Event mallory = TestKeys.MALLORY.sign(now, 1, List.of(), "not a member");
            RelayMessage.Ok ok = c.publish(mallory);
            assertFalse(ok.accepted());
            assertTrue(ok.message().startsWith("blocked: "), ok.message());
        }
        assertFalse(node.index().contains(TestKeys.MALLORY.sign(now, 1, List.of(), "not a member").id()));
    }

    @Test
    void nip11WithCorsOnTheVertxHost() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/nostr+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("application/nostr+json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(node.relay().information().toJson(), r.body());
        assertTrue(r.body().contains("\"supported_nips\":[1,11,42,70]"));
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(plain.body().contains("nostr"));
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, preflight.statusCode());
        assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void authMustNameTheUrlTheClientDialled() throws Exception {
        try (WsClient c = new WsClient(URI.create(server.url()))) {
            RelayMessage.Ok ok = c.authAs(TestKeys.ALICE, "ws://127.0.0.1:" + (server.port() + 1));
            assertFalse(ok.accepted());
            assertTrue(ok.message().startsWith("invalid: "), ok.message());
        }
    }
}
