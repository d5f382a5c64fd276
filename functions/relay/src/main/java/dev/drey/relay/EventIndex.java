package dev.drey.relay;

import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * The relay's local query index: a derived view of the log, filled only by {@link #apply}
 * (fed in log order by a {@link LogListener}) so that dropping it and replaying the log
 * rebuilds the same content. Applying is idempotent and deterministic: replaceable and
 * addressable events keep the newest per address (ties: lowest id) whatever order they
 * arrive in; ephemeral events are never stored.
 */
public interface EventIndex extends AutoCloseable {

    /** Applies one log record; positions of one partition must come in increasing order. */
    ApplyOutcome apply(Event event, LogPosition position);

    /**
     * Stored events matching any filter and {@code visible}, newest first, ties by lowest id.
     * Each filter's {@code limit} bounds its own matches (NIP-01) however many index ranges the
     * filter spans; no limit means all. At most {@code maxExamined} index entries are read for the
     * whole query: a filter that matches little cannot make one REQ walk the index.
     */
    QueryResult query(List<Filter> filters, Predicate<Event> visible, long maxExamined);

    /** Everything that matches, without a budget: for trusted callers (tests, tools), never clients. */
    default List<Event> query(List<Filter> filters) {
        return query(filters, e -> true, Long.MAX_VALUE).events();
    }

    boolean contains(String eventId);

    /** Number of stored events. */
    long size();

    /** The highest offset applied from a partition, if any (a consumer resumes after it). */
    OptionalLong appliedOffset(LogPartition partition);

    /**
     * Completes once every given position has been applied (read-your-writes: a REQ waits for
     * the positions the relay already acknowledged).
     */
    CompletionStage<Void> awaitApplied(Collection<LogPosition> positions);

    /** Whether the index is open and usable (for readiness checks). */
    boolean isReady();

    @Override
    void close();
}
