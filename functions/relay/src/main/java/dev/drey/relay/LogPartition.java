package dev.drey.relay;

import java.util.Objects;

/** One ordered partition of the event log (a Kafka topic-partition). */
public record LogPartition(String topic, int partition) {
    public LogPartition {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty() || partition < 0) {
            throw new IllegalArgumentException("log partition needs a topic name and a non-negative partition");
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
