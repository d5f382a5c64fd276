package dev.drey.pol;

import dev.drey.kv.DynaliteServer;
import dev.drey.kv.DynamoDbKeyValueStore;
import dev.drey.kv.KeyValueStore;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@link PinLockoutRaceContract} on dynalite (the DynamoDB API, in memory). */
class PinLockoutRaceDynamoDbTest extends PinLockoutRaceContract {
    private DynaliteServer server;

    @Override
    protected KeyValueStore openStore() throws Exception {
        server = DynaliteServer.start();
        // dynalite checks that requests are signed, not by whom
        DynamoDbKeyValueStore store = DynamoDbKeyValueStore.connect("drey-pol-test", "us-east-1",
                server.endpoint(), StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("test-access-key", "test-secret-key")),
                Clock.systemUTC());
        store.createTableIfMissing();
        return store;
    }

    @Override
    protected void stopBackend() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
