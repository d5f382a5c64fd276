package dev.drey.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.EventRecordCodec;
import dev.drey.kafka.LoggedEvent;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class MskBatchDecoderTest {
    static final byte[] KEY = new byte[32];

    static {
        KEY[31] = 9;
    }

    static Event event(int kind, String content) {
        return new EventTemplate(1_700_000_000L, kind, List.of(List.of("p", "ab".repeat(32))), content)
                .sign(KEY, new byte[32]);
    }

    @Test
    void readsEveryRecordOfAnMskBatchAsTheLocalCodecWould() {
        Event a = event(3420, "first \"quoted\" \u2028 content");
        Event b = event(3421, "second");
        Instant at = Instant.ofEpochMilli(1_700_000_000_123L);
        List<ProducerRecord<byte[], byte[]>> records = List.of(
                new EventRecordCodec().encode("miner1.drey.sign", a, at),
                new EventRecordCodec().encode("miner1.drey.sign", b, at));
        byte[] json = MskJson.batch(records, 0, 41).getBytes(StandardCharsets.UTF_8);

        DecodedBatch batch = new MskBatchDecoder().decode(json);

        assertEquals(2, batch.size());
        assertEquals(List.of(), batch.failures());
        LoggedEvent first = batch.events().get(0);
        assertEquals(a, first.event());
        assertEquals(at, first.receivedAt());
        assertEquals("miner1.drey.sign-0@41", first.position().toString());
        assertEquals(b, batch.events().get(1).event());
        assertEquals(42, batch.events().get(1).position().offset());
    }

    @Test
    void aMalformedRecordIsReportedAndTheOthersStillRead() {
        Event good = event(3420, "good");
        Event other = event(3421, "other");
        Instant at = Instant.ofEpochMilli(5);
        ProducerRecord<byte[], byte[]> ok = new EventRecordCodec().encode("drey.sign", good, at);
        // key of another event: the codec's KEY_MISMATCH
        ProducerRecord<byte[], byte[]> wrongKey = new ProducerRecord<>("drey.sign", null,
                EventRecordCodec.key(other), ok.value(), ok.headers());
        ProducerRecord<byte[], byte[]> notAnEvent = new ProducerRecord<>("drey.sign", null, ok.key(),
                "{\"hello\":1}".getBytes(StandardCharsets.UTF_8), ok.headers());
        List<String> entries = new ArrayList<>();
        entries.add(MskJson.record(ok, 0, 1));
        entries.add(MskJson.record(wrongKey, 0, 2));
        entries.add(MskJson.record(notAnEvent, 0, 3));
        entries.add("{\"topic\":\"drey.sign\",\"partition\":0,\"offset\":4,\"key\":\"%%%\",\"value\":null}");
        entries.add("17");
        String json = "{\"eventSource\":\"aws:kafka\",\"records\":{\"drey.sign-0\":[" + String.join(",", entries)
                + "],\"drey.sign-1\":\"oops\"}}";

        DecodedBatch batch = new MskBatchDecoder().decode(json.getBytes(StandardCharsets.UTF_8));

        assertEquals(6, batch.size());
        assertEquals(1, batch.events().size());
        assertEquals(good, batch.events().get(0).event());
        List<RecordFailure> f = batch.failures();
        assertEquals(5, f.size());
        assertEquals("drey.sign-0@2", f.get(0).where());
        assertTrue(f.get(0).reason().contains("is not the event's id"), f.get(0).reason());
        assertEquals("drey.sign-0@3", f.get(1).where());
        assertTrue(f.get(1).reason().contains("not a nostr event"), f.get(1).reason());
        assertEquals("drey.sign-0@4", f.get(2).where());
        assertTrue(f.get(2).reason().contains("\"key\" is not base64"), f.get(2).reason());
        assertEquals("records[drey.sign-0][4]", f.get(3).where());
        assertTrue(f.get(3).reason().contains("not a JSON object"));
        assertEquals("records[drey.sign-1]", f.get(4).where());
        for (RecordFailure x : f) {
            assertEquals(RecordFailure.Stage.DECODE, x.stage());
        }
    }

    @Test
    void anEnvelopeThatIsNotAnMskBatchIsRefusedWhole() {
        MskBatchDecoder d = new MskBatchDecoder();
        InboundException e = assertThrows(InboundException.class, () -> d.decode("{\"records\":".getBytes()));
        assertTrue(e.getMessage().startsWith("MSK batch is not valid JSON"), e.getMessage());
        e = assertThrows(InboundException.class, () -> d.decode("{\"eventSource\":\"aws:sqs\",\"records\":{}}".getBytes()));
        assertTrue(e.getMessage().contains("eventSource must be aws:kafka"), e.getMessage());
        e = assertThrows(InboundException.class, () -> d.decode("{\"eventSource\":\"aws:kafka\"}".getBytes()));
        assertTrue(e.getMessage().contains("\"records\""), e.getMessage());
        e = assertThrows(InboundException.class, () -> d.decode(
                "{\"eventSource\":\"aws:kafka\",\"records\":{},\"records\":{}}".getBytes()));
        assertTrue(e.getMessage().contains("Duplicate"), e.getMessage());
        e = assertThrows(InboundException.class, () -> d.decode(("[".repeat(100) + "]".repeat(100)).getBytes()));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void headerValuesMustBeBytes() {
        Event e = event(3420, "x");
        ProducerRecord<byte[], byte[]> r = new EventRecordCodec().encode("drey.sign", e, Instant.ofEpochMilli(7));
        String json = MskJson.batch(List.of(r), 3, 9);
        assertEquals(1, new MskBatchDecoder().decode(json.getBytes(StandardCharsets.UTF_8)).events().size());
        String bad = json.replace("\"drey.kind\":[", "\"drey.kind\":[300,");
        DecodedBatch b = new MskBatchDecoder().decode(bad.getBytes(StandardCharsets.UTF_8));
        assertEquals("drey.sign-3@9", b.failures().get(0).where());
        assertTrue(b.failures().get(0).reason().contains("non-byte"), b.failures().get(0).reason());
    }
}
