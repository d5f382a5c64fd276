package dev.drey.kv;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB backend (AWS SDK v2, blocking URL-connection HTTP client). One item per key in a table whose
 * partition key is the string attribute {@value #KEY}; the item holds the value ({@value #VALUE}, binary),
 * the version ({@value #VERSION}, number) and, for entries with a TTL, the expiry twice: in epoch seconds
 * ({@value #TTL_SECONDS}, the attribute to enable DynamoDB's Time To Live on, which deletes lazily, up to
 * days late) and in epoch milliseconds ({@value #EXPIRES_MILLIS}, what reads and conditions check, so an
 * expired item is absent at once).
 *
 * <ul>
 *   <li>putIfAbsent / compareAndSet: PutItem with a condition ({@code attribute_not_exists} or an expired
 *       item; {@code version = :expected} on a live item), so a lost race is a refused condition.</li>
 *   <li>consume: DeleteItem with the condition {@code attribute_exists} returning ALL_OLD: only the call that
 *       actually deleted the item sees it, and DynamoDB acknowledges a write only once it is durable on
 *       several replicas, so a consumed entry does not come back.</li>
 *   <li>get: a strongly consistent GetItem.</li>
 * </ul>
 * Expiry is measured with this process's clock (and the injected {@link Clock}): keep hosts in NTP sync.
 *
 * <p>Client-side failures (no connection, timeouts), throttling and 5xx answers are
 * {@link KvTransientException}s; validation, access and missing-table errors are plain {@link KvException}s.
 */
public final class DynamoDbKeyValueStore implements KeyValueStore {
    static final String KEY = "k";
    static final String VALUE = "v";
    static final String VERSION = "ver";
    static final String TTL_SECONDS = "expires_at";
    static final String EXPIRES_MILLIS = "expires_at_ms";

    private final DynamoDbClient client;
    private final boolean ownsClient;
    private final String table;
    private final Clock clock;

    private DynamoDbKeyValueStore(DynamoDbClient client, boolean ownsClient, String table, Clock clock) {
        if (client == null || clock == null) {
            throw new IllegalArgumentException("dynamodb client and clock must not be null");
        }
        if (table == null || !table.matches("[A-Za-z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException("dynamodb table name must be 3-255 characters of"
                    + " [A-Za-z0-9_.-], was '" + table + "'");
        }
        this.client = client;
        this.ownsClient = ownsClient;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Builds a client of its own, closed by {@link #close()}.
     *
     * @param region the AWS region, or null for the SDK's default chain (AWS_REGION, profile...)
     * @param endpoint an endpoint override (a local DynamoDB-compatible server), or null for AWS's own
     * @param credentials how to authenticate, or null for the SDK's default chain (environment, profile,
     *     instance role...)
     */
    public static DynamoDbKeyValueStore connect(String table, String region, URI endpoint,
            AwsCredentialsProvider credentials, Clock clock) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)));
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        DynamoDbClient client;
        try {
            client = builder.build();
        } catch (SdkException e) {
            throw new KvException("dynamodb: cannot build a client (region " + region + "): " + e.getMessage(), e);
        }
        return new DynamoDbKeyValueStore(client, true, table, clock);
    }

    /** Uses a client the caller owns; {@link #close()} leaves it open. */
    public static DynamoDbKeyValueStore using(DynamoDbClient client, String table, Clock clock) {
        return new DynamoDbKeyValueStore(client, false, table, clock);
    }

    /**
     * Creates the table (on-demand billing, key {@value #KEY}) if it does not exist and waits until it is
     * active. Deployments normally create it with infrastructure code instead, and enable Time To Live on
     * {@value #TTL_SECONDS} there.
     */
    public void createTableIfMissing() {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(KEY).attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build()));
        } catch (ResourceInUseException e) {
            // already there
        } catch (SdkException e) {
            throw failure("CreateTable", null, e);
        }
        try {
            client.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (SdkException e) {
            throw failure("waiting for the table", null, e);
        }
    }

    @Override
    public Optional<Versioned> get(String key) {
        KvLimits.checkKey(key);
        Map<String, AttributeValue> item;
        try {
            item = client.getItem(b -> b.tableName(table).key(keyOf(key)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw failure("GetItem", key, e);
        }
        return live(item);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        return compareAndSet(key, 0, value, ttl).isPresent();
    }

    @Override
    public OptionalLong compareAndSet(String key, long expectedVersion, byte[] newValue, Duration ttl) {
        long ttlMillis = KvLimits.checkCompareAndSet(key, expectedVersion, newValue, ttl);
        long now = clock.millis();
        Map<String, AttributeValue> item = new HashMap<>(keyOf(key));
        item.put(VALUE, AttributeValue.fromB(SdkBytes.fromByteArray(newValue)));
        item.put(VERSION, number(expectedVersion + 1));
        if (ttlMillis > 0) {
            long expiresAt = now + ttlMillis;
            item.put(EXPIRES_MILLIS, number(expiresAt));
            item.put(TTL_SECONDS, number(Math.floorDiv(expiresAt + 999, 1000))); // never before the real expiry
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", number(now));
        String condition;
        if (expectedVersion == 0) {
            // absent, or present but expired and not yet deleted by DynamoDB
            condition = "attribute_not_exists(#k) OR #exp <= :now";
        } else {
            condition = "#ver = :expected AND (attribute_not_exists(#exp) OR #exp > :now)";
            values.put(":expected", number(expectedVersion));
        }
        Map<String, String> names = expectedVersion == 0
                ? Map.of("#k", KEY, "#exp", EXPIRES_MILLIS) : Map.of("#ver", VERSION, "#exp", EXPIRES_MILLIS);
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return OptionalLong.of(expectedVersion + 1);
        } catch (ConditionalCheckFailedException e) {
            return OptionalLong.empty();
        } catch (SdkException e) {
            throw failure("PutItem", key, e);
        }
    }

    @Override
    public Optional<Versioned> consume(String key) {
        KvLimits.checkKey(key);
        DeleteItemResponse r;
        try {
            // Conditional, so a call that did not delete an item fails the condition instead of succeeding
            // with nothing: only the one call that removed the item can ever see its value.
            r = client.deleteItem(b -> b.tableName(table).key(keyOf(key)).returnValues(ReturnValue.ALL_OLD)
                    .conditionExpression("attribute_exists(#k)").expressionAttributeNames(Map.of("#k", KEY)));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("DeleteItem", key, e);
        }
        return live(r.attributes());
    }

    @Override
    public boolean delete(String key) {
        return consume(key).isPresent();
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "DynamoDbKeyValueStore[table " + table + "]";
    }

    private Optional<Versioned> live(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue expires = item.get(EXPIRES_MILLIS);
        if (expires != null && parse(expires, EXPIRES_MILLIS) <= clock.millis()) {
            return Optional.empty();
        }
        AttributeValue value = item.get(VALUE);
        AttributeValue version = item.get(VERSION);
        if (value == null || value.b() == null || version == null) {
            throw new KvException("dynamodb: an item in table " + table + " lacks the binary '" + VALUE
                    + "' or the number '" + VERSION + "' attribute (was it written by something else?)");
        }
        return Optional.of(new Versioned(value.b().asByteArray(), parse(version, VERSION)));
    }

    private long parse(AttributeValue number, String name) {
        try {
            return Long.parseLong(number.n());
        } catch (NumberFormatException e) {
            throw new KvException("dynamodb: attribute '" + name + "' of an item in table " + table
                    + " is not an integer number");
        }
    }

    private static Map<String, AttributeValue> keyOf(String key) {
        return Map.of(KEY, AttributeValue.fromS(key));
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    private KvException failure(String operation, String key, SdkException e) {
        // We never ask for ReturnValuesOnConditionCheckFailure, so service errors carry no item values.
        String detail = e instanceof DynamoDbException d && d.awsErrorDetails() != null
                ? d.awsErrorDetails().errorCode() + ": " + d.awsErrorDetails().errorMessage()
                : e.getMessage();
        String message = "dynamodb: " + operation + (key == null ? "" : " of key '" + key + "'")
                + " on table " + table + " failed: " + detail;
        return isTransient(e) ? new KvTransientException(message, e) : new KvException(message, e);
    }

    /** Throttling, a server error, or no answer at all (connection, timeout): retrying later may succeed. */
    static boolean isTransient(SdkException e) {
        if (e instanceof SdkServiceException s) {
            return s.isThrottlingException() || s.statusCode() >= 500 || e.retryable();
        }
        return e instanceof SdkClientException || e.retryable();
    }
}
