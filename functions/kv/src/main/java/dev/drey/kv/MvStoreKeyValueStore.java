package dev.drey.kv;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.StringDataType;

/**
 * The default backend: one embedded H2 MVStore file. Entries survive a restart; concurrent threads are
 * safe (MVMap is lock-free, updates are compare-and-swap loops on the stored bytes).
 *
 * <p><b>One process per file.</b> MVStore takes an exclusive lock on the file while it is open; a second
 * process (or a second store in this one) opening the same file gets a {@link KvStoreLockedException}.
 * Processes that must share state use the Redis or DynamoDB backend.
 *
 * <p><b>Durability.</b> Every write is committed to the file before the call returns, so a consumed nonce
 * cannot come back after a crash of this process; with {@code fsync} on (the default) it is also forced
 * to the disk, so it cannot come back after a power loss either. {@link #consume} forces the disk even
 * with {@code fsync} off: that is the promise {@link KeyValueStore#consume} makes to the signer.
 *
 * <p>A closed store and failed file reads or writes are {@link KvTransientException}s (a redelivery after
 * the restart, or once the disk has room, may succeed); a corrupt file is a plain {@link KvException}.
 *
 * <p>Expiry uses the injected clock. Expired entries are invisible at once and their space is reclaimed
 * when they are next touched, when the store is opened, and every {@value #PURGE_EVERY_WRITES} writes.
 */
public final class MvStoreKeyValueStore implements KeyValueStore {
    static final int PURGE_EVERY_WRITES = 4096;
    private static final String MAP_NAME = "drey-kv";
    // stored bytes: version (8) || expiry in epoch ms, 0 = never (8) || value
    private static final int HEADER = 16;

    /*
     * Files open in this JVM. The one piece of static state here, and needed: MVStore's lock is a POSIX
     * record lock, and when a second open of the same file in this process fails and closes its channel,
     * the JDK may release every lock the process holds on that file (FileLock's documented caveat), which
     * would silently let another process in. So a second open in this process is refused before it
     * touches the file.
     */
    private static final Set<Path> OPEN_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Path identity;
    private final MVStore store;
    private final MVMap<String, byte[]> map;
    private final Clock clock;
    private final boolean fsync;
    private final AtomicLong writesSincePurge = new AtomicLong();

