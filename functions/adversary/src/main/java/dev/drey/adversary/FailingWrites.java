package dev.drey.adversary;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.KvException;
import dev.drey.kv.Versioned;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A KV backend having a bad spell: while armed, every {@code period}-th write fails as a backend error would
 * (reads keep working). Local stand-in until the kv module's {@code FaultInjectingKeyValueStore} is merged.
 */
public final class FailingWrites implements KeyValueStore {
    private final KeyValueStore inner;
    private final int period;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();
    private volatile boolean armed;

    public FailingWrites(KeyValueStore inner, int period) {
        this.inner = inner;
        this.period = period;
    }

    public void arm() {
        armed = true;
    }

    public void disarm() {
        armed = false;
    }

    /** How many writes were failed on purpose. */
    public long injected() {
        return injected.get();
    }

    private void maybeFail(String op, String key) {
        if (armed && writes.incrementAndGet() % period == 0) {
            injected.incrementAndGet();
            throw new KvException("injected transient failure of " + op + " " + key);
        }
    }

    @Override
    public Optional<Versioned> get(String key) {
        return inner.get(key);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        maybeFail("putIfAbsent", key);
        return inner.putIfAbsent(key, value, ttl);
    }

    @Override
    public OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl) {
        maybeFail("compareAndSet", key);
        return inner.compareAndSet(key, expectedVersion, newValue, ttl);
    }

    @Override
    public Optional<Versioned> consume(String key) {
        maybeFail("consume", key);
        return inner.consume(key);
    }

    @Override
    public boolean delete(String key) {
        maybeFail("delete", key);
        return inner.delete(key);
    }

    @Override
    public void close() {
        inner.close();
    }
}
