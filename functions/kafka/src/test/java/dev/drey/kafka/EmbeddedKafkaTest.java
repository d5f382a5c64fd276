package dev.drey.kafka;

import static org.junit.jupiter.api.Assertions.*;

import dev.drey.nostr.Event;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's life cycle: start, stop, start again on the same data and port, appends across it. */
class EmbeddedKafkaTest {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);

    private static List<String> replayIds(EmbeddedKafka kafka, Topics topics) {
        List<String> ids = new ArrayList<>();
        try (EventLogReader<LoggedEvent> reader = EventLogReader.events(kafka.bootstrapServers(), topics.eventTopics())) {
            assertTrue(reader.catchUp(reader.endOffsets(), Duration.ofSeconds(10), (e, p) -> ids.add(e.event().id())));
        }
        return ids;
    }

    @Test
    void survivesStopAndRestartWithAppendsFailingCleanlyInBetween(@TempDir Path dir) throws Exception {
        Topics topics = Topics.unprefixed();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).build().start()) {
            System.out.printf("embedded broker: first start %d ms%n", kafka.lastStartTime().toMillis());
            String address = kafka.bootstrapServers();
            try (EventLog log = new EventLog(EventLogConfig.of(address).withDeliveryTimeout(DELIVERY_TIMEOUT))) {
                log.ensureTopics();
                Event before = TestEvents.event(ProtocolKinds.SIGN_REQUEST, "before the stop");
                log.append(before).get(10, TimeUnit.SECONDS);

                kafka.stop();
                assertFalse(kafka.isRunning());
                Event during = TestEvents.event(ProtocolKinds.SIGN_REQUEST, "while stopped");
                long t0 = System.nanoTime();
                CompletableFuture<RecordPosition> pending = log.append(during);
                long appendMs = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(appendMs < 500, "append() must not block the caller while Kafka is down: " + appendMs + " ms");
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> pending.get(DELIVERY_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS));
                long waitedMs = (System.nanoTime() - t0) / 1_000_000;
                AppendFailedException cause = assertInstanceOf(AppendFailedException.class, failed.getCause());
                assertTrue(cause.getMessage().startsWith("error: Kafka did not acknowledge"), cause.getMessage());
                assertEquals(during.id(), cause.eventId());
                assertEquals("drey.sign", cause.topic());
                assertTrue(waitedMs >= DELIVERY_TIMEOUT.toMillis() - 100 && waitedMs < DELIVERY_TIMEOUT.toMillis() + 3_000,
                        "failed after " + waitedMs + " ms");

                kafka.start();
                System.out.printf("embedded broker: restart %d ms%n", kafka.lastStartTime().toMillis());
                assertEquals(address, kafka.bootstrapServers(), "same address after a restart");
                // The same producer carries on; re-sending the refused event is safe.
                Event after = TestEvents.event(ProtocolKinds.SIGN_REQUEST, "after the restart");
                log.append(after).get(15, TimeUnit.SECONDS);
                log.append(during).get(15, TimeUnit.SECONDS);

                List<String> ids = replayIds(kafka, topics);
                assertTrue(ids.containsAll(List.of(before.id(), after.id(), during.id())), ids.toString());
                assertEquals(before.id(), ids.get(0), "data from before the stop is kept, first");
            }
        }
        assertTrue(Files.exists(dir.resolve("meta.properties")), "a given data directory is kept on close");
    }

    @Test
    void aNewBrokerOnTheSameDirectoryAndPortServesTheOldLog(@TempDir Path dir) throws Exception {
        Event e = TestEvents.event(ProtocolKinds.MPIN_SERVER_SECRET_REQUEST, TestEvents.TRICKY);
        int port;
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDir(dir).build().start();
                EventLog log = new EventLog(EventLogConfig.of(first.bootstrapServers()))) {
            port = first.port();
            log.ensureTopics();
            log.append(e).get(10, TimeUnit.SECONDS);
        }
        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDir(dir).port(port).build().start()) {
            System.out.printf("embedded broker: start on existing data %d ms%n", second.lastStartTime().toMillis());
            assertEquals("127.0.0.1:" + port, second.bootstrapServers());
            assertEquals(List.of(e.id()), replayIds(second, Topics.unprefixed()));
        }
    }

    @Test
    void everyAcknowledgedAppendSurvivesAStopWhileProducing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).build().start();
                EventLog log = new EventLog(EventLogConfig.of(kafka.bootstrapServers())
                        .withDeliveryTimeout(DELIVERY_TIMEOUT))) {
            log.ensureTopics();
            Set<String> acked = ConcurrentHashMap.newKeySet();
            Set<String> refused = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<RecordPosition>> all = new ArrayList<>();
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicBoolean restarted = new AtomicBoolean(false);
            Set<String> ackedAfterRestart = ConcurrentHashMap.newKeySet();
            Thread producer = new Thread(() -> {
                for (int i = 0; producing.get(); i++) {
                    Event e = TestEvents.event(ProtocolKinds.SIGNATURE_SHARE, "share " + i);
                    boolean afterRestart = restarted.get();
                    CompletableFuture<RecordPosition> f = log.append(e).whenComplete((pos, err) -> {
                        if (err == null) {
                            acked.add(e.id());
                            if (afterRestart) {
                                ackedAfterRestart.add(e.id());
                            }
                        } else {
                            refused.add(e.id());
                        }
                    });
                    synchronized (all) {
                        all.add(f);
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }, "test-producer");
            producer.start();
            Thread.sleep(300);
            kafka.stop();
            Thread.sleep(DELIVERY_TIMEOUT.toMillis() + 500);
            kafka.start();
            restarted.set(true);
            Thread.sleep(1000);
            producing.set(false);
            producer.join();
            synchronized (all) {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                        .handle((v, err) -> null).get(DELIVERY_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            }
            assertFalse(refused.isEmpty(), "some appends were refused while the broker was down");
            assertFalse(ackedAfterRestart.isEmpty(), "appends are acknowledged again after the restart");
            Set<String> stored = new HashSet<>(replayIds(kafka, Topics.unprefixed()));
            Set<String> missing = new HashSet<>(acked);
            missing.removeAll(stored);
            assertEquals(Set.of(), missing, "acknowledged but not stored");
            System.out.printf("durability: %d acknowledged (%d after the restart), %d refused, %d stored%n",
                    acked.size(), ackedAfterRestart.size(), refused.size(), stored.size());
        }
    }

    @Test
    void aBusyPortIsAClearStartError(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).port(busy.getLocalPort()).build()) {
            EmbeddedKafkaException e = assertThrows(EmbeddedKafkaException.class, kafka::start);
            assertTrue(e.getMessage().contains("failed to start on 127.0.0.1:" + busy.getLocalPort()), e.getMessage());
            assertFalse(kafka.isRunning());
        }
    }

    @Test
    void aTemporaryBrokerDeletesItsDataOnClose() {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.temporary()) {
            dir = kafka.dataDir();
            assertThrows(IllegalStateException.class, kafka::bootstrapServers, "no port before the first start");
            kafka.start();
            assertThrows(IllegalStateException.class, kafka::start, "already running");
            assertTrue(Files.exists(dir.resolve("meta.properties")));
        }
        assertFalse(Files.exists(dir));
    }
}
