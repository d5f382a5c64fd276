package dev.drey.kv;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Which backend to use and how to reach it. Read from properties named {@code drey.kv.*} or the matching
 * environment variables ({@code DREY_KV_*}: upper case, dots and dashes become underscores, as in
 * MicroProfile Config, so a Quarkus adapter can feed the same names); a property wins over a variable.
 *
 * @param backend which store {@link KeyValueStores#open} builds
 * @param path the MVStore file
 * @param fsync MVStore: force every write to the disk
 * @param redisUrl Redis connection string (may carry a password: never printed)
 * @param redisPrefix prefix of every Redis key, so several stores can share one server
 * @param dynamoTable DynamoDB table name
 * @param dynamoRegion AWS region, or null for the SDK's default chain
 * @param dynamoEndpoint endpoint override (a local DynamoDB-compatible server), or null for AWS's
 * @param dynamoCreateTable create the table if it is missing (development; deployments create it)
 */
public record KvConfig(
        Backend backend,
        Path path,
        boolean fsync,
        String redisUrl,
        String redisPrefix,
        String dynamoTable,
        String dynamoRegion,
        URI dynamoEndpoint,
        boolean dynamoCreateTable) {

    public enum Backend { MVSTORE, REDIS, DYNAMODB }

    public static final String BACKEND = "drey.kv.backend";
    public static final String PATH = "drey.kv.path";
    public static final String FSYNC = "drey.kv.mvstore.fsync";
    public static final String REDIS_URL = "drey.kv.redis.url";
    public static final String REDIS_PREFIX = "drey.kv.redis.prefix";
    public static final String DYNAMODB_TABLE = "drey.kv.dynamodb.table";
    public static final String DYNAMODB_REGION = "drey.kv.dynamodb.region";
    public static final String DYNAMODB_ENDPOINT = "drey.kv.dynamodb.endpoint";
    public static final String DYNAMODB_CREATE_TABLE = "drey.kv.dynamodb.create-table";

    public static final String DEFAULT_PATH = "data/drey-kv.mv.db";
    public static final String DEFAULT_REDIS_URL = "redis://localhost:6379";
    public static final String DEFAULT_TABLE = "drey-kv";

    public KvConfig {
        if (backend == null) {
            throw new IllegalArgumentException("kv backend must not be null");
        }
    }

    /** The configuration from system properties and the process environment. */
    public static KvConfig fromSystem() {
        Map<String, String> props = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        return from(props, System.getenv());
    }

    /**
     * The configuration from {@code properties} and {@code environment}; unknown backends, bad paths,
     * URIs and booleans are refused with an {@link IllegalArgumentException} naming the setting.
     */
    public static KvConfig from(Map<String, String> properties, Map<String, String> environment) {
        Settings s = new Settings(properties, environment);
        String backendName = s.get(BACKEND, "mvstore");
        Backend backend = switch (backendName.trim().toLowerCase(Locale.ROOT)) {
            case "mvstore" -> Backend.MVSTORE;
            case "redis" -> Backend.REDIS;
            case "dynamodb" -> Backend.DYNAMODB;
            default -> throw new IllegalArgumentException(BACKEND + " must be mvstore, redis or dynamodb, was '"
                    + backendName + "'");
        };
        Path path;
        try {
            path = Path.of(s.get(PATH, DEFAULT_PATH));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(PATH + " is not a valid path: " + e.getMessage());
        }
        String endpoint = s.get(DYNAMODB_ENDPOINT, null);
        URI endpointUri = null;
        if (endpoint != null) {
            try {
                endpointUri = new URI(endpoint);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(DYNAMODB_ENDPOINT + " is not a valid URI: " + e.getMessage());
            }
            if (endpointUri.getScheme() == null || endpointUri.getHost() == null) {
                throw new IllegalArgumentException(DYNAMODB_ENDPOINT + " must be an absolute http(s) URI, was '"
                        + endpoint + "'");
            }
        }
        return new KvConfig(backend, path, s.flag(FSYNC, true),
                s.get(REDIS_URL, DEFAULT_REDIS_URL), s.get(REDIS_PREFIX, RedisKeyValueStore.DEFAULT_PREFIX),
                s.get(DYNAMODB_TABLE, DEFAULT_TABLE), s.get(DYNAMODB_REGION, null), endpointUri,
                s.flag(DYNAMODB_CREATE_TABLE, false));
    }

    /** The environment variable that stands for {@code property}: {@code drey.kv.redis.url} → {@code DREY_KV_REDIS_URL}. */
    public static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @Override
    public String toString() {
        // The Redis URL may hold a password.
        return "KvConfig[backend=" + backend + ", path=" + path + ", fsync=" + fsync + ", redisPrefix='"
                + redisPrefix + "', dynamoTable=" + dynamoTable + ", dynamoRegion=" + dynamoRegion
                + ", dynamoEndpoint=" + dynamoEndpoint + ", dynamoCreateTable=" + dynamoCreateTable + "]";
    }

    private record Settings(Map<String, String> properties, Map<String, String> environment) {
        String get(String property, String fallback) {
            String v = properties.get(property);
            if (v == null || v.isBlank()) {
                v = environment.get(environmentName(property));
            }
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        boolean flag(String property, boolean fallback) {
            String v = get(property, null);
            if (v == null) {
                return fallback;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(property + " must be true or false, was '" + v + "'");
            };
        }
    }
}
