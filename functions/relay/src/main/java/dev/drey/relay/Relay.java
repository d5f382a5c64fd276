package dev.drey.relay;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.KindClass;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.Verification;
import dev.drey.runtime.metrics.DreyMetrics;
import java.time.Duration;
import java.util.List;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One relay: its configuration, policies, log (sink), index and live subscriptions. Plain Java
 * with no server types, so any websocket host can run it (the Quarkus app, or several relays in
 * one process for a devnet). A host calls {@link #openSession} per connection and hands the
 * session every text frame.
 */
public final class Relay {
    private final RelayConfig config;
    private final DreyMetrics metrics;
    private final RelayPolicies policies;
    private final EventSink sink;
    private final EventIndex index;
    private final SubscriptionRegistry live;
    private final Executor queryExecutor;
    private final SecureRandom random;
    private final NostrParser parser;
    private final Set<String> allowedKeys;
    private final AcknowledgedPositions acknowledged = new AcknowledgedPositions();
    private final ConnectionGate gate;
    private final Map<Disconnect, AtomicLong> disconnects = new EnumMap<>(Disconnect.class);
    /** Appends in progress or not yet indexed, by event id: a second copy waits for the first. */
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    /** Why the relay closed a connection itself. */
    public enum Disconnect {
        /** Its unread answers passed {@link ResourceLimits#maxQueuedOutputBytes()}. */
        SLOW_READER,
        /** It kept sending after being rate-limited. */
        RATE_LIMITED,
        /** It did not authenticate in time. */
        AUTH_TIMEOUT
    }

    /**
     * Counters for operators and the adversary scenarios.
     *
     * @param openConnections    sessions open now
     * @param refusedConnections connections refused at the handshake (connection caps)
     * @param disconnects        connections the relay closed, by reason
     */
    public record Stats(int openConnections, long refusedConnections, Map<Disconnect, Long> disconnects) {
        public Stats {
            disconnects = Map.copyOf(disconnects);
        }

        public long disconnected(Disconnect why) {
            return disconnects.getOrDefault(why, 0L);
        }
    }

    /** What storing an event did. */
    public enum Stored {
        /** Appended now, and acknowledged by the log. */
        STORED,
        /** Already indexed, or appended by an earlier copy: nothing was appended. */
        DUPLICATE
    }

    /**
     * @param sink          the log accepted events are appended to
     * @param index         the query index, fed from the same log through an {@link IndexFeed}
     *                      built on {@code live}
     * @param queryExecutor runs queries that had to wait for the index to catch up, so the
     *                      indexing thread is never used for them
     */
    public Relay(RelayConfig config, RelayPolicies policies, EventSink sink, EventIndex index,
            SubscriptionRegistry live, Executor queryExecutor, SecureRandom random) {
        this(config, policies, sink, index, live, queryExecutor, random, DreyMetrics.NONE);
    }

    /** As above, counting events accepted and refused, time to OK and append latency in {@code metrics}. */
    public Relay(RelayConfig config, RelayPolicies policies, EventSink sink, EventIndex index,
            SubscriptionRegistry live, Executor queryExecutor, SecureRandom random, DreyMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
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
        this.gate = new ConnectionGate(config.resources());
        for (Disconnect d : Disconnect.values()) {
            disconnects.put(d, new AtomicLong());
        }
    }

    /** The standard private relay over the given log and index. */
    public static Relay privateRelay(RelayConfig config, EventSink sink, EventIndex index, SubscriptionRegistry live,
            Executor queryExecutor) {
        return privateRelay(config, sink, index, live, queryExecutor, DreyMetrics.NONE);
    }

    /** As above, with its metrics in {@code metrics}. */
    public static Relay privateRelay(RelayConfig config, EventSink sink, EventIndex index, SubscriptionRegistry live,
            Executor queryExecutor, DreyMetrics metrics) {
        return new Relay(config, RelayPolicies.privateRelay(config, new KeyedRateLimiter(config.limits().perKey())),
                sink, index, live, queryExecutor, new SecureRandom(), metrics);
    }

    /**
     * A new connection from {@code remoteAddress} (the peer's IP address), or empty when the
     * connection caps are reached: the host then refuses the handshake. Sends the NIP-42
     * challenge at once; AUTH events must name the configured public URL. The host must call
     * {@link RelaySession#close()} when the connection ends (that gives back its slot).
     */
    public Optional<RelaySession> openSession(String remoteAddress, RelayOutput output, long nowMillis) {
        if (gate.tryAdmit(remoteAddress).isPresent()) {
            return Optional.empty();
        }
        byte[] c = new byte[16];
        random.nextBytes(c);
        RelaySession s = new RelaySession(this, remoteAddress, output, Hex.encode(c), nowMillis);
        s.start();
        return Optional.of(s);
    }

    public Stats stats() {
        Map<Disconnect, Long> d = new EnumMap<>(Disconnect.class);
        disconnects.forEach((k, v) -> d.put(k, v.get()));
        return new Stats(gate.openConnections(), gate.refusedConnections(), d);
    }

    void countDisconnect(Disconnect why) {
        disconnects.get(why).incrementAndGet();
    }

    ConnectionGate gate() {
        return gate;
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

    DreyMetrics metrics() {
        return metrics;
    }

    AcknowledgedPositions acknowledged() {
        return acknowledged;
    }

    /**
     * Appends an event that passed the policies, exactly once per id: an id already in the index,
     * or appended and not yet indexed, is a duplicate and appends nothing. Completes once the log
     * acknowledged the append (recorded for read-your-writes), or fails when it did not.
     */
    public CompletableFuture<Stored> store(Event event) {
        String id = event.id();
        if (index.contains(id)) {
            return CompletableFuture.completedFuture(Stored.DUPLICATE);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> earlier = inFlight.putIfAbsent(id, mine);
        if (earlier != null) {
            return earlier.thenApply(v -> Stored.DUPLICATE);
        }
        if (index.contains(id)) {
            // Indexed between the first look and the claim (its in-flight entry had just gone).
            inFlight.remove(id, mine);
            mine.complete(null);
            return CompletableFuture.completedFuture(Stored.DUPLICATE);
        }
        CompletableFuture<Accepted> appended;
        long appendStart = System.nanoTime(); // latency metric only; no decision depends on it
        try {
            appended = sink.append(event).toCompletableFuture();
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        return appended.handle((accepted, error) -> {
            metrics.relayKafkaAppend(Duration.ofNanos(System.nanoTime() - appendStart));
            if (error != null) {
                inFlight.remove(id, mine);
                mine.completeExceptionally(error);
                throw error instanceof CompletionException ce ? ce : new CompletionException(error);
            }
            acknowledged.record(accepted.position());
            mine.complete(null);
            // Keep the claim until the index holds the event, so no second copy is appended meanwhile.
            index.awaitApplied(List.of(accepted.position())).toCompletableFuture()
                    .orTimeout(config.limits().catchUpTimeoutMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((v, e) -> inFlight.remove(id, mine));
            return Stored.STORED;
        });
    }

    /**
     * An event that came from elsewhere than a client (peer pull): its id and signature are
     * checked, ephemeral kinds go to live subscribers only, everything else is {@link #store}d.
     */
    public CompletableFuture<Stored> ingest(Event event) {
        Verification v = event.verify();
        if (!v.isValid()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(v.message()));
        }
        if (event.kindClass() == KindClass.EPHEMERAL) {
            live.publish(event);
            return CompletableFuture.completedFuture(Stored.STORED);
        }
        return store(event);
    }

    /** Ids claimed by an append not yet indexed (for tests and metrics). */
    int inFlightCount() {
        return inFlight.size();
    }
}
