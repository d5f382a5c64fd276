package dev.drey.kafka;

import static org.junit.jupiter.api.Assertions.*;

import dev.drey.nostr.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Append and replay against one real embedded broker shared by the class. */
class EventLogTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.temporary().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static EventLog log(String prefix) {
        EventLog log = new EventLog(EventLogConfig.of(kafka.bootstrapServers()).withTopics(Topics.withPrefix(prefix))
                .withDeliveryTimeout(Duration.ofSeconds(5)));
        log.ensureTopics();
        return log;
    }

    @Test
    void appendedEventsReplayIdenticallyFromTheirFamilyTopics() throws Exception {
        try (EventLog log = log("roundtrip")) {
            List<Event> sent = List.of(
                    TestEvents.event(ProtocolKinds.SIGN_REQUEST, TestEvents.TRICKY),
                    TestEvents.event(ProtocolKinds.DKG_ROUND2, "{\"v\":1,\"share\":\"" + "ab".repeat(100) + "\"}"),
                    TestEvents.event(1, ""),
                    TestEvents.event(ProtocolKinds.DREY_ISSUANCE, "\u2028\u2029\uD83D\uDE80", List.of()));
            List<RecordPosition> acks = new ArrayList<>();
            for (Event e : sent) {
                acks.add(log.append(e).get(10, TimeUnit.SECONDS));
            }
            assertEquals("roundtrip.drey.sign", acks.get(0).topic());
            assertEquals("roundtrip.drey.dkg", acks.get(1).topic());
            assertEquals("roundtrip.drey.other", acks.get(2).topic());
            assertEquals("roundtrip.drey.issuance", acks.get(3).topic());

            List<LoggedEvent> read = new ArrayList<>();
            try (EventLogReader<LoggedEvent> reader = EventLogReader.events(kafka.bootstrapServers(),
                    log.topics().eventTopics())) {
                Map<TopicPartition, Long> end = reader.endOffsets();
                assertTrue(reader.catchUp(end, Duration.ofSeconds(10), (e, pos) -> read.add(e)));
                for (RecordPosition ack : acks) {
                    assertTrue(reader.hasRead(ack), ack.toString());
                }
            }
            assertEquals(sent.size(), read.size());
            for (int i = 0; i < sent.size(); i++) {
                Event s = sent.get(i);
                LoggedEvent r = read.stream().filter(x -> x.event().id().equals(s.id())).findFirst().orElseThrow();
                assertEquals(s, r.event());
                assertEquals(s.id(), r.event().computedId(), "same id after the round trip");
                assertTrue(r.event().verify().isValid());
                assertEquals(acks.get(i), r.position());
            }
        }
    }

    @Test
    void outboxRecordsReplayWithTheirRelays() throws Exception {
        try (EventLog log = log("outbox")) {
            OutboxRecord o = new OutboxRecord(TestEvents.event(ProtocolKinds.SESSION_START, TestEvents.TRICKY),
                    List.of("wss://miner2.example", "wss://miner3.example"));
            RecordPosition ack = log.appendToOutbox(o).get(10, TimeUnit.SECONDS);
            assertEquals("outbox.drey.outbox", ack.topic());
            List<OutboxRecord> read = new ArrayList<>();
            try (EventLogReader<OutboxRecord> reader = EventLogReader.outbox(kafka.bootstrapServers(), ack.topic())) {
                assertTrue(reader.catchUp(reader.endOffsets(), Duration.ofSeconds(10), (r, pos) -> read.add(r)));
            }
            assertEquals(List.of(o), read);
        }
    }

    @Test
    void readerCatchesUpToWritesAcknowledgedAfterItStarted() throws Exception {
        try (EventLog log = log("ryw");
                EventLogReader<LoggedEvent> reader = EventLogReader.events(kafka.bootstrapServers(),
                        log.topics().eventTopics())) {
            List<String> seen = new ArrayList<>();
            assertTrue(reader.catchUp(reader.endOffsets(), Duration.ofSeconds(10), (e, p) -> seen.add(e.event().id())));
            assertEquals(List.of(), seen);
            Event e = TestEvents.event(ProtocolKinds.PROOF_OF_LIFE_CLAIM, "claim");
            RecordPosition ack = log.append(e).get(10, TimeUnit.SECONDS);
            assertFalse(reader.hasRead(ack));
            assertTrue(reader.catchUp(reader.endOffsets(), Duration.ofSeconds(10), (x, p) -> seen.add(x.event().id())));
            assertTrue(reader.hasRead(ack));
            assertEquals(List.of(e.id()), seen);
        }
    }

    @Test
    void aFailingHandlerSeesTheSameRecordAgain() throws Exception {
        try (EventLog log = log("rewind")) {
            Event first = TestEvents.event(1, "first");
            Event second = TestEvents.event(1, "second");
            log.append(first).get(10, TimeUnit.SECONDS);
            log.append(second).get(10, TimeUnit.SECONDS);
            List<String> handled = new ArrayList<>();
            try (EventLogReader<LoggedEvent> reader = EventLogReader.events(kafka.bootstrapServers(),
                    List.of(log.topics().topicFor(1)))) {
                RecordHandler<LoggedEvent> failOnSecondOnce = new RecordHandler<>() {
                    boolean failed;

                    @Override
                    public void onRecord(LoggedEvent e, RecordPosition p) {
                        if (e.event().equals(second) && !failed) {
                            failed = true;
                            throw new IllegalStateException("index write failed");
                        }
                        handled.add(e.event().content());
                    }
                };
                Map<TopicPartition, Long> end = reader.endOffsets();
                IllegalStateException ex = assertThrows(IllegalStateException.class,
                        () -> reader.catchUp(end, Duration.ofSeconds(10), failOnSecondOnce));
                assertEquals("index write failed", ex.getMessage());
                assertTrue(reader.catchUp(end, Duration.ofSeconds(10), failOnSecondOnce));
                assertEquals(List.of("first", "second"), handled);

                // Replay from the beginning reads both again: the reader keeps no committed state.
                reader.seekToBeginning();
                assertTrue(reader.catchUp(end, Duration.ofSeconds(10), failOnSecondOnce));
                assertEquals(List.of("first", "second", "first", "second"), handled);
            }
        }
    }

    @Test
    void readingAMissingTopicFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLogReader.events(kafka.bootstrapServers(), List.of("no.such.topic")));
        assertTrue(e.getMessage().contains("no.such.topic does not exist"), e.getMessage());
    }
}
