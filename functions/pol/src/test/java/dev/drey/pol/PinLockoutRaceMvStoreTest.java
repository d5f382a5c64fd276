package dev.drey.pol;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** {@link PinLockoutRaceContract} on MVStore. */
class PinLockoutRaceMvStoreTest extends PinLockoutRaceContract {
    @TempDir
    Path dir;

    @Override
    protected KeyValueStore openStore() {
        return MvStoreKeyValueStore.open(dir.resolve("service.mv"), Clock.systemUTC(), false);
    }

    @Override
    protected void stopBackend() {
    }
}
