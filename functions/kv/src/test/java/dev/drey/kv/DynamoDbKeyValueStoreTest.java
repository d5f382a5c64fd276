package dev.drey.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against dynalite, an independent implementation of the DynamoDB API, in memory. */
class DynamoDbKeyValueStoreTest extends KeyValueStoreContract {
    private static final String TABLE = "drey-kv-test";
    private static final String REGION = "us-east-1";
    // dynalite checks that requests are signed, not by whom: any key pair will do
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";

    private DynaliteServer server;
    private DynamoDbClient raw;

    @Override
    protected KeyValueStore openStore() throws Exception {
        server = DynaliteServer.start();
        raw = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(REGION))
                .endpointOverride(server.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        DynamoDbKeyValueStore store = DynamoDbKeyValueStore.connect(TABLE, REGION, server.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                Clock.systemUTC());
        store.createTableIfMissing();
        store.createTableIfMissing(); // a second call finds it there
        return store;
    }

    @Override
    protected void stopBackend() throws Exception {
        if (raw != null) {
            raw.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected void letTimePass(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis()); // expiry by this process's clock (dynalite never deletes expired items)
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected int incrementsPerThread() {
        return 40; // dynalite is one Node thread: keep the contended loop short
    }

    @Override
    protected int contendedOperationsPerThread() {
        return 120; // still 8 threads racing on the same keys, but dynalite answers one request at a time
    }

    @Override
    protected Optional<Map<String, String>> sharedProcessConfig() {
        // The children go through KeyValueStores and the SDK's default credentials chain (system properties).
        return Optional.of(Map.of(KvConfig.BACKEND, "dynamodb", KvConfig.DYNAMODB_TABLE, TABLE,
                KvConfig.DYNAMODB_REGION, REGION, KvConfig.DYNAMODB_ENDPOINT, server.endpoint().toString(),
                "aws.accessKeyId", ACCESS_KEY, "aws.secretAccessKey", SECRET_KEY));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, AttributeValue> rawItem(String key) {
        return raw.getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(Map.of(DynamoDbKeyValueStore.KEY, AttributeValue.fromS(key)))).item();
    }

    @Test
    void itemsCarryTheTtlAttributeInEpochSecondsForDynamoDbTimeToLive() {
        long before = System.currentTimeMillis();
        store.putIfAbsent("layout", bytes("xyz"), Duration.ofMinutes(10));
        Map<String, AttributeValue> item = rawItem("layout");
        assertEquals("1", item.get(DynamoDbKeyValueStore.VERSION).n());
        assertEquals(3, item.get(DynamoDbKeyValueStore.VALUE).b().asByteArray().length);
        long expiresMs = Long.parseLong(item.get(DynamoDbKeyValueStore.EXPIRES_MILLIS).n());
        long expiresS = Long.parseLong(item.get(DynamoDbKeyValueStore.TTL_SECONDS).n());
        assertTrue(expiresMs >= before + 600_000 && expiresMs <= System.currentTimeMillis() + 600_000);
        assertEquals((expiresMs + 999) / 1000, expiresS, "seconds, rounded up: never before the real expiry");
        store.compareAndSet("layout", 1, bytes("permanent"));
        item = rawItem("layout");
        assertFalse(item.containsKey(DynamoDbKeyValueStore.TTL_SECONDS), "a write without TTL drops it");
        assertFalse(item.containsKey(DynamoDbKeyValueStore.EXPIRES_MILLIS));
    }

    @Test
    void anExpiredItemDynamoDbHasNotYetDeletedIsAbsent() {
        ManualClock clock = new ManualClock(Instant.now());
        KeyValueStore kv = DynamoDbKeyValueStore.using(raw, TABLE, clock);
        assertTrue(kv.putIfAbsent("lazy", bytes("old"), Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(6));
        assertFalse(rawItem("lazy").isEmpty(), "the item is still in the table");
        assertEquals(Optional.empty(), kv.get("lazy"));
        assertEquals(OptionalLong.empty(), kv.compareAndSet("lazy", 1, bytes("x")));
        assertTrue(kv.putIfAbsent("lazy", bytes("new")), "an expired item may be replaced");
        assertEquals(Optional.of(new Versioned(bytes("new"), 1)), kv.get("lazy"));
        kv.close(); // leaves the caller's client open
        assertFalse(rawItem("lazy").isEmpty());
    }

    @Test
    void aMissingTableIsAKvExceptionNamingIt() {
        KeyValueStore kv = DynamoDbKeyValueStore.using(raw, "no-such-table", Clock.systemUTC());
        KvException e = assertThrows(KvException.class, () -> kv.putIfAbsent("k", bytes("secret value")));
        assertTrue(e.getMessage().startsWith("dynamodb: PutItem of key 'k' on table no-such-table failed: "
                + "ResourceNotFoundException"), e.getMessage());
        assertFalse(e.getMessage().contains("secret value"));
    }

    @Test
    void badTableNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamoDbKeyValueStore.using(raw, "a b", Clock.systemUTC()));
        assertTrue(e.getMessage().contains("table name"), e.getMessage());
    }

    @Test
    void consumeIsAConditionalDeleteReturningTheOldItem() {
        List<DeleteItemRequest> deletes = new CopyOnWriteArrayList<>();
        ExecutionInterceptor spy = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof DeleteItemRequest d) {
                    deletes.add(d);
                }
            }
        };
        try (DynamoDbClient client = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(REGION)).endpointOverride(server.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .overrideConfiguration(o -> o.addExecutionInterceptor(spy)).build()) {
            KeyValueStore kv = DynamoDbKeyValueStore.using(client, TABLE, Clock.systemUTC());
            assertTrue(kv.putIfAbsent("conditional", bytes("nonce")));
            assertEquals(Optional.of(new Versioned(bytes("nonce"), 1)), kv.consume("conditional"));
            assertEquals(Optional.empty(), kv.consume("conditional"), "the failed condition reads as absent");
        }
        assertEquals(2, deletes.size());
        for (DeleteItemRequest d : deletes) {
            assertEquals("attribute_exists(#k)", d.conditionExpression());
            assertEquals(Map.of("#k", DynamoDbKeyValueStore.KEY), d.expressionAttributeNames());
            assertEquals(ReturnValue.ALL_OLD, d.returnValues());
        }
    }

    @Test
    void unreachableAndThrottledAreTransientAMissingTableIsNot() {
        int closedPort = LocalServers.freePort();
        try (KeyValueStore down = DynamoDbKeyValueStore.connect(TABLE, REGION, URI.create("http://127.0.0.1:" + closedPort),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                Clock.systemUTC())) {
            assertThrows(KvTransientException.class, () -> down.get("k"));
        }
        KeyValueStore missing = DynamoDbKeyValueStore.using(raw, "no-such-table", Clock.systemUTC());
        KvException e = assertThrows(KvException.class, () -> missing.get("k"));
        assertFalse(e instanceof KvTransientException, e.getMessage());
        assertTrue(DynamoDbKeyValueStore.isTransient(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build()));
        assertTrue(DynamoDbKeyValueStore.isTransient(DynamoDbException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalServerError").build()).build()));
        assertFalse(DynamoDbKeyValueStore.isTransient(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build()).build()));
    }
}
