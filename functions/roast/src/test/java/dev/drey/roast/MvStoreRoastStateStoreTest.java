package dev.drey.roast;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import java.nio.file.Files;
import java.time.Clock;

class MvStoreRoastStateStoreTest extends RoastStateStoreContract {
    @Override
    protected KeyValueStore open() throws Exception {
        return MvStoreKeyValueStore.open(Files.createTempDirectory("roast-mv").resolve("kv.mv.db"), Clock.systemUTC(),
                false);
    }
}
