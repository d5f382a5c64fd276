package dev.drey.roast.app;

import dev.drey.miner.MinerFunctions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.frost.Identifier;
import dev.drey.kafka.EventRecordCodec;
import dev.drey.kafka.OutboxRecord;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import dev.drey.roast.RoastKinds;
import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.CloudEventDecoder;
import dev.drey.runtime.DecodedBatch;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.MskBatchDecoder;
import dev.drey.runtime.MskJson;
import dev.drey.runtime.NostrFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three adapters over the same core, without Quarkus: the same input events, as the local Kafka
 * consumer reads them, as an MSK batch through the Lambda handler, and as KafkaSource CloudEvents, each
 * into a fresh instance of the function built from the same seed and clock: the outbox records must be
 * identical (same event ids and signatures).
 */
class AdaptersAgreeTest {
    @TempDir
    Path dir;

    final TestFederation fed = new TestFederation();
    final Instant receivedAt = Instant.ofEpochMilli(1_760_000_000_500L);

    /** A captured outbox. */
    static final class Captured implements dev.drey.runtime.OutboxSink {
        final List<OutboxRecord> records = new ArrayList<>();

        @Override
        public void publish(List<OutboxRecord> r) {
            records.addAll(r);
        }
    }

    /** Presignatures of members 1..3 for {@code request}, made by real signers. */
    List<Event> presignatures(Event request) {
        List<Event> out = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            NostrFunction signer = fed.function(MinerFunctions.SIGNER, Identifier.of(i), dir.resolve("s" + i + ".mv.db"), 100 + i);
            out.add(signer.handle(request).outbox().get(0).event());
        }
        return out;
    }

    List<OutboxRecord> local(NostrFunction f, List<Event> inputs) {
        Captured c = new Captured();
        FunctionRunner runner = new FunctionRunner(f, c);
        long offset = 0;
        for (Event e : inputs) {
            ProducerRecord<byte[], byte[]> p = new EventRecordCodec().encode("drey.sign", e, receivedAt);
            ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>(p.topic(), 0, offset++, 0L, TimestampType.CREATE_TIME,
                    -1, -1, p.key(), p.value(), p.headers(), Optional.empty());
            BatchOutcome o = KafkaConsumerAdapter.process(new EventRecordCodec(), runner, r);
            assertEquals(List.of(), o.failures());
        }
        return c.records;
    }

    List<OutboxRecord> lambda(NostrFunction f, List<Event> inputs, String extraRecord) throws Exception {
        Captured c = new Captured();
        // The Lambda entry point itself, as a plain object: the stream Lambda hands it, the stream it returns.
        LambdaEntry handler = new LambdaEntry(new FunctionRunner(f, c));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Event e : inputs) {
            records.add(new EventRecordCodec().encode("drey.sign", e, receivedAt));
        }
        String json = MskJson.batch(records, 0, 0);
        if (extraRecord != null) {
            json = json.replace("}]}}", "}," + extraRecord + "]}}");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("{\"records\":" + (inputs.size() + (extraRecord == null ? 0 : 1))
                + ",\"handled\":" + inputs.size() + ","), summary);
        for (OutboxRecord r : c.records) {
            assertTrue(summary.contains(r.event().id()), summary);
        }
        return c.records;
    }

    List<OutboxRecord> knative(NostrFunction f, List<Event> inputs) {
        Captured c = new Captured();
        FunctionRunner runner = new FunctionRunner(f, c);
        CloudEventDecoder decoder = new CloudEventDecoder();
        long offset = 0;
        for (Event e : inputs) {
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(CloudEvents.headers(e, "drey.sign", 0, offset++, receivedAt));
            runner.run(new DecodedBatch(List.of(decoder.decode(h::get, e.toJson().getBytes(StandardCharsets.UTF_8))),
                    List.of(), 1));
        }
        return c.records;
    }

    @Test
    void theOrchestratorAnswersAlikeOnEveryAdapter() throws Exception {
        Event request = fed.signRequest(1);
        List<Event> inputs = new ArrayList<>();
        inputs.add(request);
        inputs.addAll(presignatures(request));

        List<OutboxRecord> viaLocal = local(fed.function(MinerFunctions.ORCHESTRATOR, null, dir.resolve("o1.mv.db"), 7), inputs);
        String malformed = "{\"topic\":\"drey.sign\",\"partition\":0,\"offset\":99,\"key\":null,\"value\":\"e30=\",\"headers\":[]}";
        List<OutboxRecord> viaLambda = lambda(fed.function(MinerFunctions.ORCHESTRATOR, null, dir.resolve("o2.mv.db"), 7),
                inputs, malformed);
        List<OutboxRecord> viaKnative = knative(fed.function(MinerFunctions.ORCHESTRATOR, null, dir.resolve("o3.mv.db"), 7), inputs);

        assertEquals(1, viaLocal.size(), "one session start once t presignatures are in");
        Event start = viaLocal.get(0).event();
        assertEquals(RoastKinds.SESSION_START, start.kind());
        assertEquals(fed.coordinator, start.pubkey());
        assertEquals(Verification.VALID, start.verify());
        assertEquals(List.of(TestFederation.DEFAULT_RELAY), viaLocal.get(0).relays());
        assertEquals(viaLocal, viaLambda);
        assertEquals(viaLocal, viaKnative);
    }

    @Test
    void theSignerAnswersAlikeOnEveryAdapterAndRepeatsItselfOnRedelivery() throws Exception {
        Event request = fed.signRequest(2);
        Identifier me = Identifier.of(4);
        List<Event> inputs = List.of(request);
        NostrFunction local = fed.function(MinerFunctions.SIGNER, me, dir.resolve("l.mv.db"), 11);
        List<OutboxRecord> viaLocal = local(local, inputs);
        List<OutboxRecord> viaLambda = lambda(fed.function(MinerFunctions.SIGNER, me, dir.resolve("m.mv.db"), 11), inputs, null);
        List<OutboxRecord> viaKnative = knative(fed.function(MinerFunctions.SIGNER, me, dir.resolve("k.mv.db"), 11), inputs);
        assertEquals(1, viaLocal.size());
        assertEquals(RoastKinds.PRESIGNATURE, viaLocal.get(0).event().kind());
        assertEquals(viaLocal, viaLambda);
        assertEquals(viaLocal, viaKnative);
        // At-least-once delivery: the same request again gives the same event (same id, so peers drop it as a
        // duplicate; only the signature's aux randomness differs), never a second nonce.
        List<OutboxRecord> again = local(local, inputs);
        assertEquals(1, again.size());
        assertEquals(viaLocal.get(0).event().id(), again.get(0).event().id());
        assertEquals(Verification.VALID, again.get(0).event().verify());
    }

    @Test
    void aBatchWithOnlyBadRecordsPublishesNothingAndSaysWhy() throws Exception {
        Captured c = new Captured();
        MskBatchHandler handler = new MskBatchHandler(new MskBatchDecoder(),
                new FunctionRunner(fed.function(MinerFunctions.ORCHESTRATOR, null, dir.resolve("b.mv.db"), 1), c));
        String json = "{\"eventSource\":\"aws:kafka\",\"records\":{\"drey.sign-0\":[{\"topic\":\"drey.sign\","
                + "\"partition\":0,\"offset\":5,\"key\":\"YWJj\",\"value\":\"e30=\",\"headers\":[]}]}}";
        BatchOutcome o = handler.handle(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, o.handled());
        assertTrue(c.records.isEmpty());
        assertEquals("drey.sign-0@5", o.failures().get(0).where());
        assertFalse(o.toJson().contains("\"published\":[\""));
    }
}
