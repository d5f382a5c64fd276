package dev.drey.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The highest offset applied per log partition, and the futures waiting for some positions to
 * be reached. Index implementations delegate to it.
 */
public final class AppliedPositions {
    private final Map<LogPartition, Long> applied = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    /**
     * Waiters for one position (every acknowledged append holds one until it is indexed), by
     * partition and offset, so releasing them costs the number released, not the number waiting.
     */
    private final Map<LogPartition, TreeMap<Long, List<CompletableFuture<Void>>>> single = new HashMap<>();

    private record Waiter(List<LogPosition> positions, CompletableFuture<Void> done) {
    }

    /** Starts from offsets a persistent index recorded. */
    public synchronized void restore(Map<LogPartition, Long> offsets) {
        applied.putAll(offsets);
    }

    public synchronized OptionalLong offset(LogPartition partition) {
        Long v = applied.get(partition);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    public synchronized Map<LogPartition, Long> snapshot() {
        return Map.copyOf(applied);
    }

    /** Records that a position was applied and releases the waiters it satisfies. */
    public void advance(LogPosition position) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (this) {
            applied.merge(position.logPartition(), position.offset(), Math::max);
            TreeMap<Long, List<CompletableFuture<Void>>> byOffset = single.get(position.logPartition());
            if (byOffset != null) {
                var reachedNow = byOffset.headMap(position.offset(), true);
                reachedNow.values().forEach(ready::addAll);
                reachedNow.clear();
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (reached(w.positions)) {
                    it.remove();
                    ready.add(w.done);
                }
            }
        }
        // Completed outside the lock: continuations may run on this thread.
        ready.forEach(f -> f.complete(null));
    }

    public CompletionStage<Void> await(Collection<LogPosition> positions) {
        List<LogPosition> copy = List.copyOf(positions);
        synchronized (this) {
            if (reached(copy)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            if (copy.size() == 1) {
                LogPosition p = copy.get(0);
                single.computeIfAbsent(p.logPartition(), k -> new TreeMap<>())
                        .computeIfAbsent(p.offset(), k -> new ArrayList<>(1)).add(f);
                f.whenComplete((v, e) -> {
                    if (e != null) {
                        forgetSingle(p, f);
                    }
                });
                return f;
            }
            waiters.add(new Waiter(copy, f));
            // A waiter that times out elsewhere is removed so the list does not grow.
            f.whenComplete((v, e) -> {
                synchronized (this) {
                    waiters.removeIf(w -> w.done == f);
                }
            });
            return f;
        }
    }

    private synchronized void forgetSingle(LogPosition p, CompletableFuture<Void> f) {
        TreeMap<Long, List<CompletableFuture<Void>>> byOffset = single.get(p.logPartition());
        List<CompletableFuture<Void>> list = byOffset == null ? null : byOffset.get(p.offset());
        if (list != null) {
            list.remove(f);
            if (list.isEmpty()) {
                byOffset.remove(p.offset());
            }
        }
    }

    private boolean reached(List<LogPosition> positions) {
        for (LogPosition p : positions) {
            Long v = applied.get(p.logPartition());
            if (v == null || v < p.offset()) {
                return false;
            }
        }
        return true;
    }
}
