package dev.drey.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultInjectingKeyValueStoreTest {
    @TempDir
    Path dir;

    @Test
    void failsAShareOfWritesUntilTheBudgetIsSpentAndAFailedWriteNeverHappened() {
        try (FaultInjectingKeyValueStore kv = new FaultInjectingKeyValueStore(
                MvStoreKeyValueStore.open(dir.resolve("f.mv.db"), Clock.systemUTC(), false), 7, 0.5, 20)) {
            int failed = 0;
            for (int i = 0; i < 200; i++) {
                String key = "k" + i;
                while (true) {
                    try {
                        assertTrue(kv.putIfAbsent(key, "v".getBytes(StandardCharsets.UTF_8)));
                        break;
                    } catch (KvTransientException e) {
                        failed++;
                        assertTrue(e.getMessage().contains("injected fault"), e.getMessage());
                        assertEquals(Optional.empty(), kv.get(key), "a failed write did not reach the store");
                    }
                }
            }
            assertEquals(20, failed);
            assertEquals(20, kv.faultsInjected());
        }
        assertThrows(IllegalArgumentException.class, () -> new FaultInjectingKeyValueStore(null, 1, 0.5, 1));
    }
}
