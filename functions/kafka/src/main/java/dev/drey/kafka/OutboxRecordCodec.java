package dev.drey.kafka;

import dev.drey.nostr.Event;
import dev.drey.nostr.NostrParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An {@link OutboxRecord} as a Kafka record on the outbox topic. Key and value are those of an
 * event record ({@link EventRecordCodec}: id, event JSON, kind and created-at-the-outbox
 * headers); each recipient relay is one {@value #RELAY_HEADER} header, in order. So the value
 * stays a plain nostr event any tool can read, and the routing travels beside it. Thread-safe.
 */
public final class OutboxRecordCodec {

    public static final String RELAY_HEADER = "drey.relay";

    private final EventRecordCodec events;

    public OutboxRecordCodec() {
        this(new EventRecordCodec());
    }

    public OutboxRecordCodec(NostrParser parser) {
        this(new EventRecordCodec(parser));
    }

    private OutboxRecordCodec(EventRecordCodec events) {
        this.events = events;
    }

    /** The record that puts {@code outbox} on {@code topic}; {@code queuedAt} goes in the received-at header. */
    public ProducerRecord<byte[], byte[]> encode(String topic, OutboxRecord outbox, Instant queuedAt) {
        Headers headers = new RecordHeaders();
        EventRecordCodec.writeHeaders(headers, outbox.event(), queuedAt);
        for (String relay : outbox.relays()) {
            headers.add(RELAY_HEADER, relay.getBytes(StandardCharsets.UTF_8));
        }
        Event e = outbox.event();
        return new ProducerRecord<>(topic, null, EventRecordCodec.key(e), EventRecordCodec.value(e), headers);
    }

    /** Decodes an outbox record; every refusal is a {@link RecordCodecException} naming the record. */
    public OutboxRecord decode(ConsumerRecord<byte[], byte[]> record) {
        String where = new RecordPosition(record.topic(), record.partition(), record.offset()).toString();
        Event event = events.decodeEvent(record.key(), record.value(), record.headers(), where);
        List<String> relays = HeaderValues.allText(record.headers(), RELAY_HEADER, where);
        if (relays.isEmpty()) {
            throw new RecordCodecException(RecordCodecException.Reason.MISSING_HEADER,
                    where + ": outbox record names no relay (header " + RELAY_HEADER + ")");
        }
        try {
            return new OutboxRecord(event, relays);
        } catch (IllegalArgumentException e) {
            throw new RecordCodecException(RecordCodecException.Reason.MALFORMED_HEADER,
                    where + ": header " + RELAY_HEADER + ": " + e.getMessage(), e);
        }
    }
}
