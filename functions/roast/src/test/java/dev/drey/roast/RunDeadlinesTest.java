package dev.drey.roast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open runs and their deadlines: due when their time comes, bounded, forgotten when they end. */
class RunDeadlinesTest {
    @TempDir
    Path dir;

    static String id(int i) {
        return String.format("%064x", i);
    }

    @Test
    void runsAreDueAtTheirDeadlineAndACoordinatorTakesNoMoreThanItsBound() {
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false)) {
            RunDeadlines d = new RunDeadlines(kv, "roast/run", "ab".repeat(32), 50);
            assertTrue(d.register(id(1), 100));
            assertTrue(d.register(id(2), 200));
            assertTrue(d.register(id(1), 999), "a run keeps its first deadline");
            assertEquals(List.of(), d.due(99));
            assertEquals(List.of(id(1)), d.due(100));
            assertEquals(List.of(id(1), id(2)), d.due(200));
            d.remove(id(1));
            assertEquals(List.of(id(2)), d.due(1000));
            // Another coordinator's runs are its own.
            assertEquals(List.of(), new RunDeadlines(kv, "roast/run", "cd".repeat(32)).due(1000));

            for (int i = 3; i <= 51; i++) {
                assertTrue(d.register(id(i), 300));
            }
            assertFalse(d.register(id(52), 300), "full: no run without a deadline");
            d.remove(id(2));
            assertTrue(d.register(id(52), 300));
        }
    }
}
