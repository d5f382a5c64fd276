package dev.drey.runtime;

import dev.drey.kafka.EventRecordCodec;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.RecordPosition;
import dev.drey.nostr.Event;
import dev.drey.nostr.NostrParseException;
import dev.drey.nostr.NostrParser;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one binary-mode CloudEvent (HTTP binding) as a Knative KafkaSource sends a Kafka record: the
 * body is the record value (here the nostr event JSON) and the attributes are headers:
 * {@code ce-specversion: 1.0}, {@code ce-type: dev.knative.kafka.event},
 * {@code ce-source: /apis/v1/namespaces/<ns>/kafkasources/<name>#<topic>},
 * {@code ce-subject: partition:<p>#<offset>}, {@code ce-id: partition:<p>/offset:<offset>},
 * {@code ce-time} (the record timestamp), the record key as the {@code key} extension ({@code ce-key}),
 * and each record header {@code h} as the extension {@code kafkaheader<h>} (lower case, only letters and
 * digits: {@code drey.kind} arrives as {@code ce-kafkaheaderdreykind}).
 *
 * <p>The checks are the local consumer's ({@link EventRecordCodec}), so every adapter path decodes alike:
 * the body must be a nostr event, the record key ({@code ce-key}) its id, the kind header its kind, and
 * the received-at header gives {@link LoggedEvent#receivedAt()}; a record missing any of them was not
 * written by a relay and is refused. Structured mode
 * ({@code application/cloudevents+json}) is refused: KafkaSource sends binary mode. Thread-safe.
 */
public final class CloudEventDecoder {
    public static final String KAFKA_SOURCE_TYPE = "dev.knative.kafka.event";
    public static final String KIND_EXTENSION = "ce-" + extensionName(EventRecordCodec.KIND_HEADER);
    public static final String RECEIVED_AT_EXTENSION = "ce-" + extensionName(EventRecordCodec.RECEIVED_AT_HEADER);

    private static final Pattern ID = Pattern.compile("partition:(\\d{1,10})/offset:(\\d{1,19})");
    private static final Pattern SUBJECT = Pattern.compile("partition:(\\d{1,10})#(\\d{1,19})");

    private final NostrParser parser;

    public CloudEventDecoder() {
        this(new NostrParser(EventRecordCodec.LOG_LIMITS));
    }

    public CloudEventDecoder(NostrParser parser) {
        this.parser = parser;
    }

    /** The extension a KafkaSource makes of Kafka header {@code header}: {@code kafkaheader} + its letters and digits, lower case. */
    public static String extensionName(String header) {
        return "kafkaheader" + header.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * @param header the request's header named (any case); null when absent
     * @param body the request body
     */
    public LoggedEvent decode(Function<String, String> header, byte[] body) {
        String contentType = header.apply("content-type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents")) {
            throw new InboundException("structured-mode CloudEvent (" + contentType
                    + "): only binary mode (the record value as the body, attributes as ce- headers) is accepted");
        }
        String specVersion = required(header, "ce-specversion", "?");
        String id = required(header, "ce-id", "?");
        String source = required(header, "ce-source", id);
        required(header, "ce-type", id);
        if (!specVersion.equals("1.0")) {
            throw new InboundException("CloudEvent " + id + ": ce-specversion must be 1.0, was " + specVersion);
        }
        RecordPosition position = position(source, id, header.apply("ce-subject"));
        String where = position.toString();
        if (body == null || body.length == 0) {
            throw new InboundException(where + ": CloudEvent has no data (expected the nostr event JSON)");
        }
        Event event;
        try {
            event = parser.parseEvent(body);
        } catch (NostrParseException e) {
            throw new InboundException(where + ": CloudEvent data is not a nostr event (" + e.reason() + ": "
                    + e.getMessage() + ")", e);
        }
        String key = header.apply("ce-key");
        if (key == null) {
            key = header.apply("ce-kafkakey");
        }
        if (key == null) {
            throw new InboundException(where + ": record has no key (expected the event id)");
        }
        if (!key.equals(event.id())) {
            throw new InboundException(where + ": record key " + abbreviate(key) + " is not the event's id " + event.id());
        }
        String kind = header.apply(KIND_EXTENSION);
        if (kind == null) {
            throw new InboundException(where + ": header " + EventRecordCodec.KIND_HEADER + " is missing");
        }
        if (!kind.equals(Integer.toString(event.kind()))) {
            throw new InboundException(where + ": header " + EventRecordCodec.KIND_HEADER + " says " + abbreviate(kind)
                    + " but the event's kind is " + event.kind());
        }
        return new LoggedEvent(event, receivedAt(header, where), position);
    }

    private static Instant receivedAt(Function<String, String> header, String where) {
        String ms = header.apply(RECEIVED_AT_EXTENSION);
        if (ms == null) {
            throw new InboundException(where + ": header " + EventRecordCodec.RECEIVED_AT_HEADER + " is missing");
        }
        if (!ms.matches("0|[1-9][0-9]{0,17}")) {
            throw new InboundException(where + ": header " + EventRecordCodec.RECEIVED_AT_HEADER
                    + " must be a non-negative decimal integer of at most 18 digits");
        }
        return Instant.ofEpochMilli(Long.parseLong(ms));
    }

    /**
     * Where the record is, if the headers say so well enough: for naming a record that did not decode
     * (the dead-letter envelope). Never throws.
     */
    public static Optional<RecordPosition> positionOf(Function<String, String> header) {
        String source = header.apply("ce-source");
        String id = header.apply("ce-id");
        if (source == null || id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(position(source, id, header.apply("ce-subject")));
        } catch (InboundException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Topic from the source's fragment; partition and offset from the id, else the subject. */
    private static RecordPosition position(String source, String id, String subject) {
        int hash = source.lastIndexOf('#');
        String topic = hash < 0 ? "" : source.substring(hash + 1);
        if (topic.isEmpty()) {
            throw new InboundException("CloudEvent " + abbreviate(id) + ": ce-source " + abbreviate(source)
                    + " does not end in #<topic> (not from a KafkaSource?)");
        }
        Matcher m = ID.matcher(id);
        if (!m.matches() && subject != null) {
            m = SUBJECT.matcher(subject);
        }
        if (!m.matches()) {
            throw new InboundException("CloudEvent " + abbreviate(id) + ": neither ce-id (partition:<p>/offset:<o>)"
                    + " nor ce-subject (partition:<p>#<o>) gives the record's position");
        }
        try {
            return new RecordPosition(topic, Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            throw new InboundException("CloudEvent " + abbreviate(id) + ": partition or offset out of range");
        }
    }

    private static String required(Function<String, String> header, String name, String id) {
        String v = header.apply(name);
        if (v == null || v.isBlank()) {
            throw new InboundException("CloudEvent " + abbreviate(id) + ": header " + name
                    + " is missing (not a binary-mode CloudEvent?)");
        }
        return v.strip();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
