package dev.drey.adversary;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A compromised miner's KV store that its operator (or an attacker with the backups) can roll back: after
 * {@link #snapshot()}, the first write to each key records what the key held; {@link #rollback()} puts every
 * such key back as it was, as restoring a backup taken at the snapshot would.
 */
public final class SnapshotStore implements KeyValueStore {
    private final KeyValueStore inner;
    private final Map<String, Optional<Versioned>> before = new LinkedHashMap<>();
    private boolean recording;

    public SnapshotStore(KeyValueStore inner) {
        this.inner = inner;
    }

    public synchronized void snapshot() {
        before.clear();
        recording = true;
    }

    /** Restores every key written since the snapshot; returns how many. */
    public synchronized int rollback() {
        recording = false;
        for (Map.Entry<String, Optional<Versioned>> e : before.entrySet()) {
            inner.delete(e.getKey());
            e.getValue().ifPresent(v -> inner.putIfAbsent(e.getKey(), v.value()));
        }
        int n = before.size();
        before.clear();
        return n;
    }

    private synchronized void remember(String key) {
        if (recording && !before.containsKey(key)) {
            before.put(key, inner.get(key));
        }
    }

    @Override
    public Optional<Versioned> get(String key) {
        return inner.get(key);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        remember(key);
        return inner.putIfAbsent(key, value, ttl);
    }

    @Override
    public OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl) {
        remember(key);
        return inner.compareAndSet(key, expectedVersion, newValue, ttl);
    }

    @Override
    public Optional<Versioned> consume(String key) {
        remember(key);
        return inner.consume(key);
    }

    @Override
    public boolean delete(String key) {
        remember(key);
        return inner.delete(key);
    }

    @Override
    public void close() {
        inner.close();
    }
}
