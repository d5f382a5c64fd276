package dev.drey.kv;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>For tests and simulations only.</b> A {@link KeyValueStore} that makes a share of writes fail, for a
 * while, the way a struggling backend does: each write ({@code putIfAbsent}, {@code compareAndSet},
 * {@code consume}, {@code delete}) fails with a {@link KvTransientException} with probability
 * {@code share} until {@code maxFaults} faults have been injected; from then on, and for every read, it
 * passes the call to the store it wraps. A failed write never reaches that store (the backend refused
 * it before acting), so an injected fault is always safe to retry. Deterministic for a given
 * {@code seed} and call order; thread-safe. {@link #disarm()} and {@link #arm()} confine the bad spell to a
 * window (a simulation sets a federation up, then arms its stores for the run under test). Never configure it
 * in a deployment: nothing reads it from settings.
 */
public final class FaultInjectingKeyValueStore implements KeyValueStore {
    private final KeyValueStore delegate;
    private final Random random;
    private final double share;
    private final int maxFaults;
    private final AtomicInteger injected = new AtomicInteger();
    private volatile boolean armed = true;

    /**
     * @param delegate the store the calls that are not failed go to (closed by {@link #close()})
     * @param seed seeds the choice of failing writes
     * @param share the probability, 0 to 1, that a write fails while faults remain
     * @param maxFaults how many writes fail in all before the store recovers (0 = never fails)
     */
    public FaultInjectingKeyValueStore(KeyValueStore delegate, long seed, double share, int maxFaults) {
        if (delegate == null) {
            throw new IllegalArgumentException("fault injector: the store to wrap is required");
        }
        if (!(share >= 0 && share <= 1) || maxFaults < 0) {
            throw new IllegalArgumentException("fault injector: share must be 0 to 1 and maxFaults >= 0, were "
                    + share + " and " + maxFaults);
        }
        this.delegate = delegate;
        this.random = new Random(seed);
        this.share = share;
        this.maxFaults = maxFaults;
    }

    /** Writes may fail from now on (the initial state). */
    public FaultInjectingKeyValueStore arm() {
        armed = true;
        return this;
    }

    /** Every call passes to the wrapped store until {@link #arm()}. */
    public FaultInjectingKeyValueStore disarm() {
        armed = false;
        return this;
    }

    /** How many writes have been failed so far. */
    public int faultsInjected() {
        return injected.get();
    }

    @Override
    public Optional<Versioned> get(String key) {
        return delegate.get(key);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        maybeFail("putIfAbsent", key);
        return delegate.putIfAbsent(key, value, ttl);
    }

    @Override
    public OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl) {
        maybeFail("compareAndSet", key);
        return delegate.compareAndSet(key, expectedVersion, newValue, ttl);
    }

    @Override
    public Optional<Versioned> consume(String key) {
        maybeFail("consume", key);
        return delegate.consume(key);
    }

    @Override
    public boolean delete(String key) {
        maybeFail("delete", key);
        return delegate.delete(key);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "FaultInjectingKeyValueStore[" + delegate + ", share " + share + ", " + injected.get() + "/"
                + maxFaults + " faults injected]";
    }

    private void maybeFail(String operation, String key) {
        boolean fail;
        synchronized (random) {
            fail = armed && injected.get() < maxFaults && random.nextDouble() < share;
            if (fail) {
                injected.incrementAndGet();
            }
        }
        if (fail) {
            throw new KvTransientException("injected fault: " + operation + " of key '" + key
                    + "' timed out (FaultInjectingKeyValueStore)");
        }
    }
}
