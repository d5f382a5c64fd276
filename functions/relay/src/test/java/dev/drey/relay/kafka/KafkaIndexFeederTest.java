package dev.drey.relay.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogConfig;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.kafka.Topics;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.relay.IndexFeed;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.SubscriptionRegistry;
import dev.drey.relay.TestKeys;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.relay.store.MvStoreEventIndex;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The index feeder against a real broker: what reaches the index, and what happens when it dies. */
class KafkaIndexFeederTest {

    @Test
    void aRecordWithABadSignatureWrittenStraightToTheTopicIsNeverIndexed() throws Exception {
        RelayConfig config = RelayConfig.allowing("ws://127.0.0.1:7447", Set.of(TestKeys.ALICE.pubkey()));
        try (RelayNode node = RelayNode.start(RelayNodeSettings.of(config, SharedKafka.bootstrapServers())
                .withTopicPrefix(SharedKafka.freshPrefix("feeder-verify")))) {
            node.awaitCaughtUp(Duration.ofSeconds(30));
            long now = System.currentTimeMillis() / 1000;
            Event genuine = TestKeys.ALICE.sign(now, 1, List.of(List.of("t", "feeder")), "signed by alice");
            Event other = TestKeys.ALICE.sign(now, 1, List.of(List.of("t", "feeder")), "another");
            // Alice's key and a well-formed record, but the signature belongs to another event.
            Event forged = new Event(genuine.id(), genuine.pubkey(), genuine.createdAt(), genuine.kind(),
                    genuine.tags(), genuine.content(), other.sig());
            Event after = TestKeys.ALICE.sign(now, 1, List.of(List.of("t", "feeder")), "written after the forgery");
            // Straight to the topic, as anything holding producer credentials could: the relay never saw them.
            node.log().append(forged).get(30, TimeUnit.SECONDS);
            node.log().append(after).get(30, TimeUnit.SECONDS);
            await(() -> node.index().contains(after.id()), "the record after the forged one was indexed");
            assertFalse(node.index().contains(forged.id()), "a record that does not verify reached the index");
            assertEquals(1, node.feeder().rejectedCount());
            assertEquals(List.of(after), node.index().query(List.of(Filter.builder().tag('t', "feeder").build())));
            assertTrue(node.feeder().isRunning());
        }
    }

    @Test
    void anErrorEndsTheFeederAndSaysWhy() throws Exception {
        String prefix = SharedKafka.freshPrefix("feeder-error");
        Topics topics = Topics.withPrefix(prefix);
        try (EventLog log = new EventLog(EventLogConfig.of(SharedKafka.bootstrapServers()).withTopics(topics));
                MvStoreEventIndex index = MvStoreEventIndex.inMemory()) {
            log.ensureTopics();
            IndexFeed feed = new IndexFeed(index, new SubscriptionRegistry());
            try (KafkaIndexFeeder feeder = new KafkaIndexFeeder(SharedKafka.bootstrapServers(), KafkaClientSettings.NONE,
                    topics.eventTopics(), index, (event, position) -> {
                        if (event.content().equals("poison")) {
                            throw new OutOfMemoryError("Java heap space (simulated)");
                        }
                        feed.onRecord(event, position);
                    }, Duration.ofSeconds(30)).start()) {
                long now = System.currentTimeMillis() / 1000;
                Event fine = TestKeys.ALICE.sign(now, 1, List.of(), "fine");
                log.append(fine).get(30, TimeUnit.SECONDS);
                await(() -> index.contains(fine.id()), "the first record was indexed");
                assertTrue(feeder.isRunning());
                assertEquals("", feeder.failure());
                log.append(TestKeys.ALICE.sign(now, 1, List.of(), "poison")).get(30, TimeUnit.SECONDS);
                await(() -> !feeder.isRunning(), "the feeder stopped after the error");
                assertTrue(feeder.failure().startsWith("OutOfMemoryError"), feeder.failure());
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
