package dev.drey.relay.store;

import dev.drey.nostr.Event;
import dev.drey.relay.Accepted;
import dev.drey.relay.EventSink;
import dev.drey.relay.LogListener;
import dev.drey.relay.LogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An event log held in memory: one partition, offsets from 0, records handed to the listener
 * (normally an {@code IndexFeed}) before the append completes. For tests and for running the
 * relay before the Kafka-backed sink exists; it forgets everything when the process ends.
 * Appends can be switched off to exercise the "log unavailable" path.
 */
public final class InMemoryEventLog implements EventSink {
    public static final String TOPIC = "memory";

    private final LogListener listener;
    private final List<Event> records = new ArrayList<>();
    private boolean available = true;

    public InMemoryEventLog(LogListener listener) {
        this.listener = listener;
    }

    @Override
    public CompletionStage<Accepted> append(Event event) {
        LogPosition position;
        synchronized (this) {
            if (!available) {
                return CompletableFuture.failedFuture(new IllegalStateException("the event log is unavailable"));
            }
            position = new LogPosition(TOPIC, 0, records.size());
            records.add(event);
            // Inside the lock so the listener sees records in offset order.
            listener.onRecord(event, position);
        }
        return CompletableFuture.completedFuture(new Accepted(position));
    }

    /** While unavailable, every append fails and nothing is stored. */
    public synchronized void setAvailable(boolean available) {
        this.available = available;
    }

    public synchronized List<Event> records() {
        return List.copyOf(records);
    }

    /** Hands every record, in order, to another listener (rebuilding an index). */
    public void replay(LogListener to) {
        List<Event> copy = records();
        for (int i = 0; i < copy.size(); i++) {
            to.onRecord(copy.get(i), new LogPosition(TOPIC, 0, i));
        }
    }
}
