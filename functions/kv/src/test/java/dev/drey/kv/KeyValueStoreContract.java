package dev.drey.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The one contract every {@link KeyValueStore} backend passes. A subclass supplies the store (one per
 * class; every test uses keys of its own), a way to let time pass for expiry, and, for backends that
 * several processes can share, the {@code drey.kv.*} properties a child JVM opens the same store with.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeyValueStoreContract {
    private static final Random RANDOM = new Random(20250);

    protected KeyValueStore store;
    private String ns;

    /** Opens the store under test (called once per class). */
    protected abstract KeyValueStore openStore() throws Exception;

    /** Releases what {@link #openStore()} started (servers, files). */
    protected void stopBackend() throws Exception {}

    /** Lets at least {@code d} pass as the store measures expiry. */
    protected abstract void letTimePass(Duration d) throws InterruptedException;

    /** A TTL short enough to wait out and long enough to outlive the writes before the wait. */
    protected abstract Duration shortTtl();

    /** Properties for a child JVM to open this same store, or empty where processes cannot share it. */
    protected abstract Optional<Map<String, String>> sharedProcessConfig();

    /** Compare-and-set increments per thread in the concurrency test (8 threads). */
    protected int incrementsPerThread() {
        return 200;
    }

    /** Operations per thread in the mixed contention test (8 threads); 2,000 unless the backend is slow. */
    protected int contendedOperationsPerThread() {
        return 2000;
    }

    @BeforeAll
    void open() throws Exception {
        store = openStore();
    }

    @AfterAll
    void close() throws Exception {
        if (store != null) {
            store.close();
            store.close(); // idempotent
        }
        stopBackend();
    }

    @BeforeEach
    void namespace(TestInfo info) {
        ns = info.getTestMethod().orElseThrow().getName() + "/" + UUID.randomUUID() + "/";
    }

    private String key(String name) {
        return ns + name;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    // --- single operations ------------------------------------------------------------------------------

    @Test
    void missingKeyIsAbsentEverywhere() {
        String k = key("missing");
        assertEquals(Optional.empty(), store.get(k));
        assertEquals(Optional.empty(), store.consume(k));
        assertFalse(store.delete(k));
        assertEquals(OptionalLong.empty(), store.compareAndSet(k, 1, bytes("x")));
        assertEquals(Optional.empty(), store.get(k), "a refused compare-and-set must not create the key");
    }

    @Test
    void putIfAbsentCreatesAtVersionOneOnce() {
        String k = key("p");
        assertTrue(store.putIfAbsent(k, bytes("first")));
        assertFalse(store.putIfAbsent(k, bytes("second")));
        assertEquals(Optional.of(new Versioned(bytes("first"), 1)), store.get(k));
    }

    @Test
    void compareAndSetWritesOnlyAtTheExpectedVersion() {
        String k = key("c");
        assertEquals(OptionalLong.of(1), store.compareAndSet(k, 0, bytes("v1")), "0 means absent");
        assertEquals(OptionalLong.empty(), store.compareAndSet(k, 0, bytes("again")), "0 on a present key");
        assertEquals(OptionalLong.of(2), store.compareAndSet(k, 1, bytes("v2")));
        assertEquals(OptionalLong.empty(), store.compareAndSet(k, 1, bytes("stale")), "stale version");
        assertEquals(OptionalLong.empty(), store.compareAndSet(k, 3, bytes("future")), "future version");
        assertEquals(Optional.of(new Versioned(bytes("v2"), 2)), store.get(k));
        for (long v = 2; v < 10; v++) {
            assertEquals(OptionalLong.of(v + 1), store.compareAndSet(k, v, bytes("v" + (v + 1))));
        }
        assertEquals(Optional.of(new Versioned(bytes("v10"), 10)), store.get(k));
    }

    @Test
    void consumeHandsOutTheEntryOnce() {
        String k = key("nonce");
        store.putIfAbsent(k, bytes("secret nonce"));
        store.compareAndSet(k, 1, bytes("secret nonce 2"));
        assertEquals(Optional.of(new Versioned(bytes("secret nonce 2"), 2)), store.consume(k));
        assertEquals(Optional.empty(), store.consume(k));
        assertEquals(Optional.empty(), store.get(k));
        assertEquals(OptionalLong.empty(), store.compareAndSet(k, 2, bytes("resurrect")));
    }

    @Test
    void deleteRemovesAndALaterCreateStartsAgainAtVersionOne() {
        String k = key("d");
        store.putIfAbsent(k, bytes("a"));
        store.compareAndSet(k, 1, bytes("b"));
        assertTrue(store.delete(k));
        assertFalse(store.delete(k));
        assertEquals(Optional.empty(), store.get(k));
        assertEquals(OptionalLong.empty(), store.compareAndSet(k, 2, bytes("c")), "old version after delete");
        assertTrue(store.putIfAbsent(k, bytes("new life")));
        assertEquals(Optional.of(new Versioned(bytes("new life"), 1)), store.get(k));
    }

    @Test
    void valuesRoundTripExactly() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] largest = randomBytes(KeyValueStore.MAX_VALUE_BYTES);
        Map<String, byte[]> cases = Map.of("empty", new byte[0], "all-bytes", all, "largest", largest,
                "one-zero", new byte[1]);
        cases.forEach((name, value) -> {
            assertTrue(store.putIfAbsent(key(name), value), name);
            assertArrayEquals(value, store.get(key(name)).orElseThrow().value(), name);
        });
        byte[] replaced = randomBytes(1000);
        assertEquals(OptionalLong.of(2), store.compareAndSet(key("largest"), 1, replaced));
        assertArrayEquals(replaced, store.consume(key("largest")).orElseThrow().value());
        assertArrayEquals(new byte[0], store.consume(key("empty")).orElseThrow().value());
    }

    @Test
    void callersCannotChangeStoredValuesThroughTheirArrays() {
        String k = key("iso");
        byte[] mine = bytes("original");
        store.putIfAbsent(k, mine);
        mine[0] = 'X';
        Versioned read = store.get(k).orElseThrow();
        read.value()[0] = 'Y';
        assertArrayEquals(bytes("original"), store.get(k).orElseThrow().value());
    }

    @Test
    void keysAreExactStrings() {
        String base = key("");
        List<String> keys = List.of(base + "a", base + "A", base + "a ", base + "ä", base + "a\u0308",
                base + "😀", base + "a/b", base + "a:b");
        for (int i = 0; i < keys.size(); i++) {
            assertTrue(store.putIfAbsent(keys.get(i), bytes("value " + i)), keys.get(i));
        }
        for (int i = 0; i < keys.size(); i++) {
            assertArrayEquals(bytes("value " + i), store.get(keys.get(i)).orElseThrow().value(), keys.get(i));
        }
        // the longest key: 512 bytes of UTF-8, here in 2-byte characters after an ASCII prefix
        String prefix = "long/" + UUID.randomUUID() + "/";
        String longest = prefix + "é".repeat((KeyValueStore.MAX_KEY_BYTES - prefix.length()) / 2)
                + "x".repeat((KeyValueStore.MAX_KEY_BYTES - prefix.length()) % 2);
        assertEquals(KeyValueStore.MAX_KEY_BYTES, longest.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(store.putIfAbsent(longest, bytes("long")));
        assertArrayEquals(bytes("long"), store.consume(longest).orElseThrow().value());
    }

    @Test
    void invalidArgumentsAreRefusedBeforeTheBackendIsAsked() {
        String k = key("args");
        String tooLong = "é".repeat(KeyValueStore.MAX_KEY_BYTES / 2) + "x";
        Map<String, Runnable> bad = new HashMap<>();
        bad.put("null key", () -> store.get(null));
        bad.put("empty key", () -> store.putIfAbsent("", bytes("v")));
        bad.put("key over 512 bytes", () -> store.putIfAbsent(tooLong, bytes("v")));
        bad.put("unpaired surrogate", () -> store.putIfAbsent(k + "\ud800", bytes("v")));
        bad.put("null value", () -> store.putIfAbsent(k, null));
        bad.put("value too big", () -> store.putIfAbsent(k, new byte[KeyValueStore.MAX_VALUE_BYTES + 1]));
        bad.put("negative version", () -> store.compareAndSet(k, -1, bytes("v")));
        bad.put("zero ttl", () -> store.putIfAbsent(k, bytes("v"), Duration.ZERO));
        bad.put("negative ttl", () -> store.compareAndSet(k, 0, bytes("v"), Duration.ofSeconds(-1)));
        bad.put("sub-millisecond ttl", () -> store.putIfAbsent(k, bytes("v"), Duration.ofNanos(999_999)));
        bad.put("ttl too long", () -> store.putIfAbsent(k, bytes("v"), KvLimits.MAX_TTL.plusDays(1)));
        bad.put("null key to consume", () -> store.consume(null));
        bad.put("empty key to delete", () -> store.delete(""));
        bad.forEach((what, call) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run, what);
            assertFalse(e.getMessage().isBlank(), what);
        });
        assertEquals(Optional.empty(), store.get(k), "nothing was written");
    }

    // --- expiry ------------------------------------------------------------------------------------------

    @Test
    void expiredEntriesBehaveAsAbsent() throws InterruptedException {
        Duration ttl = shortTtl();
        String gone = key("gone");
        String madePermanent = key("permanent");
        String renewed = key("renewed");
        String longLived = key("long");
        String toConsume = key("consume");
        String toCas = key("cas");
        String toRecreate = key("recreate");
        String toDelete = key("delete");
        for (String k : List.of(gone, madePermanent, renewed, toConsume, toCas, toRecreate, toDelete)) {
            assertTrue(store.putIfAbsent(k, bytes("short-lived"), ttl), k);
        }
        assertTrue(store.putIfAbsent(longLived, bytes("long-lived"), Duration.ofHours(1)));
        assertEquals(OptionalLong.of(2), store.compareAndSet(madePermanent, 1, bytes("kept")),
                "a write without TTL clears the TTL");
        assertEquals(OptionalLong.of(2), store.compareAndSet(renewed, 1, bytes("renewed"), Duration.ofHours(1)));
        assertEquals(Optional.of(new Versioned(bytes("short-lived"), 1)), store.get(gone), "alive before expiry");

        letTimePass(ttl.plusMillis(300));

        assertEquals(Optional.empty(), store.get(gone));
        assertEquals(Optional.of(new Versioned(bytes("kept"), 2)), store.get(madePermanent));
        assertEquals(Optional.of(new Versioned(bytes("renewed"), 2)), store.get(renewed));
        assertEquals(Optional.of(new Versioned(bytes("long-lived"), 1)), store.get(longLived));
        assertEquals(Optional.empty(), store.consume(toConsume));
        assertEquals(OptionalLong.empty(), store.compareAndSet(toCas, 1, bytes("too late")));
        assertEquals(Optional.empty(), store.get(toCas), "a refused write must not revive an expired key");
        assertFalse(store.delete(toDelete));
        assertTrue(store.putIfAbsent(toRecreate, bytes("fresh")));
        assertEquals(Optional.of(new Versioned(bytes("fresh"), 1)), store.get(toRecreate));
        assertEquals(OptionalLong.of(1), store.compareAndSet(gone, 0, bytes("again")), "expired counts as absent");
    }

    // --- concurrency within this process -----------------------------------------------------------------

    @Test
    void concurrentCompareAndSetLosesNoIncrement() throws Exception {
        String counter = key("counter");
        int threads = 8;
        int perThread = incrementsPerThread();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        while (true) {
                            Optional<Versioned> cur = store.get(counter);
                            long count = cur.map(v -> ByteBuffer.wrap(v.value()).getLong()).orElse(0L);
                            long version = cur.map(Versioned::version).orElse(0L);
                            OptionalLong written = store.compareAndSet(counter, version,
                                    ByteBuffer.allocate(8).putLong(count + 1).array());
                            if (written.isPresent()) {
                                assertEquals(version + 1, written.getAsLong());
                                break;
                            }
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Versioned last = store.get(counter).orElseThrow();
        assertEquals(threads * perThread, ByteBuffer.wrap(last.value()).getLong());
        // the first increment created the key at version 1; each later one added one
        assertEquals(threads * perThread, last.version());
        System.out.println(getClass().getSimpleName() + ": " + threads * perThread + " increments, "
                + refused.get() + " compare-and-set refusals");
    }

    /**
     * Eight threads mix compare-and-set increments on three shared counters with put-if-absent and consume
     * on five shared slots, all on the same few keys, so every write races. No call may throw, no increment
     * may be lost, and every value put into a slot is consumed exactly once or still there at the end.
     */
    @Test
    void mixedContendedOperationsEndWithExactCounts() throws Exception {
        int threads = 8;
        int perThread = contendedOperationsPerThread();
        List<String> counters = List.of(key("counter-0"), key("counter-1"), key("counter-2"));
        List<String> slots = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            slots.add(key("slot-" + s));
        }
        AtomicInteger increments = new AtomicInteger();
        Map<String, Boolean> created = new ConcurrentHashMap<>();
        Map<String, Integer> consumed = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String slot = slots.get((thread + i) % slots.size());
                        switch (i % 4) {
                            case 0, 1 -> {
                                String counter = counters.get((thread + i) % counters.size());
                                while (true) {
                                    Optional<Versioned> cur = store.get(counter);
                                    long count = cur.map(v -> ByteBuffer.wrap(v.value()).getLong()).orElse(0L);
                                    long version = cur.map(Versioned::version).orElse(0L);
                                    if (store.compareAndSet(counter, version,
                                            ByteBuffer.allocate(8).putLong(count + 1).array()).isPresent()) {
                                        increments.incrementAndGet();
                                        break;
                                    }
                                }
                            }
                            case 2 -> {
                                String value = thread + ":" + i;
                                if (store.putIfAbsent(slot, bytes(value))) {
                                    created.put(value, true);
                                }
                            }
                            default -> store.consume(slot).ifPresent(v -> consumed.merge(
                                    new String(v.value(), StandardCharsets.UTF_8), 1, Integer::sum));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(300, TimeUnit.SECONDS); // an exception in any thread fails the test here
            }
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (String counter : counters) {
            Versioned v = store.get(counter).orElseThrow();
            long count = ByteBuffer.wrap(v.value()).getLong();
            assertEquals(count, v.version(), counter + ": one version per increment");
            total += count;
        }
        assertEquals(increments.get(), total, "every acknowledged increment is counted once");
        assertEquals(threads * ((perThread + 2) / 4 + (perThread + 3) / 4), increments.get());
        Map<String, Integer> left = new HashMap<>();
        for (String slot : slots) {
            store.consume(slot).ifPresent(v -> left.merge(new String(v.value(), StandardCharsets.UTF_8), 1,
                    Integer::sum));
        }
        consumed.forEach((v, n) -> assertEquals(1, n, v + " was consumed " + n + " times"));
        left.keySet().forEach(v -> assertFalse(consumed.containsKey(v), v + " was consumed and is still there"));
        Map<String, Boolean> accounted = new HashMap<>();
        consumed.keySet().forEach(v -> accounted.put(v, true));
        left.keySet().forEach(v -> accounted.put(v, true));
        assertEquals(created, accounted, "each created value is consumed once or still there, and nothing else");
        System.out.println(getClass().getSimpleName() + ": " + increments.get() + " increments, " + created.size()
                + " slot values created, " + consumed.size() + " consumed");
    }

    @Test
    void concurrentConsumeHandsEachEntryToExactlyOneThread() throws Exception {
        int threads = 12;
        int entries = 40;
        Map<String, byte[]> values = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            values.put(key("nonce-" + i), randomBytes(32));
            assertTrue(store.putIfAbsent(key("nonce-" + i), values.get(key("nonce-" + i))));
        }
        Map<String, List<Integer>> winners = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    List<String> order = new ArrayList<>(values.keySet());
                    Collections.shuffle(order, new Random(thread));
                    start.await();
                    for (String k : order) {
                        store.consume(k).ifPresent(v -> {
                            assertArrayEquals(values.get(k), v.value());
                            winners.computeIfAbsent(k, x -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(thread);
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(values.keySet(), winners.keySet(), "every entry was handed out");
        winners.forEach((k, w) -> assertEquals(1, w.size(), k + " was handed to threads " + w));
    }

    // --- several processes -------------------------------------------------------------------------------

    @Test
    void severalProcessesShareCompareAndSetAndConsume() throws Exception {
        Optional<Map<String, String>> config = sharedProcessConfig();
        Assumptions.assumeTrue(config.isPresent(), "this backend is for one process (see its own tests)");
        int processes = 3;
        int increments = 60;
        int prizes = 30;
        String counter = key("counter");
        String prizePrefix = key("prize-");
        Map<Integer, byte[]> prizeValues = new HashMap<>();
        for (int i = 0; i < prizes; i++) {
            prizeValues.put(i, randomBytes(16));
            assertTrue(store.putIfAbsent(prizePrefix + i, prizeValues.get(i)));
        }
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                Process child = LocalServers.startJvm(KvProcessRace.class, config.get(), List.of("race", counter,
                        Integer.toString(increments), prizePrefix, Integer.toString(prizes)));
                children.add(child);
                outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader out : outputs) {
                assertEquals("ready", out.readLine(), "a child did not get ready");
            }
            for (Process child : children) { // start them together
                Writer w = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
                w.write("go\n");
                w.flush();
            }
            Map<Integer, Integer> wonBy = new HashMap<>();
            for (int p = 0; p < processes; p++) {
                String line;
                boolean finished = false;
                while ((line = outputs.get(p).readLine()) != null) {
                    if (line.equals("done")) {
                        finished = true;
                    } else if (line.startsWith("won ")) {
                        String[] parts = line.split(" ");
                        int prize = Integer.parseInt(parts[1]);
                        Integer earlier = wonBy.put(prize, p);
                        assertEquals(null, earlier, "prize " + prize + " was consumed by processes " + earlier
                                + " and " + p);
                        assertArrayEquals(prizeValues.get(prize), HexFormat.of().parseHex(parts[2]));
                    }
                }
                assertTrue(finished, "child " + p + " did not finish");
                assertTrue(children.get(p).waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, children.get(p).exitValue(), "child " + p + " exit code");
            }
            assertEquals(prizes, wonBy.size(), "every prize was consumed by some process");
            Versioned last = store.get(counter).orElseThrow();
            assertEquals(processes * increments, ByteBuffer.wrap(last.value()).getLong());
            assertEquals(processes * increments, last.version());
            System.out.println(getClass().getSimpleName() + ": prizes won per process "
                    + wonBy.values().stream().collect(java.util.stream.Collectors.groupingBy(p -> p,
                            java.util.stream.Collectors.counting())));
        } finally {
            for (Process child : children) {
                LocalServers.stop(child);
            }
        }
    }
}
