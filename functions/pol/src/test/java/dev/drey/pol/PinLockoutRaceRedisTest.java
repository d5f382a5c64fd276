package dev.drey.pol;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.LocalServers;
import dev.drey.kv.RedisKeyValueStore;
import java.time.Duration;
import redis.embedded.RedisServer;

/** {@link PinLockoutRaceContract} on a real redis-server (embedded-redis's binary) on a free port. */
class PinLockoutRaceRedisTest extends PinLockoutRaceContract {
    private RedisServer server;

    @Override
    protected KeyValueStore openStore() throws Exception {
        int port = LocalServers.freePort();
        server = LocalServers.durableRedis(port, "drey-pol-redis"); // the PIN counters' consumes must be durable
        return RedisKeyValueStore.connect("redis://127.0.0.1:" + port, "test:pol:",
                RedisKeyValueStore.DEFAULT_TIMEOUT);
    }

    @Override
    protected void stopBackend() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
