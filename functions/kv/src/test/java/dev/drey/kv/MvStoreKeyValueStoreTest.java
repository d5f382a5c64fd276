package dev.drey.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

class MvStoreKeyValueStoreTest extends KeyValueStoreContract {
    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    private Path dir;
    private Path file;

    @Override
    protected KeyValueStore openStore() throws IOException {
        dir = LocalServers.tempDir("drey-kv-mvstore");
        file = dir.resolve("contract.mv.db");
        return MvStoreKeyValueStore.open(file, clock, true);
    }

    @Override
    protected void stopBackend() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    protected void letTimePass(Duration d) {
        clock.advance(d);
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofSeconds(30); // on the manual clock: no real waiting
    }

    @Override
    protected Optional<Map<String, String>> sharedProcessConfig() {
        return Optional.empty(); // one process per file; see secondProcessGetsAClearLockError
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void entriesSurviveARestart() {
        Path f = dir.resolve("restart.mv.db");
        try (KeyValueStore kv = MvStoreKeyValueStore.open(f, clock, true)) {
            kv.putIfAbsent("state", bytes("s1"));
            kv.compareAndSet("state", 1, bytes("s2"));
            kv.putIfAbsent("nonce", bytes("n"));
            kv.putIfAbsent("expiring", bytes("e"), Duration.ofMinutes(5));
            assertTrue(kv.consume("nonce").isPresent());
        }
        try (KeyValueStore kv = MvStoreKeyValueStore.open(f, clock, true)) {
            assertEquals(Optional.of(new Versioned(bytes("s2"), 2)), kv.get("state"));
            assertEquals(Optional.empty(), kv.get("nonce"), "a consumed nonce must stay consumed");
            assertEquals(Optional.of(new Versioned(bytes("e"), 1)), kv.get("expiring"), "expiry survives too");
            assertEquals(OptionalLong.of(3), kv.compareAndSet("state", 2, bytes("s3")));
        }
        clock.advance(Duration.ofMinutes(6));
        try (KeyValueStore kv = MvStoreKeyValueStore.open(f, clock, false)) {
            assertEquals(Optional.empty(), kv.get("expiring"));
            assertEquals(Optional.of(new Versioned(bytes("s3"), 3)), kv.get("state"));
        }
    }

    @Test
    void aWriteIsInTheFileBeforeTheCallReturns() throws Exception {
        // A child JVM writes and consumes, then is killed without closing the store: its writes are there.
        Path f = dir.resolve("crash.mv.db");
        try (KeyValueStore kv = MvStoreKeyValueStore.open(f, Clock.systemUTC(), true)) {
            kv.putIfAbsent("nonce", bytes("n"));
        }
        Process child = LocalServers.startJvm(MvStoreCrashingWriter.class, Map.of(), List.of(f.toString()));
        try {
            String line = new String(child.getInputStream().readNBytes(7), StandardCharsets.UTF_8);
            assertEquals("written", line);
            child.destroyForcibly(); // no shutdown hooks, no close
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            LocalServers.stop(child);
        }
        try (KeyValueStore kv = MvStoreKeyValueStore.open(f, Clock.systemUTC(), true)) {
            assertEquals(Optional.empty(), kv.get("nonce"), "consumed before the crash");
            assertEquals(Optional.of(new Versioned(bytes("after"), 1)), kv.get("written"));
        }
    }

    @Test
    void secondProcessGetsAClearLockError() throws Exception {
        // A refused second open in this process first: it must not weaken the lock against other processes.
        assertThrows(KvStoreLockedException.class, () -> MvStoreKeyValueStore.open(file, clock, true));
        Process child = LocalServers.startJvm(KvProcessRace.class,
                Map.of(KvConfig.BACKEND, "mvstore", KvConfig.PATH, file.toString()), List.of("open"));
        try {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(3, child.exitValue(), "child output: " + out);
            assertTrue(out.startsWith("LOCKED mvstore: file " + file.toAbsolutePath() + " is locked"), out);
            assertTrue(out.contains("another process has it open; only one process may open an MVStore file"), out);
        } finally {
            LocalServers.stop(child);
        }
        // and the store of this process is unharmed
        assertTrue(store.putIfAbsent("after-lock-attempt", bytes("ok")));
    }

    @Test
    void aSecondStoreOnTheSameFileInThisProcessIsRefusedToo() {
        KvStoreLockedException e = assertThrows(KvStoreLockedException.class,
                () -> MvStoreKeyValueStore.open(file, clock, true));
        assertTrue(e.getMessage().contains("is locked: another store in this process has it open"), e.getMessage());
    }

    @Test
    void aClosedStoreFailsClearly() {
        KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("closed.mv.db"), clock, true);
        kv.close();
        KvException e = assertThrows(KvTransientException.class, () -> kv.get("k"),
                "closed under a caller (shutdown): a redelivery after the restart will succeed");
        assertTrue(e.getMessage().startsWith("mvstore: get of key 'k' on "), e.getMessage());
    }

