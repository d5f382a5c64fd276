package dev.drey.relay;

import java.util.Objects;

/** The log has durably stored an event (for Kafka: acknowledged by all in-sync replicas). */
public record Accepted(LogPosition position) {
    public Accepted {
        Objects.requireNonNull(position, "position");
    }
}
