package dev.drey.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogConfig;
import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.RecordCodecException;
import dev.drey.kafka.RecordHandler;
import dev.drey.kafka.RecordPosition;
import dev.drey.kafka.Topics;
import dev.drey.kv.FaultInjectingKeyValueStore;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner over a real Kafka broker, as the local adapter drives it (a record whose delivery fails is
 * read again, nothing is committed past it), with a KV store that fails a share of its writes for a while:
 * no record is skipped and the outbox ends exactly as in a run without faults; an undecodable record and a
 * refused event land on the dead-letter topic with their reasons.
 */
class FaultyStoreOverKafkaTest {
    private static final byte[] KEY = new byte[32];
    private static final int EVENTS = 30;
    private static EmbeddedKafka kafka;

    static {
        KEY[31] = 9;
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.temporary().start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Keeps a marker per event (put-if-absent, then a compare-and-set), answers kind 1, refuses kind 7. */
    static final class Marking implements NostrFunction {
        private final KeyValueStore kv;

        Marking(KeyValueStore kv) {
            this.kv = kv;
        }

        @Override
        public String name() {
            return "marking";
        }

        @Override
        public FunctionResult handle(Event e) {
            if (e.kind() == 7) {
                throw new IllegalArgumentException("refused: kind 7 is not accepted here");
            }
            String key = "seen/" + e.id();
            kv.putIfAbsent(key, e.content().getBytes(StandardCharsets.UTF_8));
            kv.compareAndSet(key, 1, "handled".getBytes(StandardCharsets.UTF_8)); // refused once it was done
            Event reply = new EventTemplate(e.createdAt(), 2, List.of(List.of("p", e.pubkey())), "echo " + e.content())
                    .sign(KEY, new byte[32]);
            return new FunctionResult(List.of(new OutboxRecord(reply, List.of("ws://127.0.0.1:7447"))), List.of());
        }
    }

    record Run(List<String> outboxIds, List<String> deadLetters, int redeliveries, int faults) {
    }

    private Run run(String prefix, double share, int maxFaults) throws Exception {
        Topics topics = Topics.withPrefix(prefix);
        try (EventLog log = new EventLog(EventLogConfig.of(kafka.bootstrapServers()).withTopics(topics)
                .withDeliveryTimeout(Duration.ofSeconds(20)));
                FaultInjectingKeyValueStore kv = new FaultInjectingKeyValueStore(
                        MvStoreKeyValueStore.open(dir.resolve(prefix + ".mv.db"), Clock.systemUTC(), false), 42, share,
                        maxFaults);
                KafkaDeadLetters deadLetters = new KafkaDeadLetters(log)) {
            log.ensureTopics();
            for (int i = 0; i < EVENTS; i++) {
                log.append(MskBatchDecoderTest.event(i == 11 ? 7 : 1, "event " + i)).get();
                if (i == 20) {
                    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(log.producerProperties(),
                            new ByteArraySerializer(), new ByteArraySerializer())) {
                        raw.send(new ProducerRecord<>(topics.topicFor(MessageFamily.OTHER), "not-an-id".getBytes(),
                                "{not json".getBytes())).get();
                    }
                }
            }
            FunctionRunner runner = new FunctionRunner(new Marking(kv), new EventLogOutbox(log), deadLetters,
                    new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4), d -> Thread.sleep(d.toMillis())));
            int redeliveries = 0;
            try (EventLogReader<LoggedEvent> in = EventLogReader.events(kafka.bootstrapServers(), topics.eventTopics())) {
                Map<TopicPartition, Long> end = in.endOffsets();
                RecordHandler<LoggedEvent> adapter = new RecordHandler<>() {
                    @Override
                    public void onRecord(LoggedEvent value, RecordPosition position) {
                        runner.run(value);
                    }

                    @Override
                    public void onMalformed(RecordCodecException error, RecordPosition position) {
                        runner.run(new DecodedBatch(List.of(), List.of(RecordFailure.at(position,
                                RecordFailure.Stage.DECODE, error.getMessage())), 1));
                    }
                };
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!in.hasReached(end)) {
                    assertTrue(System.nanoTime() < deadline, "the input was not worked through in time");
                    try {
                        in.poll(Duration.ofMillis(200), adapter);
                    } catch (RedeliverException e) {
                        redeliveries++; // not acknowledged: the reader reads the record again
                    }
                }
            }
            List<String> outboxIds = new ArrayList<>();
            try (EventLogReader<OutboxRecord> out = EventLogReader.outbox(kafka.bootstrapServers(), topics.outbox())) {
                assertTrue(out.catchUp(out.endOffsets(), Duration.ofSeconds(30),
                        (r, p) -> outboxIds.add(r.event().id())));
            }
            List<String> dead = new ArrayList<>();
            try (EventLogReader<String> letters = new EventLogReader<>(kafka.bootstrapServers(),
                    List.of(topics.deadLetter()), r -> new String(r.value(), StandardCharsets.UTF_8),
                    Duration.ofSeconds(10))) {
                assertTrue(letters.catchUp(letters.endOffsets(), Duration.ofSeconds(30), (r, p) -> dead.add(r)));
            }
            return new Run(outboxIds, dead, redeliveries, kv.faultsInjected());
        }
    }

    @Test
    void aStoreFailingWritesForAWhileSkipsNothingAndBadRecordsAreDeadLettered() throws Exception {
        Run clean = run("clean", 0, 0);
        Run faulty = run("faulty", 0.4, 30);

        assertEquals(EVENTS - 1, clean.outboxIds().size(), "every kind-1 event answered once");
        assertEquals(clean.outboxIds(), faulty.outboxIds(), "the faults changed nothing on the outbox");
        assertEquals(30, faulty.faults(), "every injected fault happened");
        assertTrue(faulty.redeliveries() > 0, "some deliveries failed their retries and were read again");
        assertEquals(0, clean.redeliveries());

        for (Run r : List.of(clean, faulty)) {
            assertEquals(2, r.deadLetters().size(), r.deadLetters().toString());
        }
        String decode = faulty.deadLetters().stream().filter(d -> d.contains("\"stage\":\"decode\"")).findFirst()
                .orElseThrow();
        assertTrue(decode.startsWith("{\"function\":\"marking\",\"record\":\"faulty.drey.other-0@21\","
                + "\"topic\":\"faulty.drey.other\",\"partition\":0,\"offset\":21,\"stage\":\"decode\",\"reason\":\""),
                decode);
        String refused = faulty.deadLetters().stream().filter(d -> d.contains("\"stage\":\"function\"")).findFirst()
                .orElseThrow();
        assertTrue(refused.contains("\"offset\":11,") && refused.contains("refused: kind 7 is not accepted here"),
                refused);
    }
}
