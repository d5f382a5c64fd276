package dev.drey.runtime;

import dev.drey.kafka.EventRecordCodec;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.RecordCodecException;
import dev.drey.kafka.RecordPosition;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Reads the batch AWS Lambda's Kafka event-source mapping delivers (Amazon MSK: {@code "eventSource":
 * "aws:kafka"}; self-managed Kafka: {@code "SelfManagedKafka"}):
 * <pre>{"eventSource":"aws:kafka", "eventSourceArn":..., "bootstrapServers":"b-1...:9098,...",
 *  "records":{"drey.sign-0":[{"topic":"drey.sign","partition":0,"offset":15,"timestamp":1545084650987,
 *     "timestampType":"CREATE_TIME","key":"&lt;base64&gt;","value":"&lt;base64&gt;",
 *     "headers":[{"drey.kind":[51,52,50,48]}]}]}}</pre>
 * Each record becomes the Kafka record it was and goes through the same {@link EventRecordCodec} the
 * local consumer uses, so an event reaches a function identically on every platform. A record that cannot
 * be read is a {@link RecordFailure} naming it; the others are still returned. Only an envelope that is
 * not an MSK batch at all (not JSON, no {@code records}) is refused whole. Thread-safe.
 */
public final class MskBatchDecoder {
    /** Lambda's synchronous invocation payload limit is 6 MB; base64 adds a third. */
    public static final int MAX_BATCH_BYTES = 8 * 1024 * 1024;

    private final EventRecordCodec codec;

    public MskBatchDecoder() {
        this(new EventRecordCodec());
    }

    public MskBatchDecoder(EventRecordCodec codec) {
        this.codec = codec;
    }

    public DecodedBatch decode(byte[] json) {
        if (json == null) {
            throw new InboundException("MSK batch: no payload");
        }
        if (json.length > MAX_BATCH_BYTES) {
            throw new InboundException("MSK batch: payload of " + json.length + " bytes exceeds " + MAX_BATCH_BYTES);
        }
        if (!(JsonTree.parse(json, "MSK batch") instanceof Map<?, ?> root)) {
            throw new InboundException("MSK batch: not a JSON object");
        }
        Object source = root.get("eventSource");
        if (!"aws:kafka".equals(source) && !"SelfManagedKafka".equals(source)) {
            throw new InboundException("MSK batch: eventSource must be aws:kafka or SelfManagedKafka, was " + source);
        }
        if (!(root.get("records") instanceof Map<?, ?> groups)) {
            throw new InboundException("MSK batch: \"records\" must be an object of topic-partition arrays");
        }
        List<LoggedEvent> events = new ArrayList<>();
        List<RecordFailure> failures = new ArrayList<>();
        int size = 0;
        for (Map.Entry<?, ?> group : groups.entrySet()) {
            if (!(group.getValue() instanceof List<?> records)) {
                size++;
                failures.add(new RecordFailure("records[" + group.getKey() + "]", RecordFailure.Stage.DECODE,
                        "not an array of records"));
                continue;
            }
            for (int i = 0; i < records.size(); i++) {
                size++;
                Object entry = records.get(i);
                Optional<RecordPosition> position = positionOf(entry);
                String where = position.map(RecordPosition::toString)
                        .orElse("records[" + group.getKey() + "][" + i + "]");
                try {
                    events.add(codec.decode(toRecord(entry, where)));
                } catch (InboundException | RecordCodecException e) {
                    failures.add(new RecordFailure(where, RecordFailure.Stage.DECODE, e.getMessage(),
                            position.orElse(null)));
                }
            }
        }
        return new DecodedBatch(events, failures, size);
    }

    /** Where Kafka holds the entry's record, if the entry says so well enough to name it. */
    private static Optional<RecordPosition> positionOf(Object entry) {
        if (entry instanceof Map<?, ?> m && m.get("topic") instanceof String t && !t.isEmpty()
                && m.get("partition") instanceof Long p && p >= 0 && p <= Integer.MAX_VALUE
                && m.get("offset") instanceof Long o && o >= 0) {
            return Optional.of(new RecordPosition(t, p.intValue(), o));
        }
        return Optional.empty();
    }

    private static ConsumerRecord<byte[], byte[]> toRecord(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new InboundException(where + ": not a JSON object");
        }
        Object topic = m.get("topic");
        if (!(topic instanceof String t) || t.isEmpty()) {
            throw new InboundException(where + ": \"topic\" must be a non-empty string");
        }
        long partition = integer(m, "partition", where, Integer.MAX_VALUE);
        long offset = integer(m, "offset", where, Long.MAX_VALUE);
        long timestamp = m.get("timestamp") == null ? -1 : integer(m, "timestamp", where, Long.MAX_VALUE);
        byte[] key = base64(m.get("key"), where, "key");
        byte[] value = base64(m.get("value"), where, "value");
        RecordHeaders headers = headers(m.get("headers"), where);
        return new ConsumerRecord<>(t, (int) partition, offset, timestamp, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers,
                Optional.empty());
    }

    private static long integer(Map<?, ?> m, String field, String where, long max) {
        if (!(m.get(field) instanceof Long v) || v < 0 || v > max) {
            throw new InboundException(where + ": \"" + field + "\" must be an integer from 0 to " + max);
        }
        return v;
    }

    private static byte[] base64(Object v, String where, String field) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InboundException(where + ": \"" + field + "\" must be a base64 string");
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new InboundException(where + ": \"" + field + "\" is not base64: " + e.getMessage());
        }
    }

    /** Lambda writes headers as [{"name":[byte, byte, ...]}, ...], one name per object, in record order. */
    private static RecordHeaders headers(Object v, String where) {
        RecordHeaders headers = new RecordHeaders();
        if (v == null) {
            return headers;
        }
        if (!(v instanceof List<?> list)) {
            throw new InboundException(where + ": \"headers\" must be an array");
        }
        for (Object h : list) {
            if (!(h instanceof Map<?, ?> hm)) {
                throw new InboundException(where + ": each header must be an object of name to byte array");
            }
            for (Map.Entry<?, ?> e : hm.entrySet()) {
                if (!(e.getValue() instanceof List<?> bytes)) {
                    throw new InboundException(where + ": header " + e.getKey() + " must be an array of bytes");
                }
                byte[] b = new byte[bytes.size()];
                for (int i = 0; i < b.length; i++) {
                    // Java producers' bytes are signed; accept either reading of a byte.
                    if (!(bytes.get(i) instanceof Long n) || n < -128 || n > 255) {
                        throw new InboundException(where + ": header " + e.getKey() + " holds a non-byte value");
                    }
                    b[i] = (byte) n.longValue();
                }
                headers.add(String.valueOf(e.getKey()), b);
            }
        }
        return headers;
    }
}