    @Test
    void storedValuesCompareByContentWhateverTheH2Release() {
        // MVMap's conditional replace/remove compare the expected and the stored array when another
        // thread wrote in between; H2 before 2.4 threw "Can not compare" for byte arrays there.
        byte[] a = {1, 2, (byte) 0xff};
        assertEquals(0, StoredBytesType.INSTANCE.compare(a, a.clone()));
        assertTrue(StoredBytesType.INSTANCE.compare(new byte[] {(byte) 0xff}, new byte[] {1}) > 0, "unsigned");
        assertTrue(StoredBytesType.INSTANCE.compare(new byte[] {1}, new byte[] {1, 0}) < 0);
    }

    /**
     * The contended compare-and-set again, in a child JVM whose class path puts H2 2.3.232 (whose byte-array
     * type cannot compare) before the pinned h2-mvstore: the store must not depend on the H2 release.
     * Skipped where that jar is not in the local Maven repository.
     */
    @Test
    void contendedCompareAndSetWorksWithAnOlderH2OnTheClassPath() throws Exception {
        String classPath = System.getProperty("java.class.path");
        Path oldH2 = null;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.contains("h2-mvstore") && entry.endsWith(".jar")) {
                oldH2 = Path.of(entry).getParent().getParent().getParent().resolve("h2/2.3.232/h2-2.3.232.jar");
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(oldH2 != null && Files.isRegularFile(oldH2),
                "H2 2.3.232 is not in the local Maven repository");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-Xmx128m", "-cp", oldH2 + File.pathSeparator + classPath,
                MvStoreContention.class.getName(), dir.resolve("old-h2.mv.db").toString(), "500")
                .redirectErrorStream(true).start();
        try {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
            assertTrue(out.endsWith("count 4000"), out);
            assertEquals(0, child.exitValue(), out);
        } finally {
            LocalServers.stop(child);
        }
    }

    @Test
    void filesWrittenWithH2sOwnByteArrayTypeReadUnchanged() {
        Path f = dir.resolve("format.mv.db");
        byte[] stored = java.nio.ByteBuffer.allocate(16 + 3).putLong(4).putLong(0).put(bytes("old")).array();
        MVStore raw = new MVStore.Builder().fileName(f.toString()).open();
        raw.openMap("drey-kv", new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE)).put("legacy", stored);
        raw.close();
        try (KeyValueStore kv = MvStoreKeyValueStore.open(f, clock, true)) {
            assertEquals(Optional.of(new Versioned(bytes("old"), 4)), kv.get("legacy"));
            assertEquals(OptionalLong.of(5), kv.compareAndSet("legacy", 4, bytes("new")));
        }
    }

    @Test
    void purgeReclaimsExpiredEntries() {
        try (MvStoreKeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("purge.mv.db"), clock, false)) {
            for (int i = 0; i < 10; i++) {
                kv.putIfAbsent("short-" + i, bytes("x"), Duration.ofSeconds(1));
            }
            kv.putIfAbsent("kept", bytes("y"), Duration.ofHours(1));
            assertEquals(0, kv.purgeExpired());
            clock.advance(Duration.ofSeconds(2));
            assertEquals(10, kv.purgeExpired());
            assertEquals(0, kv.purgeExpired());
            assertArrayEquals(bytes("y"), kv.get("kept").orElseThrow().value());
        }
    }

    @Test
    void anUnreadableFileIsAClearError() throws IOException {
        Path garbage = dir.resolve("garbage.mv.db");
        Files.write(garbage, bytes("this is not an MVStore file, just some text ".repeat(200)));
        KvException e = assertThrows(KvException.class, () -> MvStoreKeyValueStore.open(garbage, clock, true));
        assertTrue(e.getMessage().startsWith("mvstore: cannot open " + garbage.toAbsolutePath()), e.getMessage());
    }
}
