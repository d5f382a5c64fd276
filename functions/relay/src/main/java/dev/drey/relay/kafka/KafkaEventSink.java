package dev.drey.relay.kafka;

import dev.drey.kafka.EventLog;
import dev.drey.kafka.RecordPosition;
import dev.drey.nostr.Event;
import dev.drey.relay.Accepted;
import dev.drey.relay.EventSink;
import dev.drey.relay.LogPosition;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The relay's log is Kafka: an append completes only when Kafka acknowledged the record
 * ({@code acks=all}, idempotent producer), so {@code OK true} means stored. When Kafka is down the
 * append fails with the log's {@code "error: ..."} message after the delivery timeout, and the
 * client gets {@code OK false}.
 */
public final class KafkaEventSink implements EventSink {
    private final EventLog log;

    public KafkaEventSink(EventLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public CompletionStage<Accepted> append(Event event) {
        return log.append(event).thenApply(p -> new Accepted(position(p)));
    }

    static LogPosition position(RecordPosition p) {
        return new LogPosition(p.topic(), p.partition(), p.offset());
    }
}
