package dev.drey.relay.quarkus;

import dev.drey.relay.EventIndex;
import dev.drey.relay.IndexFeed;
import dev.drey.relay.Relay;
import dev.drey.relay.SubscriptionRegistry;
import dev.drey.relay.store.InMemoryEventLog;
import dev.drey.relay.store.MvStoreEventIndex;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Builds the relay core once per application: index, log, live subscriptions, relay. Until the
 * Kafka-backed sink exists the log is an {@link InMemoryEventLog}.
 */
@Startup
@Singleton
public class RelayRuntime {
    private static final Logger LOG = Logger.getLogger(RelayRuntime.class);

    private final MvStoreEventIndex index;
    private final ExecutorService queries;
    private final Relay relay;

    public RelayRuntime(RelaySettings settings) {
        var config = settings.toRelayConfig();
        String dir = settings.index().dir();
        this.index = dir.equals("memory") ? MvStoreEventIndex.inMemory() : MvStoreEventIndex.open(Path.of(dir));
        SubscriptionRegistry live = new SubscriptionRegistry();
        InMemoryEventLog log = new InMemoryEventLog(new IndexFeed(index, live));
        this.queries = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "relay-query");
            t.setDaemon(true);
            return t;
        });
        this.relay = Relay.privateRelay(config, log, index, live, queries);
        LOG.infof("relay ready: %d allowed keys, index %s", config.allowedKeys().size(), dir);
    }

    public Relay relay() {
        return relay;
    }

    public EventIndex index() {
        return index;
    }

    @PreDestroy
    void stop() {
        queries.shutdownNow();
        index.close();
    }
}
