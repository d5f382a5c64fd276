package dev.drey.kafka;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.NostrParseException;
import dev.drey.nostr.NostrParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A nostr event as a Kafka record, and back. Key: the event id as 64 hex characters (UTF-8),
 * so anything keyed by record key dedupes by event id. Value: the event's JSON
 * ({@link Event#toJson()}), read back with the strict {@link NostrParser}. Headers:
 * {@value #KIND_HEADER} (the kind, decimal) so a consumer can filter without parsing, and
 * {@value #RECEIVED_AT_HEADER} (when the relay accepted it, epoch milliseconds).
 *
 * <p>Decoding checks the record's shape, not the event's signature: records are written only
 * after the relay verified the event, and a consumer that needs more calls {@link Event#verify()}.
 * Thread-safe.
 */
public final class EventRecordCodec {

    public static final String KIND_HEADER = "drey.kind";
    public static final String RECEIVED_AT_HEADER = "drey.received-at";

    /** Kafka's default record size limit is about 1 MiB; events are far smaller, the log is the bound. */
    public static final NostrParser.Limits LOG_LIMITS = new NostrParser.Limits(1024 * 1024, 8, 20);

    private final NostrParser parser;

    /** A codec that reads events of up to 1 MiB ({@link #LOG_LIMITS}). */
    public EventRecordCodec() {
        this(new NostrParser(LOG_LIMITS));
    }

    public EventRecordCodec(NostrParser parser) {
        if (parser == null) {
            throw new IllegalArgumentException("parser must not be null");
        }
        this.parser = parser;
    }

    /** The record that appends {@code event} to {@code topic}, accepted at {@code receivedAt}. */
    public ProducerRecord<byte[], byte[]> encode(String topic, Event event, Instant receivedAt) {
        Headers headers = new RecordHeaders();
        writeHeaders(headers, event, receivedAt);
        return new ProducerRecord<>(topic, null, key(event), value(event), headers);
    }

    /** The record key of an event: its id as ASCII hex. */
    public static byte[] key(Event event) {
        return event.id().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] value(Event event) {
        return event.toJson().getBytes(StandardCharsets.UTF_8);
    }

    static void writeHeaders(Headers headers, Event event, Instant receivedAt) {
        if (receivedAt == null) {
            throw new IllegalArgumentException("receivedAt must not be null");
        }
        HeaderValues.putLong(headers, KIND_HEADER, event.kind());
        HeaderValues.putLong(headers, RECEIVED_AT_HEADER, receivedAt.toEpochMilli());
    }

    /** Decodes a consumed record; every refusal is a {@link RecordCodecException} naming the record. */
    public LoggedEvent decode(ConsumerRecord<byte[], byte[]> record) {
        RecordPosition position = new RecordPosition(record.topic(), record.partition(), record.offset());
        String where = position.toString();
        Event event = decodeEvent(record.key(), record.value(), record.headers(), where);
        long receivedAt = HeaderValues.nonNegativeLong(record.headers(), RECEIVED_AT_HEADER, where);
        return new LoggedEvent(event, Instant.ofEpochMilli(receivedAt), position);
    }

    /** The event in a record's key, value and headers; {@code where} names the record in errors. */
    Event decodeEvent(byte[] key, byte[] value, Headers headers, String where) {
        if (key == null) {
            throw new RecordCodecException(RecordCodecException.Reason.MISSING_KEY,
                    where + ": record has no key (expected the event id)");
        }
        String id = new String(key, StandardCharsets.ISO_8859_1);
        if (!Hex.isLowerHex(id, 32)) {
            throw new RecordCodecException(RecordCodecException.Reason.INVALID_KEY,
                    where + ": record key is not an event id (64 lowercase hex characters)");
        }
        if (value == null) {
            throw new RecordCodecException(RecordCodecException.Reason.MISSING_VALUE,
                    where + ": record has no value (expected the event JSON)");
        }
        Event event;
        try {
            event = parser.parseEvent(value);
        } catch (NostrParseException e) {
            throw new RecordCodecException(RecordCodecException.Reason.MALFORMED_EVENT,
                    where + ": record value is not a nostr event (" + e.reason() + ": " + e.getMessage() + ")", e);
        }
        if (!event.id().equals(id)) {
            throw new RecordCodecException(RecordCodecException.Reason.KEY_MISMATCH,
                    where + ": record key " + id + " is not the event's id " + event.id());
        }
        long kind = HeaderValues.nonNegativeLong(headers, KIND_HEADER, where);
        if (kind != event.kind()) {
            throw new RecordCodecException(RecordCodecException.Reason.HEADER_MISMATCH,
                    where + ": header " + KIND_HEADER + " says " + kind + " but the event's kind is " + event.kind());
        }
        return event;
    }
}
