package dev.drey.runtime;

import dev.drey.kafka.LoggedEvent;
import java.util.List;

/**
 * A platform's delivery, read: the events in delivery order, and the records that could not be read.
 * {@code size} is how many records the delivery held, so none goes unaccounted for:
 * {@code events.size() + failures.size() == size}.
 */
public record DecodedBatch(List<LoggedEvent> events, List<RecordFailure> failures, int size) {
    public DecodedBatch {
        events = List.copyOf(events);
        failures = List.copyOf(failures);
        if (events.size() + failures.size() != size) {
            throw new IllegalArgumentException("decoded batch: " + events.size() + " events and " + failures.size()
                    + " failures do not account for " + size + " records");
        }
    }
}
