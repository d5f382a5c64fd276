package dev.drey.kv;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A small key-value store with versions, compare-and-set and consume-once: the state of ROAST runs and
 * the signers' secret nonces live here. Every backend passes one contract test suite, so callers may
 * rely on exactly what is written below, whichever backend is configured.
 *
 * <h2>Keys and values</h2>
 * Keys are strings of 1 to {@value #MAX_KEY_BYTES} bytes in UTF-8, without unpaired surrogates. Values
 * are byte arrays of 0 to {@value #MAX_VALUE_BYTES} bytes (DynamoDB's 400 KB item limit, with room to
 * spare). Arguments outside these limits are refused with an {@link IllegalArgumentException} naming the
 * problem, before the backend is asked.
 *
 * <h2>Versions</h2>
 * An entry's version is 1 when the key is created and grows by one with every successful write
 * ({@link #compareAndSet}). Deleting, consuming or expiry removes the entry; creating the key again starts
 * at version 1. So a version identifies a value only while the key lives: a caller that must never
 * confuse two lives of a key (ABA) should not delete it, or should put a unique id into the value.
 *
 * <h2>Expiry</h2>
 * Writes take an optional time to live ({@code null} = never expires), at least one millisecond and at
 * most {@link KvLimits#MAX_TTL}. An expired entry behaves in every operation exactly as an absent one,
 * whenever the backend actually reclaims its space. A write's TTL replaces the previous one: a
 * compare-and-set without TTL makes the entry permanent.
 *
 * <h2>Concurrency and failures</h2>
 * Every operation is atomic and linearizable per key, across threads and (for the shared backends)
 * across processes. Operations block the calling thread; do not call them on an event-loop thread.
 * A backend failure is a {@link KvException}; after one, the outcome of a write is unknown (it may or may
 * not have happened), so callers re-read. For {@link #consume} this means a value may be lost to everyone,
 * but never delivered twice. Failures that retrying later may cure (timeouts, lost connections, throttling,
 * a store closed during shutdown) are the subtype {@link KvTransientException}; the function runtime
 * retries those and then has the delivery redelivered, it never skips the record.
 */
public interface KeyValueStore extends AutoCloseable {
    int MAX_KEY_BYTES = 512;
    int MAX_VALUE_BYTES = 256 * 1024;

    /** The live entry under {@code key}, or empty if there is none (never written, removed or expired). */
    Optional<Versioned> get(String key);

    /**
     * Creates {@code key} with {@code value} (version 1) if no live entry exists.
     *
     * @param ttl time to live, or {@code null} for none
     * @return true if this call created the entry, false if a live entry was already there (left unchanged)
     */
    boolean putIfAbsent(String key, byte[] value, Duration ttl);

    default boolean putIfAbsent(String key, byte[] value) {
        return putIfAbsent(key, value, null);
    }

    /**
     * Writes {@code newValue} if the live entry's version is {@code expectedVersion}.
     * {@code expectedVersion == 0} means "no live entry": the call then acts as {@link #putIfAbsent}, which
     * lets a read-modify-write loop treat "absent" as version 0.
     *
     * @param expectedVersion the version last read, or 0 for "absent"; never negative
     * @param ttl time to live of the new value, or {@code null} for none (clearing any earlier TTL)
     * @return the new version ({@code expectedVersion + 1}), or empty if the entry was not at
     *     {@code expectedVersion} (nothing was written)
     */
    OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl);

    default OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue) {
        return compareAndSet(key, expectedVersion, newValue, null);
    }

    /**
     * Atomically reads and removes the live entry under {@code key}. However many callers race, in however
     * many processes, at most one of them receives a given entry.
     *
     * <p><b>Durability.</b> When this returns an entry, its removal is already durable: a crash, restart or
     * failover of the backend right after the return cannot bring the entry back, so no later call can
     * receive it again. The signer's nonce vault relies on this (a FROST nonce used twice leaks the signing
     * share). MVStore commits and fsyncs before returning; Redis waits for the append-only file with
     * {@code WAITAOF} (7.2+) or requires {@code appendfsync always} and refuses otherwise; DynamoDB
     * acknowledges a conditional delete only once it is durable. If durability cannot be confirmed the call
     * throws (the entry may then be lost to everyone, never handed out twice).
     *
     * @return the entry this call removed, or empty if there was no live entry
     */
    Optional<Versioned> consume(String key);

    /** Removes {@code key}; returns true if a live entry was removed. */
    boolean delete(String key);

    /** Releases the backend's resources (file lock, connections). Idempotent. */
    @Override
    void close();
}
