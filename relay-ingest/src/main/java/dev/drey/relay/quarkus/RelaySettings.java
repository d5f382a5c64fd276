package dev.drey.relay.quarkus;

import dev.drey.relay.RateLimit;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RelayLimits;
import dev.drey.relay.ResourceLimits;
import dev.drey.relay.RosterMember;
import dev.drey.relay.gateway.GatewaySettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The relay's configuration ({@code relay.*} in application.properties; each property also
 * reads from its environment variable, e.g. {@code RELAY_ALLOW_LIST}). Mapped onto the core's
 * plain {@link RelayConfig} by {@link #toRelayConfig()}.
 */
@ConfigMapping(prefix = "relay")
public interface RelaySettings {

    @WithDefault("drey-miner relay")
    String name();

    Optional<String> description();

    /** The operator's key, published in NIP-11. */
    Optional<String> operatorPubkey();

    Optional<String> contact();

    /** Extra keys (hex or npub) allowed to write and read. */
    Optional<List<String>> allowList();

    /** Federation members: {@code key} or {@code key@wss://their-relay}. */
    Optional<List<String>> roster();

    /** Keys of services this miner serves (hex or npub). */
    Optional<List<String>> serviceKeys();

    /** REQ needs NIP-42 authentication as an allowed key. */
    @WithDefault("true")
    boolean authRequired();

    /**
     * The relay's public websocket URL ({@code wss://relay.example.org}); AUTH events must name it.
     * Required: the relay does not start without it (the Host header is the client's to choose).
     */
    String publicUrl();

    /** This miner's secret key (hex or nsec) for NIP-42 to peers and the outbox; never logged. */
    Optional<String> secretKey();

    /** Where the index and the gateway state live; {@code memory} keeps them in memory. */
    @WithDefault("data")
    String dataDir();

    /** How far before its checkpoint a peer pull resumes. */
    @WithDefault("10M")
    Duration pullOverlap();

    Limits limits();

    Resources resources();

    Kafka kafka();

    // --- gateway (peer pull and outbox) settings ---

    Gateway gateway();

    /** Peer pull and outbox limits ({@code relay.gateway.*}); see {@link GatewaySettings}. */
    interface Gateway {
        /** Relays the outbox may publish to besides the roster's (e.g. the PoL service relay), comma-separated. */
        Optional<List<String>> outboxRelays();

        @WithDefault("200")
        double peerEventsPerSecond();

        @WithDefault("5000")
        int peerBurst();

        /** Deliveries waiting for one recipient relay; more are dead-lettered. */
        @WithDefault("1000")
        int outboxPendingCap();

        @WithDefault("20")
        int outboxMaxAttempts();

        @WithDefault("15M")
        Duration outboxMaxAge();

        @WithDefault("10S")
        Duration outboxOkTimeout();

        /** Pace towards a relay whose NIP-11 document does not publish its rate limit. */
        @WithDefault("50")
        double outboxEventsPerSecond();

        @WithDefault("50")
        int outboxBurst();
    }

    default GatewaySettings toGatewaySettings() {
        Gateway g = gateway();
        return new GatewaySettings(new LinkedHashSet<>(g.outboxRelays().orElse(List.of())),
                new RateLimit(g.peerEventsPerSecond(), g.peerBurst()), g.outboxPendingCap(),
                g.outboxMaxAttempts(), g.outboxMaxAge(), g.outboxOkTimeout(),
                new RateLimit(g.outboxEventsPerSecond(), g.outboxBurst()));
    }

    interface Kafka {
        /** {@code host:port,...}; application.properties reads {@code KAFKA_BOOTSTRAP_SERVERS}. */
        String bootstrapServers();

        /** Prefix of the topic names, so several miners can share a cluster. */
        Optional<String> topicPrefix();

        /** How long an append may wait for Kafka before the client gets {@code OK false "error: ..."}. */
        @WithDefault("30S")
        Duration deliveryTimeout();
    }

    interface Limits {
        @WithDefault("131072")
        int maxMessageBytes();

        @WithDefault("2000")
        int maxEventTags();

        @WithDefault("100000")
        int maxContentLength();

        @WithDefault("50")
        int maxSubscriptions();

        @WithDefault("20")
        int maxFilters();

        @WithDefault("5000")
        int maxLimit();

        @WithDefault("500")
        int defaultLimit();

        /** Other kinds: 7 days back (NIP-59 gift wraps backdate created_at by up to 2 days). */
        @WithDefault("604800")
        long createdAtPastSeconds();

        @WithDefault("900")
        long createdAtFutureSeconds();

        /** Federation protocol kinds (3400-3499): 15 minutes either way, so captured messages go stale. */
        @WithDefault("900")
        long protocolCreatedAtPastSeconds();

        @WithDefault("900")
        long protocolCreatedAtFutureSeconds();

        @WithDefault("500")
        double connectionEventsPerSecond();

        @WithDefault("1000")
        int connectionBurst();

        @WithDefault("1000")
        double keyEventsPerSecond();

        @WithDefault("2000")
        int keyBurst();

        @WithDefault("5000")
        long catchUpTimeoutMillis();
    }

    /** Limits that protect the relay's memory, threads and connections from hostile clients. */
    interface Resources {
        @WithDefault("1000")
        int maxConnections();

        @WithDefault("20")
        int maxConnectionsPerAddress();

        /** A connection that has not authenticated (NIP-42) by then is closed. */
        @WithDefault("60S")
        Duration authTimeout();

        /** Answers a client has not read; beyond this its connection is closed. */
        @WithDefault("4194304")
        long maxQueuedOutputBytes();

        /** Rate-limited frames in a row before the connection is closed. */
        @WithDefault("20")
        int rateLimitedFramesBeforeClose();

        @WithDefault("4")
        int maxQueriesInFlight();

        /** Index entries one REQ may read before it is answered with what was found and EOSE. */
        @WithDefault("100000")
        long maxScanKeys();
    }

    default RelayConfig toRelayConfig() {
        Limits l = limits();
        Resources r = resources();
        RelayLimits limits = new RelayLimits(l.maxMessageBytes(), l.maxEventTags(), l.maxContentLength(),
                l.maxSubscriptions(), l.maxFilters(), l.maxLimit(), l.defaultLimit(), l.createdAtPastSeconds(),
                l.createdAtFutureSeconds(), l.protocolCreatedAtPastSeconds(), l.protocolCreatedAtFutureSeconds(),
                new RateLimit(l.connectionEventsPerSecond(), l.connectionBurst()),
                new RateLimit(l.keyEventsPerSecond(), l.keyBurst()), l.catchUpTimeoutMillis());
        return new RelayConfig(name(), description().orElse(""), operatorPubkey(), contact(),
                new LinkedHashSet<>(allowList().orElse(List.of())),
                roster().orElse(List.of()).stream().map(RosterMember::parse).toList(),
                new LinkedHashSet<>(serviceKeys().orElse(List.of())), authRequired(), limits, publicUrl(),
                new ResourceLimits(r.maxConnections(), r.maxConnectionsPerAddress(), r.authTimeout().toMillis(),
                        r.maxQueuedOutputBytes(), r.rateLimitedFramesBeforeClose(), r.maxQueriesInFlight(),
                        r.maxScanKeys()));
    }
}
