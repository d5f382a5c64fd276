package dev.drey.relay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.kafka.OutboxRecord;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Filter;
import dev.drey.relay.MinerKey;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.TestKeys;
import dev.drey.relay.WsClient;
import dev.drey.relay.gateway.Backoff;
import dev.drey.relay.gateway.GatewaySettings;
import dev.drey.relay.server.RelayServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A relay node against a broker whose only client listener demands SASL/PLAIN, as MSK with IAM or
 * a SCRAM cluster would: with the client settings every Kafka client of the node connects (append,
 * index, outbox, health); without them the node refuses to start, saying why, instead of hanging.
 */
class SaslRelayNodeTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), () -> 0.5);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().saslPlain("relay", "relay-secret").build().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** The relay's public URL: the server of the test that starts one listens on this port. */
    private static final int PORT = dev.drey.relay.TestPorts.free();

    private static RelayNodeSettings settings(String prefix, KafkaClientSettings client, Duration deliveryTimeout) {
        return RelayNodeSettings.of(RelayConfig.allowing(dev.drey.relay.TestPorts.url(PORT), Set.of(TestKeys.ALICE.pubkey(), TestKeys.CAROL.pubkey())),
                        kafka.bootstrapServers())
                .withTopicPrefix(prefix).withMinerKey(MinerKey.parse(TestKeys.ALICE.secretHex()))
                .withDeliveryTimeout(deliveryTimeout).withBackoff(FAST).withKafkaClient(client);
    }

    @Test
    void everyKafkaClientOfTheNodeAuthenticates() throws Exception {
        KafkaClientSettings sasl = kafka.clientSettings();
        Vertx vertx = Vertx.vertx();
        // The outbox publishes only to roster and configured relays: this node's own server.
        try (RelayNode node = RelayNode.start(settings("sasl-node", sasl, Duration.ofSeconds(10))
                .withGateway(GatewaySettings.DEFAULT.withOutboxRelays(Set.of(dev.drey.relay.TestPorts.url(PORT)))))) {
            node.awaitCaughtUp(Duration.ofSeconds(10));
            waitFor(() -> node.outbox() != null, "the gateway started");
            Map<String, Properties> clients = Map.of(
                    "producer", node.log().producerProperties(),
                    "topic admin", node.log().adminProperties(),
                    "index feeder", node.feeder().consumerProperties(),
                    "outbox reader", node.outbox().consumerProperties(),
                    "health probe", node.probe().adminProperties());
            clients.forEach((name, props) -> sasl.values().forEach((k, v) ->
                    assertEquals(v, props.get(k), name + " " + k)));

            var health = node.kafkaHealth();
            assertTrue(health.up(), health.error());
            assertEquals(1, health.brokers());

            RelayServer server = RelayServer.start(vertx, node.relay(), "127.0.0.1", PORT);
            try (WsClient carol = new WsClient(URI.create(server.url()))) {
                assertTrue(carol.authAs(TestKeys.CAROL, server.url()).accepted());
                Event note = TestKeys.CAROL.sign(System.currentTimeMillis() / 1000, 1, List.of(), "over SASL");
                // OK true only once Kafka acknowledged the append; the query answers from the index.
                assertTrue(carol.publish(note).accepted());
                assertEquals(List.of(note), carol.query(Filter.builder().ids(note.id()).build()));

                // The outbox reader authenticates too: a record on the outbox reaches the relay it names.
                MinerKey alice = MinerKey.parse(TestKeys.ALICE.secretHex());
                Event share = alice.sign(new EventTemplate(System.currentTimeMillis() / 1000, 1, List.of(),
                        "published from the outbox"));
                node.log().appendToOutbox(new OutboxRecord(share, List.of(server.url()))).get();
                waitFor(() -> node.outbox().delivered() == 1 && node.index().contains(share.id()),
                        "the outbox event was published and indexed");
            } finally {
                server.close();
            }
            assertEquals("", node.feeder().lastError());
        } finally {
            vertx.close();
        }
    }

    @Test
    void withoutTheSettingsTheNodeRefusesToStartSayingWhy() {
        long t0 = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RelayNode.start(settings("sasl-none", KafkaClientSettings.NONE, Duration.ofSeconds(2))).close());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 8_000, "fails within about the delivery timeout, not a hang: " + ms + " ms");
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().startsWith("Kafka at " + kafka.bootstrapServers() + " (security.protocol=PLAINTEXT)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("did not answer within 2000 ms"), e.getMessage());
        assertTrue(e.getMessage().endsWith("do the client security settings match its listener?"), e.getMessage());
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }
}
