package dev.drey.roast;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.LocalServers;
import dev.drey.kv.RedisKeyValueStore;
import java.time.Duration;
import redis.embedded.RedisServer;

/** Against a real redis-server (embedded-redis's binary), as the kv module's own tests run it. */
class RedisRoastStateStoreTest extends RoastStateStoreContract {
    private RedisServer server;

    @Override
    protected KeyValueStore open() throws Exception {
        int port = LocalServers.freePort();
        server = LocalServers.durableRedis(port, "roast-redis");
        return RedisKeyValueStore.connect("redis://127.0.0.1:" + port, "roast-test:", Duration.ofSeconds(10));
    }

    @Override
    protected void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
