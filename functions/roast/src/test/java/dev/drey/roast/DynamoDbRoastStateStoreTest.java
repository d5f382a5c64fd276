package dev.drey.roast;

import dev.drey.kv.DynaliteServer;
import dev.drey.kv.DynamoDbKeyValueStore;
import dev.drey.kv.KeyValueStore;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Against dynalite (the DynamoDB API on Node, in memory), as the kv module's own tests run it. */
class DynamoDbRoastStateStoreTest extends RoastStateStoreContract {
    private DynaliteServer server;

    @Override
    protected KeyValueStore open() throws Exception {
        server = DynaliteServer.start();
        DynamoDbKeyValueStore store = DynamoDbKeyValueStore.connect("roast-test", "us-east-1", server.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test-access-key", "test-secret-key")),
                Clock.systemUTC());
        store.createTableIfMissing();
        return store;
    }

    @Override
    protected void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
