package dev.drey.kafka;

import static org.junit.jupiter.api.Assertions.*;

import dev.drey.nostr.Event;
import dev.drey.nostr.NostrParseException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventRecordCodecTest {

    private static final Instant RECEIVED = Instant.ofEpochMilli(1_700_000_123_456L);
    private final EventRecordCodec codec = new EventRecordCodec();
    private final OutboxRecordCodec outboxCodec = new OutboxRecordCodec();

    /** What a consumer would see for a produced record at offset 42. */
    static ConsumerRecord<byte[], byte[]> consumed(byte[] key, byte[] value, Headers headers) {
        return new ConsumerRecord<>("drey.sign", 0, 42, 0L, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }

    static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> r) {
        return consumed(r.key(), r.value(), r.headers());
    }

    private static Headers headers(String... nameValues) {
        Headers h = new RecordHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1] == null ? null : nameValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }

    @Test
    void roundTripKeepsTheEventAndItsId() {
        Event e = TestEvents.event(ProtocolKinds.SIGNATURE_SHARE, TestEvents.TRICKY);
        ProducerRecord<byte[], byte[]> r = codec.encode("drey.sign", e, RECEIVED);
        assertEquals("drey.sign", r.topic());
        assertEquals(e.id(), new String(r.key(), StandardCharsets.US_ASCII));
        assertEquals("3423", new String(r.headers().lastHeader(EventRecordCodec.KIND_HEADER).value(), StandardCharsets.US_ASCII));

        LoggedEvent back = codec.decode(consumed(r));
        assertEquals(e, back.event());
        assertEquals(e.id(), back.event().computedId());
        assertTrue(back.event().verify().isValid());
        assertEquals(RECEIVED, back.receivedAt());
        assertEquals(new RecordPosition("drey.sign", 0, 42), back.position());
    }

    private RecordCodecException refused(ConsumerRecord<byte[], byte[]> r, RecordCodecException.Reason reason) {
        RecordCodecException e = assertThrows(RecordCodecException.class, () -> codec.decode(r));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("drey.sign-0@42: "), e.getMessage());
        return e;
    }

    @Test
    void refusesMalformedRecordsWithSpecificReasons() {
        Event e = TestEvents.event(1, "hello");
        ProducerRecord<byte[], byte[]> good = codec.encode("drey.other", e, RECEIVED);
        byte[] key = good.key();
        byte[] value = good.value();
        String kind = "1";
        String at = Long.toString(RECEIVED.toEpochMilli());
        String k = EventRecordCodec.KIND_HEADER;
        String a = EventRecordCodec.RECEIVED_AT_HEADER;

        refused(consumed(null, value, headers(k, kind, a, at)), RecordCodecException.Reason.MISSING_KEY);
        refused(consumed("not-an-id".getBytes(StandardCharsets.US_ASCII), value, headers(k, kind, a, at)),
                RecordCodecException.Reason.INVALID_KEY);
        refused(consumed(e.id().toUpperCase().getBytes(StandardCharsets.US_ASCII), value, headers(k, kind, a, at)),
                RecordCodecException.Reason.INVALID_KEY);
        refused(consumed(key, null, headers(k, kind, a, at)), RecordCodecException.Reason.MISSING_VALUE);

        RecordCodecException bad = refused(consumed(key, "{\"id\":".getBytes(StandardCharsets.UTF_8),
                headers(k, kind, a, at)), RecordCodecException.Reason.MALFORMED_EVENT);
        assertInstanceOf(NostrParseException.class, bad.getCause());
        refused(consumed(key, new byte[] {(byte) 0xff, (byte) 0xfe}, headers(k, kind, a, at)),
                RecordCodecException.Reason.MALFORMED_EVENT);
        // A value with a duplicated field is refused by the strict parser.
        String dup = new String(value, StandardCharsets.UTF_8).replace("\"kind\":1,", "\"kind\":1,\"kind\":1,");
        refused(consumed(key, dup.getBytes(StandardCharsets.UTF_8), headers(k, kind, a, at)),
                RecordCodecException.Reason.MALFORMED_EVENT);

        byte[] otherKey = TestEvents.event(1, "other").id().getBytes(StandardCharsets.US_ASCII);
        refused(consumed(otherKey, value, headers(k, kind, a, at)), RecordCodecException.Reason.KEY_MISMATCH);

        refused(consumed(key, value, headers(a, at)), RecordCodecException.Reason.MISSING_HEADER);
        refused(consumed(key, value, headers(k, kind)), RecordCodecException.Reason.MISSING_HEADER);
        refused(consumed(key, value, headers(k, kind, k, kind, a, at)), RecordCodecException.Reason.DUPLICATE_HEADER);
        refused(consumed(key, value, headers(k, "2", a, at)), RecordCodecException.Reason.HEADER_MISMATCH);
        for (String badNumber : new String[] {"", "-1", "+1", "01", "1.0", " 1", "9999999999999999999", "x"}) {
            refused(consumed(key, value, headers(k, badNumber, a, at)), RecordCodecException.Reason.MALFORMED_HEADER);
            refused(consumed(key, value, headers(k, kind, a, badNumber)), RecordCodecException.Reason.MALFORMED_HEADER);
        }
        refused(consumed(key, value, headers(k, null, a, at)), RecordCodecException.Reason.MALFORMED_HEADER);
        // The well-formed record itself decodes.
        assertEquals(e, codec.decode(consumed(key, value, headers(k, kind, a, at))).event());
    }

    @Test
    void outboxRoundTripKeepsRelaysInOrder() {
        Event e = TestEvents.event(ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, TestEvents.TRICKY);
        OutboxRecord o = new OutboxRecord(e, List.of("wss://relay.miner2.example/", "ws://127.0.0.1:7447",
                "wss://relay.miner2.example/"));
        assertEquals(List.of("wss://relay.miner2.example/", "ws://127.0.0.1:7447"), o.relays());
        ProducerRecord<byte[], byte[]> r = outboxCodec.encode("drey.outbox", o, RECEIVED);
        assertEquals(o, outboxCodec.decode(consumed(r)));
        // An outbox record is also an ordinary event record.
        assertEquals(e, codec.decode(consumed(r)).event());
    }

    @Test
    void outboxRefusesMissingOrBadRelays() {
        Event e = TestEvents.event(1, "x");
        ProducerRecord<byte[], byte[]> plain = codec.encode("drey.outbox", e, RECEIVED);
        RecordCodecException none = assertThrows(RecordCodecException.class, () -> outboxCodec.decode(consumed(plain)));
        assertEquals(RecordCodecException.Reason.MISSING_HEADER, none.reason());

        for (byte[] bad : new byte[][] {"https://relay.example".getBytes(StandardCharsets.UTF_8),
                "wss://".getBytes(StandardCharsets.UTF_8), "not a url".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xc3, (byte) 0x28}}) {
            ProducerRecord<byte[], byte[]> r = codec.encode("drey.outbox", e, RECEIVED);
            r.headers().add(OutboxRecordCodec.RELAY_HEADER, bad);
            RecordCodecException ex = assertThrows(RecordCodecException.class, () -> outboxCodec.decode(consumed(r)));
            assertEquals(RecordCodecException.Reason.MALFORMED_HEADER, ex.reason(), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new OutboxRecord(e, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new OutboxRecord(e, List.of("http://x")));
        assertThrows(IllegalArgumentException.class, () -> new OutboxRecord(null, List.of("ws://x")));
    }
}
