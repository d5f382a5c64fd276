package dev.drey.relay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.LoggedEvent;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.TestKeys;
import dev.drey.relay.WsClient;
import dev.drey.relay.server.RelayServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The broker stops while clients publish: every event answered {@code OK true} is in Kafka once
 * it is back, the ones answered {@code OK false "error: ..."} can be sent again safely, and the
 * index ends up with each event once.
 */
class KafkaDurabilityTest {
    private static final int CLIENTS = 4;
    private static final int PER_CLIENT = 120;

    @Test
    void noAcknowledgedEventIsLostWhenTheBrokerStops() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.temporary().start()) {
            Vertx vertx = Vertx.vertx();
            int port = dev.drey.relay.TestPorts.free();
            RelayConfig config = RelayConfig.allowing(dev.drey.relay.TestPorts.url(port),
                    Set.of(TestKeys.ALICE.pubkey(), TestKeys.BOB.pubkey()));
            RelayNode node = RelayNode.start(RelayNodeSettings.of(config, kafka.bootstrapServers())
                    .withDeliveryTimeout(Duration.ofSeconds(2)));
            RelayServer server = RelayServer.start(vertx, node.relay(), "127.0.0.1", port);
            try {
                Set<String> okTrue = ConcurrentHashMap.newKeySet();
                List<Event> okFalse = java.util.Collections.synchronizedList(new ArrayList<>());
                List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
                CountDownLatch halfway = new CountDownLatch(CLIENTS);
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                long now = System.currentTimeMillis() / 1000;
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(pool.submit(() -> {
                        try (WsClient ws = new WsClient(URI.create(server.url()))) {
                            for (int i = 0; i < PER_CLIENT; i++) {
                                if (i == PER_CLIENT / 3) {
                                    halfway.countDown();
                                }
                                Event e = (client % 2 == 0 ? TestKeys.ALICE : TestKeys.BOB).sign(now - i, 1,
                                        List.of(List.of("t", "durable")), "client " + client + " event " + i);
                                RelayMessage.Ok ok = ws.publish(e, 15_000);
                                if (ok.accepted()) {
                                    okTrue.add(e.id());
                                } else {
                                    okFalse.add(e);
                                    refusals.add(ok.message());
                                }
                                Thread.sleep(10);
                            }
                        }
                        return null;
                    }));
                }
                assertTrue(halfway.await(60, TimeUnit.SECONDS));
                kafka.stop();
                Thread.sleep(3000);
                kafka.start();
                for (Future<?> f : clients) {
                    f.get(120, TimeUnit.SECONDS);
                }
                pool.shutdown();
                assertFalse(okFalse.isEmpty(), "the broker was down for 3 s, some appends must have failed");
                for (String r : refusals) {
                    assertTrue(r.startsWith("error: "), r);
                }

                // Every OK true is in the log.
                Set<String> logged = loggedIds(kafka.bootstrapServers(), node);
                Set<String> missing = new HashSet<>(okTrue);
                missing.removeAll(logged);
                assertEquals(Set.of(), missing, "events acknowledged but not in Kafka");

                // OK false events may be sent again: all end up stored, the index has each once.
                try (WsClient ws = new WsClient(URI.create(server.url()))) {
                    assertTrue(ws.authAs(TestKeys.ALICE, server.url()).accepted());
                    for (Event e : okFalse) {
                        assertTrue(ws.publish(e, 15_000).accepted());
                    }
                    List<Event> all = ws.query(Filter.builder().tag('t', "durable").limit(5000).build());
                    assertEquals(CLIENTS * PER_CLIENT, all.size());
                    assertEquals(CLIENTS * PER_CLIENT, all.stream().map(Event::id).distinct().count());
                }
                assertTrue(loggedIds(kafka.bootstrapServers(), node).containsAll(
                        okFalse.stream().map(Event::id).toList()));
            } finally {
                server.close();
                node.close();
                vertx.close();
            }
        }
    }

    private static Set<String> loggedIds(String bootstrap, RelayNode node) {
        Set<String> ids = new HashSet<>();
        try (EventLogReader<LoggedEvent> r = EventLogReader.events(bootstrap, node.topics().eventTopics())) {
            assertTrue(r.catchUp(r.endOffsets(), Duration.ofSeconds(30), (v, p) -> ids.add(v.event().id())));
        }
        return ids;
    }
}
