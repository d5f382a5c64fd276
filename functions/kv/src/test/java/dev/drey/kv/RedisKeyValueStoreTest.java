package dev.drey.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/** The contract against a real redis-server (the Linux binary shipped in embedded-redis), on a free port. */
class RedisKeyValueStoreTest extends KeyValueStoreContract {
    private static final String PREFIX = "test:kv:";
    private RedisServer server;
    private int port;

    @Override
    protected KeyValueStore openStore() throws Exception {
        port = LocalServers.freePort();
        server = LocalServers.durableRedis(port, "drey-kv-redis");
        return RedisKeyValueStore.connect(url(), PREFIX, RedisKeyValueStore.DEFAULT_TIMEOUT);
    }

    private String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    protected void stopBackend() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    protected void letTimePass(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis()); // Redis expires by its own clock
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected Optional<Map<String, String>> sharedProcessConfig() {
        return Optional.of(Map.of(KvConfig.BACKEND, "redis", KvConfig.REDIS_URL, url(),
                KvConfig.REDIS_PREFIX, PREFIX));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs one raw command on a client of its own, as an operator (or another program) would. */
    private Response raw(Request request) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Redis client = Redis.createClient(vertx, url());
            return client.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void compareAndSetStillWorksAfterTheServerForgetsItsScripts() throws Exception {
        assertTrue(store.putIfAbsent("flush", bytes("a")));
        assertEquals(OptionalLong.of(2), store.compareAndSet("flush", 1, bytes("b")));
        raw(Request.cmd(Command.SCRIPT).arg("FLUSH"));
        assertEquals(OptionalLong.of(3), store.compareAndSet("flush", 2, bytes("c")), "EVAL after NOSCRIPT");
        assertEquals(OptionalLong.empty(), store.compareAndSet("flush", 2, bytes("d")));
        assertEquals(Optional.of(new Versioned(bytes("c"), 3)), store.get("flush"));
    }

    @Test
    void entriesAreOneRedisStringUnderThePrefixWithRedisExpiry() throws Exception {
        store.putIfAbsent("layout", bytes("xyz"), Duration.ofMinutes(10));
        byte[] stored = raw(Request.cmd(Command.GET).arg(PREFIX + "layout")).toBytes();
        assertEquals(8 + 3, stored.length, "8-byte version, then the value");
        long pttl = raw(Request.cmd(Command.PTTL).arg(PREFIX + "layout")).toLong();
        assertTrue(pttl > 9 * 60_000 && pttl <= 10 * 60_000, "PTTL " + pttl);
        store.compareAndSet("layout", 1, bytes("permanent"));
        assertEquals(-1L, raw(Request.cmd(Command.PTTL).arg(PREFIX + "layout")).toLong(), "TTL cleared");
    }

    @Test
    void storesWithDifferentPrefixesDoNotSeeEachOther() {
        try (KeyValueStore other = RedisKeyValueStore.connect(url(), "other:", Duration.ofSeconds(5))) {
            assertTrue(store.putIfAbsent("shared-name", bytes("mine")));
            assertEquals(Optional.empty(), other.get("shared-name"));
            assertTrue(other.putIfAbsent("shared-name", bytes("theirs")));
            assertEquals(Optional.of(new Versioned(bytes("mine"), 1)), store.get("shared-name"));
        }
    }

    @Test
    void foreignDataUnderTheKeyIsAClearError() throws Exception {
        raw(Request.cmd(Command.SET).arg(PREFIX + "foreign").arg("abc"));
        KvException e = assertThrows(KvException.class, () -> store.get("foreign"));
        assertTrue(e.getMessage().contains("too short to hold a version"), e.getMessage());
        assertFalse(e instanceof KvTransientException, "retrying cannot cure a foreign entry");
        assertFalse(e.getMessage().contains("abc"), "no stored value in messages");
    }

    @Test
    void anUnreachableServerIsAKvExceptionThatHidesThePassword() {
        int closedPort = LocalServers.freePort();
        try (KeyValueStore down = RedisKeyValueStore.connect("redis://user:s3cret@127.0.0.1:" + closedPort,
                PREFIX, Duration.ofSeconds(5))) {
            KvException e = assertThrows(KvTransientException.class, () -> down.putIfAbsent("k", bytes("secret value")),
                    "a refused connection is transient");
            assertTrue(e.getMessage().startsWith("redis: putIfAbsent of key 'k' on redis://127.0.0.1:" + closedPort)
                    || e.getMessage().startsWith("redis: SET of key 'k' on redis://127.0.0.1:" + closedPort),
                    e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
            assertFalse(e.getMessage().contains("secret value"), e.getMessage());
            assertFalse(down.toString().contains("s3cret"), down.toString());
        }
    }

    @Test
    void badUrlsAreRefusedWithoutEchoingCredentials() {
        assertThrows(IllegalArgumentException.class, () -> RedisKeyValueStore.connect("", PREFIX, Duration.ofSeconds(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisKeyValueStore.connect("http://u:pw@host:1", PREFIX, Duration.ofSeconds(1)));
        assertFalse(e.getMessage().contains("pw"), e.getMessage());
        assertEquals("redis://h:7/2", RedisKeyValueStore.redactedUrl("redis://a:b@h:7/2"));
    }

    @Test
    void aClosedStoreFailsClearly() {
        KeyValueStore kv = RedisKeyValueStore.connect(url(), PREFIX, Duration.ofSeconds(5));
        kv.close();
        KvException e = assertThrows(KvTransientException.class, () -> kv.get("k"));
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }

    /** A redis-server process of our own (the binary embedded-redis ships), so it can be killed with SIGKILL. */
    private static Process startRedis(int port, Path dir, String appendfsync) throws Exception {
        File binary = ExecutableProvider.newJarResourceProvider().get();
        Process p = new ProcessBuilder(binary.getAbsolutePath(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync",
                appendfsync).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        LocalServers.awaitPort(port, Duration.ofSeconds(10), p);
        return p;
    }

    @Test
    void aConsumedKeyStaysConsumedAfterSigkillAndRestartOnTheSameAppendOnlyFile() throws Exception {
        int killPort = LocalServers.freePort();
        Path dir = LocalServers.tempDir("drey-kv-redis-kill");
        Process server = startRedis(killPort, dir, "always");
        String url = "redis://127.0.0.1:" + killPort;
        try {
            try (KeyValueStore kv = RedisKeyValueStore.connect(url, PREFIX, Duration.ofSeconds(5))) {
                assertTrue(kv.putIfAbsent("nonce-used", bytes("secret 1")));
                assertTrue(kv.putIfAbsent("nonce-kept", bytes("secret 2")));
                assertEquals(Optional.of(new Versioned(bytes("secret 1"), 1)), kv.consume("nonce-used"));
                server.destroyForcibly(); // SIGKILL right after consume returned: no shutdown, no final fsync
                assertTrue(server.waitFor(10, TimeUnit.SECONDS));
            }
            server = startRedis(killPort, dir, "always");
            try (KeyValueStore kv = RedisKeyValueStore.connect(url, PREFIX, Duration.ofSeconds(5))) {
                assertEquals(Optional.empty(), kv.get("nonce-used"), "the consumed nonce came back");
                assertEquals(Optional.of(new Versioned(bytes("secret 2"), 1)), kv.get("nonce-kept"),
                        "the restart did reload the append-only file");
            }
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void consumeIsRefusedBeforeTouchingTheKeyWhenTheServerCannotMakeItDurable() throws Exception {
        int lazyPort = LocalServers.freePort();
        Process server = startRedis(lazyPort, LocalServers.tempDir("drey-kv-redis-everysec"), "everysec");
        try (KeyValueStore kv = RedisKeyValueStore.connect("redis://127.0.0.1:" + lazyPort, PREFIX,
                Duration.ofSeconds(5))) {
            assertTrue(kv.putIfAbsent("nonce", bytes("secret")));
            KvException e = assertThrows(KvException.class, () -> kv.consume("nonce"));
            assertTrue(e.getMessage().contains("appendfsync everysec") && e.getMessage().contains("appendfsync always"),
                    e.getMessage());
            assertFalse(e instanceof KvTransientException, "a configuration error is not cured by retrying");
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
            assertEquals(Optional.of(new Versioned(bytes("secret"), 1)), kv.get("nonce"), "the entry is untouched");
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void versionsAreComparedNumerically() {
        assertTrue(RedisKeyValueStore.atLeast("7.2.0", 7, 2));
        assertTrue(RedisKeyValueStore.atLeast("8.0.1", 7, 2));
        assertTrue(RedisKeyValueStore.atLeast("7.10.0", 7, 2));
        assertFalse(RedisKeyValueStore.atLeast("7.0.15", 7, 2));
        assertFalse(RedisKeyValueStore.atLeast("6.2.6", 7, 2));
        assertFalse(RedisKeyValueStore.atLeast("", 7, 2));
        assertEquals("6.2.6", RedisKeyValueStore.infoField("# Server\r\nredis_version:6.2.6\r\nos:Linux\r\n",
                "redis_version"));
    }
}
