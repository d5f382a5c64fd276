package dev.drey.relay;

import dev.drey.crypto.Hex;
import dev.drey.nostr.NostrParser;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One relay: its configuration, policies, log (sink), index and live subscriptions. Plain Java
 * with no server types, so any websocket host can run it (the Quarkus app, or several relays in
 * one process for a devnet). A host calls {@link #openSession} per connection and hands the
 * session every text frame.
 */
public final class Relay {
    private final RelayConfig config;
    private final RelayPolicies policies;
    private final EventSink sink;
    private final EventIndex index;
    private final SubscriptionRegistry live;
    private final Executor queryExecutor;
    private final SecureRandom random;
    private final NostrParser parser;
    private final Set<String> allowedKeys;
    private final AcknowledgedPositions acknowledged = new AcknowledgedPositions();
    private final Map<String, CompletableFuture<Accepted>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param sink          the log accepted events are appended to
     * @param index         the query index, fed from the same log through an {@link IndexFeed}
     *                      built on {@code live}
     * @param queryExecutor runs queries that had to wait for the index to catch up, so the
     *                      indexing thread is never used for them
     */
    public Relay(RelayConfig config, RelayPolicies policies, EventSink sink, EventIndex index,
            SubscriptionRegistry live, Executor queryExecutor, SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.index = Objects.requireNonNull(index, "index");
        this.live = Objects.requireNonNull(live, "live");
        this.queryExecutor = Objects.requireNonNull(queryExecutor, "queryExecutor");
        this.random = Objects.requireNonNull(random, "random");
        // Nesting 8 fits any message (a tag in an event in a message is depth 3).
        this.parser = new NostrParser(new NostrParser.Limits(config.limits().maxMessageBytes(), 8, 20));
        this.allowedKeys = config.allowedKeys();
    }

    /** The standard private relay over the given log and index. */
    public static Relay privateRelay(RelayConfig config, EventSink sink, EventIndex index, SubscriptionRegistry live,
            Executor queryExecutor) {
        return new Relay(config, RelayPolicies.privateRelay(config, new KeyedRateLimiter(config.limits().perKey())),
                sink, index, live, queryExecutor, new SecureRandom());
    }

    /**
     * A new connection. Sends the NIP-42 challenge at once.
     *
     * @param connectionUrl the URL the client connected to (scheme, Host header, path); AUTH
     *                      events must name it unless a public URL is configured
     */
    public RelaySession openSession(String connectionUrl, RelayOutput output, long nowMillis) {
        byte[] c = new byte[16];
        random.nextBytes(c);
        RelaySession s = new RelaySession(this, config.publicUrl().orElse(connectionUrl), output, Hex.encode(c),
                nowMillis);
        s.start();
        return s;
    }

    public RelayConfig config() {
        return config;
    }

    public RelayInformation information() {
        return new RelayInformation(config);
    }

    public EventIndex index() {
        return index;
    }

    RelayPolicies policies() {
        return policies;
    }

    EventSink sink() {
        return sink;
    }

    SubscriptionRegistry live() {
        return live;
    }

    Executor queryExecutor() {
        return queryExecutor;
    }

    NostrParser parser() {
        return parser;
    }

    Set<String> allowedKeys() {
        return allowedKeys;
    }

    AcknowledgedPositions acknowledged() {
        return acknowledged;
    }

    Map<String, CompletableFuture<Accepted>> inFlight() {
        return inFlight;
    }
}
