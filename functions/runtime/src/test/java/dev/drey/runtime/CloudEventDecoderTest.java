package dev.drey.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.LoggedEvent;
import dev.drey.nostr.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CloudEventDecoderTest {
    private static LoggedEvent decode(Map<String, String> headers, byte[] body) {
        Map<String, String> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(headers);
        return new CloudEventDecoder().decode(ci::get, body);
    }

    /** The headers a KafkaSource sends for a Drey event record (see KafkaSource's documented example). */
    static Map<String, String> kafkaSourceHeaders(Event e, String topic, int partition, long offset) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.put("Ce-Specversion", "1.0");
        h.put("Ce-Type", "dev.knative.kafka.event");
        h.put("Ce-Source", "/apis/v1/namespaces/drey/kafkasources/signer-drey-sign#" + topic);
        h.put("Ce-Subject", "partition:" + partition + "#" + offset);
        h.put("Ce-Id", "partition:" + partition + "/offset:" + offset);
        h.put("Ce-Time", "2023-11-14T22:13:20.123Z");
        h.put("Ce-Key", e.id());
        h.put("Ce-Kafkaheaderdreykind", Integer.toString(e.kind()));
        h.put("Ce-Kafkaheaderdreyreceivedat", "1700000000999");
        h.put("Content-Type", "application/json");
        return h;
    }

    @Test
    void readsAKafkaSourceBinaryModeEvent() {
        Event e = MskBatchDecoderTest.event(3421, "presig");
        LoggedEvent l = decode(kafkaSourceHeaders(e, "miner1.drey.sign", 2, 77), e.toJson().getBytes(StandardCharsets.UTF_8));
        assertEquals(e, l.event());
        assertEquals("miner1.drey.sign-2@77", l.position().toString());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_999L), l.receivedAt());
    }

    @Test
    void theSubjectServesWhenTheIdIsNotAPosition() {
        Event e = MskBatchDecoderTest.event(3421, "presig");
        Map<String, String> h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        h.put("ce-id", "some-other-id");
        assertEquals("drey.sign-0@5", decode(h, e.toJson().getBytes(StandardCharsets.UTF_8)).position().toString());
    }

    @Test
    void theRecordHeadersTheLocalConsumerNeedsAreRequiredHereToo() {
        // The same records the index feeder and the Kafka/MSK adapters refuse (EventRecordCodec).
        Event e = MskBatchDecoderTest.event(3421, "presig");
        byte[] body = e.toJson().getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        h.remove("ce-key");
        assertReason(h, body, "record has no key");
        h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        h.remove("ce-kafkaheaderdreykind");
        assertReason(h, body, "header drey.kind is missing");
        h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        h.remove("ce-kafkaheaderdreyreceivedat");
        assertReason(h, body, "header drey.received-at is missing");
    }

    @Test
    void refusesWhatIsNotADreyEventRecord() {
        Event e = MskBatchDecoderTest.event(3421, "presig");
        Event other = MskBatchDecoderTest.event(3421, "other");
        byte[] body = e.toJson().getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = kafkaSourceHeaders(e, "drey.sign", 0, 5);

        h.put("ce-key", other.id());
        assertReason(h, body, "is not the event's id");
        h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        h.put("ce-kafkaheaderdreykind", "1");
        assertReason(h, body, "says 1 but the event's kind is 3421");
        h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        assertReason(h, "{\"id\":1}".getBytes(StandardCharsets.UTF_8), "drey.sign-0@5: CloudEvent data is not a nostr event");
        assertReason(h, new byte[0], "has no data");
        h.remove("ce-specversion");
        assertReason(h, body, "header ce-specversion is missing");
        h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        h.put("ce-source", "/apis/v1/namespaces/drey/pingsources/x");
        assertReason(h, body, "does not end in #<topic>");
        h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        h.put("content-type", "application/cloudevents+json");
        assertReason(h, body, "only binary mode");
        h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        h.put("ce-specversion", "0.3");
        assertReason(h, body, "must be 1.0");
        h = kafkaSourceHeaders(e, "drey.sign", 0, 5);
        h.put("ce-id", "x");
        h.put("ce-subject", "partition:9999999999#1");
        assertReason(h, body, "out of range");
    }

    @Test
    void extensionNamesFollowKafkaSource() {
        assertEquals("kafkaheaderdreykind", CloudEventDecoder.extensionName("drey.kind"));
        assertEquals("ce-kafkaheaderdreyreceivedat", CloudEventDecoder.RECEIVED_AT_EXTENSION.toLowerCase(Locale.ROOT));
    }

    private static void assertReason(Map<String, String> h, byte[] body, String expected) {
        InboundException e = assertThrows(InboundException.class, () -> decode(h, body));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
