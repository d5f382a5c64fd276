package dev.drey.kv;

import java.time.Clock;

/** Opens the configured {@link KeyValueStore}; plain Java, so a Quarkus producer can simply delegate here. */
public final class KeyValueStores {
    private KeyValueStores() {}

    /** Opens the store that system properties and environment variables ({@link KvConfig}) name. */
    public static KeyValueStore open() {
        return open(KvConfig.fromSystem());
    }

    public static KeyValueStore open(KvConfig config) {
        return switch (config.backend()) {
            case MVSTORE -> MvStoreKeyValueStore.open(config.path(), Clock.systemUTC(), config.fsync());
            case REDIS -> RedisKeyValueStore.connect(config.redisUrl(), config.redisPrefix(),
                    RedisKeyValueStore.DEFAULT_TIMEOUT);
            case DYNAMODB -> {
                DynamoDbKeyValueStore store = DynamoDbKeyValueStore.connect(config.dynamoTable(),
                        config.dynamoRegion(), config.dynamoEndpoint(), null, Clock.systemUTC());
                if (config.dynamoCreateTable()) {
                    try {
                        store.createTableIfMissing();
                    } catch (RuntimeException e) {
                        store.close();
                        throw e;
                    }
                }
                yield store;
            }
        };
    }
}
