package dev.drey.runtime;

import dev.drey.kafka.EventLog;
import dev.drey.kafka.OutboxRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox topic through {@link EventLog#appendToOutbox} (acks=all, idempotent producer, the
 * {@code OutboxRecordCodec} format relay-ingest reads): all records are sent, then every acknowledgement
 * awaited.
 */
public final class EventLogOutbox implements OutboxSink {
    private final EventLog log;
    private final Duration timeout;

    /** Waits 5 s beyond the log's own delivery timeout, so the producer's error (naming the cause) comes first. */
    public EventLogOutbox(EventLog log) {
        this(log, log.config().deliveryTimeout().plusSeconds(5));
    }

    public EventLogOutbox(EventLog log, Duration timeout) {
        this.log = log;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<OutboxRecord> records) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (OutboxRecord r : records) {
            acks.add(log.appendToOutbox(r));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new OutboxException("outbox append failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new OutboxException("outbox append not acknowledged within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException("interrupted while waiting for the outbox", e);
        }
    }
}
