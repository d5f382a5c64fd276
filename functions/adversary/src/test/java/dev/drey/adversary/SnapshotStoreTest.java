package dev.drey.adversary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.FaultInjectingKeyValueStore;
import dev.drey.kv.KvTransientException;
import dev.drey.kv.MvStoreKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacker's tools behave as the scenarios claim: a rollback restores, a failing backend fails. */
class SnapshotStoreTest {
    @TempDir
    Path dir;

    @Test
    void rollbackPutsBackWhatTheSnapshotSaw() {
        try (KeyValueStore real = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false)) {
            SnapshotStore s = new SnapshotStore(real);
            s.putIfAbsent("nonce", bytes("secret"));
            s.snapshot();
            assertTrue(s.consume("nonce").isPresent());
            s.putIfAbsent("later", bytes("x"));
            assertTrue(s.get("nonce").isEmpty());
            assertEquals(2, s.rollback());
            assertArrayEquals(bytes("secret"), s.get("nonce").orElseThrow().value());
            assertTrue(s.get("later").isEmpty());
        }
    }

    @Test
    void aDisarmedFaultInjectorPassesEverythingAndAnArmedOneFailsWritesOnly() {
        try (KeyValueStore real = MvStoreKeyValueStore.open(dir.resolve("f.mv.db"), Clock.systemUTC(), false)) {
            FaultInjectingKeyValueStore f = new FaultInjectingKeyValueStore(real, 1, 1.0, 1).disarm();
            assertTrue(f.putIfAbsent("a", bytes("1")));
            f.arm();
            assertThrows(KvTransientException.class, () -> f.putIfAbsent("c", bytes("3")));
            assertTrue(f.get("a").isPresent());
            assertTrue(f.get("c").isEmpty(), "a failed write never reaches the store");
            f.disarm().arm();
            assertTrue(f.putIfAbsent("c", bytes("3")), "only maxFaults writes fail");
            assertEquals(1, f.faultsInjected());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