    private MvStoreKeyValueStore(Path file, Path identity, MVStore store, Clock clock, boolean fsync) {
        this.file = file;
        this.identity = identity;
        this.store = store;
        this.clock = clock;
        this.fsync = fsync;
        this.map = store.openMap(MAP_NAME, new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE)
                .valueType(StoredBytesType.INSTANCE));
    }

    /** Opens (or creates) the store file with the system clock and fsync on every write. */
    public static MvStoreKeyValueStore open(Path file) {
        return open(file, Clock.systemUTC(), true);
    }

    /**
     * Opens (or creates) the store file.
     *
     * @param clock the clock expiry is measured with (injectable for tests)
     * @param fsync force every write to the disk before returning (off only where losing the last writes
     *     on a power failure is acceptable)
     * @throws KvStoreLockedException if the file is open elsewhere
     */
    public static MvStoreKeyValueStore open(Path file, Clock clock, boolean fsync) {
        if (file == null || clock == null) {
            throw new IllegalArgumentException("file and clock must not be null");
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path identity;
        try {
            Path parent = absolute.getParent();
            Files.createDirectories(parent);
            identity = parent.toRealPath().resolve(absolute.getFileName()); // one name per file, links resolved
        } catch (java.io.IOException e) {
            throw new KvException("mvstore: cannot create the directory of " + absolute + ": " + e.getMessage(), e);
        }
        if (!OPEN_IN_THIS_PROCESS.add(identity)) {
            throw locked(absolute, "another store in this process has it open", null);
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(absolute.toString()).open();
        } catch (MVStoreException e) {
            OPEN_IN_THIS_PROCESS.remove(identity);
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw locked(absolute, "another process has it open", e);
            }
            throw new KvException("mvstore: cannot open " + absolute + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            OPEN_IN_THIS_PROCESS.remove(identity);
            throw new KvException("mvstore: cannot open " + absolute + ": " + e.getMessage(), e);
        }
        try {
            MvStoreKeyValueStore kv = new MvStoreKeyValueStore(absolute, identity, store, clock, fsync);
            kv.purgeExpired();
            return kv;
        } catch (RuntimeException e) {
            store.closeImmediately();
            OPEN_IN_THIS_PROCESS.remove(identity);
            throw new KvException("mvstore: cannot read " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static KvStoreLockedException locked(Path file, String why, Throwable cause) {
        return new KvStoreLockedException("mvstore: file " + file + " is locked: " + why + "; only one process"
                + " may open an MVStore file at a time, and it only once (use the redis or dynamodb backend to"
                + " share state between processes)", cause);
    }

    @Override
    public Optional<Versioned> get(String key) {
        KvLimits.checkKey(key);
        return guarded("get", key, () -> {
            byte[] stored = map.get(key);
            return live(stored) ? Optional.of(decode(stored)) : Optional.empty();
        });
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        return compareAndSet(key, 0, value, ttl).isPresent();
    }

    @Override
    public OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl) {
        long ttlMillis = KvLimits.checkCompareAndSet(key, expectedVersion, newValue, ttl);
        return guarded("compareAndSet", key, () -> {
            while (true) {
                byte[] current = map.get(key);
                long now = clock.millis();
                boolean live = current != null && !expired(current, now);
                long currentVersion = live ? version(current) : 0;
                if (currentVersion != expectedVersion) {
                    return OptionalLong.empty();
                }
                byte[] next = encode(expectedVersion + 1, ttlMillis == 0 ? 0 : now + ttlMillis, newValue);
                // The byte-wise compare-and-swap fails if anyone wrote in between; then read again.
                boolean swapped = current == null ? map.putIfAbsent(key, next) == null : map.replace(key, current, next);
                if (swapped) {
                    written(false);
                    return OptionalLong.of(expectedVersion + 1);
                }
            }
        });
    }

    @Override
    public Optional<Versioned> consume(String key) {
        KvLimits.checkKey(key);
        return guarded("consume", key, () -> {
            while (true) {
                byte[] current = map.get(key);
                if (current == null) {
                    return Optional.empty();
                }
                // Removal succeeds for exactly one of the racing callers: the one whose bytes are still there.
                if (map.remove(key, current)) {
                    written(true);
                    return live(current) ? Optional.of(decode(current)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean delete(String key) {
        return consume(key).isPresent();
    }

    /** Removes every expired entry now; returns how many. */
    public int purgeExpired() {
        return guarded("purgeExpired", null, () -> {
            long now = clock.millis();
            int removed = 0;
            for (Iterator<Map.Entry<String, byte[]>> it = map.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> e = it.next();
                if (expired(e.getValue(), now) && map.remove(e.getKey(), e.getValue())) {
                    removed++;
                }
            }
            if (removed > 0) {
                commit();
            }
            return removed;
        });
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            try {
                store.close();
            } catch (MVStoreException e) {
                throw new KvException("mvstore: closing " + file + " failed: " + e.getMessage(), e);
            } finally {
                OPEN_IN_THIS_PROCESS.remove(identity);
            }
        }
    }

    @Override
    public String toString() {
        return "MvStoreKeyValueStore[" + file + "]";
    }

    /** Commits the write, forced to the disk if {@code fsync} is on or the caller needs it ({@code mustSync}). */
    private void written(boolean mustSync) {
        commit(mustSync);
        if (writesSincePurge.incrementAndGet() >= PURGE_EVERY_WRITES) {
            writesSincePurge.set(0);
            purgeExpired();
        }
    }

    private void commit() {
        commit(false);
    }

    private void commit(boolean mustSync) {
        store.commit();
        if (fsync || mustSync) {
            store.sync();
        }
    }

    private boolean live(byte[] stored) {
        return stored != null && !expired(stored, clock.millis());
    }

    private static boolean expired(byte[] stored, long nowMillis) {
        long expiresAt = ByteBuffer.wrap(stored, 8, 8).getLong();
        return expiresAt != 0 && nowMillis >= expiresAt;
    }

    private static long version(byte[] stored) {
        return ByteBuffer.wrap(stored, 0, 8).getLong();
    }

    private static Versioned decode(byte[] stored) {
        byte[] value = new byte[stored.length - HEADER];
        System.arraycopy(stored, HEADER, value, 0, value.length);
        return new Versioned(value, version(stored));
    }

    private static byte[] encode(long version, long expiresAtMillis, byte[] value) {
        return ByteBuffer.allocate(HEADER + value.length).putLong(version).putLong(expiresAtMillis).put(value).array();
    }

    private <T> T guarded(String operation, String key, java.util.function.Supplier<T> body) {
        if (store.isClosed()) {
            throw new KvTransientException("mvstore: " + operation + (key == null ? "" : " of key '" + key + "'")
                    + " on " + file + " failed: the store is closed");
        }
        try {
            return body.get();
        } catch (MVStoreException | IllegalStateException e) {
            // MVStore messages name files and chunks, never stored values.
            String message = "mvstore: " + operation + (key == null ? "" : " of key '" + key + "'") + " on " + file
                    + " failed: " + e.getMessage();
            throw isTransient(e) ? new KvTransientException(message, e) : new KvException(message, e);
        }
    }

    /** File I/O failed or the store was closed meanwhile: not a property of the request. */
    private boolean isTransient(RuntimeException e) {
        if (store.isClosed()) {
            return true;
        }
        int code = e instanceof MVStoreException m ? m.getErrorCode() : -1;
        return code == DataUtils.ERROR_WRITING_FAILED || code == DataUtils.ERROR_READING_FAILED
                || code == DataUtils.ERROR_CLOSED;
    }
}
