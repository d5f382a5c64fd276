package dev.drey.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyValueStoresTest {
    @Test
    void defaultsAreAnMvStoreFileWithFsync() {
        KvConfig c = KvConfig.from(Map.of(), Map.of());
        assertEquals(KvConfig.Backend.MVSTORE, c.backend());
        assertEquals(Path.of(KvConfig.DEFAULT_PATH), c.path());
        assertTrue(c.fsync());
        assertEquals(KvConfig.DEFAULT_REDIS_URL, c.redisUrl());
        assertEquals(RedisKeyValueStore.DEFAULT_PREFIX, c.redisPrefix());
        assertEquals(KvConfig.DEFAULT_TABLE, c.dynamoTable());
        assertNull(c.dynamoRegion());
        assertNull(c.dynamoEndpoint());
        assertFalse(c.dynamoCreateTable());
    }

    @Test
    void environmentVariablesStandInForPropertiesAndPropertiesWin() {
        Map<String, String> env = Map.of("DREY_KV_BACKEND", "dynamodb", "DREY_KV_DYNAMODB_TABLE", "from-env",
                "DREY_KV_DYNAMODB_CREATE_TABLE", "true", "DREY_KV_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
                "DREY_KV_DYNAMODB_REGION", "eu-west-1", "DREY_KV_MVSTORE_FSYNC", "false");
        KvConfig c = KvConfig.from(Map.of("drey.kv.dynamodb.table", "from-property"), env);
        assertEquals(KvConfig.Backend.DYNAMODB, c.backend());
        assertEquals("from-property", c.dynamoTable());
        assertTrue(c.dynamoCreateTable());
        assertEquals(URI.create("http://127.0.0.1:8000"), c.dynamoEndpoint());
        assertEquals("eu-west-1", c.dynamoRegion());
        assertFalse(c.fsync());
        assertEquals("DREY_KV_DYNAMODB_CREATE_TABLE", KvConfig.environmentName(KvConfig.DYNAMODB_CREATE_TABLE));
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of(KvConfig.BACKEND, "memcached"), KvConfig.BACKEND,
                Map.of(KvConfig.FSYNC, "yes"), KvConfig.FSYNC,
                Map.of(KvConfig.DYNAMODB_ENDPOINT, "not a uri"), KvConfig.DYNAMODB_ENDPOINT,
                Map.of(KvConfig.DYNAMODB_ENDPOINT, "localhost"), KvConfig.DYNAMODB_ENDPOINT,
                Map.of(KvConfig.PATH, "bad\0path"), KvConfig.PATH);
        bad.forEach((props, name) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KvConfig.from(props, Map.of()), name);
            assertTrue(e.getMessage().startsWith(name), e.getMessage());
        });
    }

    @Test
    void theConfigNeverPrintsTheRedisUrl() {
        KvConfig c = KvConfig.from(Map.of(KvConfig.REDIS_URL, "redis://:hunter2@cache:6379"), Map.of());
        assertFalse(c.toString().contains("hunter2"), c.toString());
    }

    @Test
    void opensTheMvStoreBackendByDefault(@TempDir Path dir) {
        Path file = dir.resolve("nested/kv.mv.db");
        KvConfig c = KvConfig.from(Map.of(KvConfig.PATH, file.toString()), Map.of());
        try (KeyValueStore kv = KeyValueStores.open(c)) {
            assertInstanceOf(MvStoreKeyValueStore.class, kv);
            assertTrue(kv.putIfAbsent("k", "v".getBytes(StandardCharsets.UTF_8)));
        }
        try (KeyValueStore kv = KeyValueStores.open(c)) {
            assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), kv.get("k").orElseThrow().value());
        }
    }

    @Test
    void versionedNeverShowsItsValue() {
        Versioned v = new Versioned("secret nonce".getBytes(StandardCharsets.UTF_8), 7);
        assertEquals("Versioned[version=7, value=(12 bytes)]", v.toString());
        assertThrows(IllegalArgumentException.class, () -> new Versioned(new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> new Versioned(null, 1));
    }
}
