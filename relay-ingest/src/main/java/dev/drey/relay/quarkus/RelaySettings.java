package dev.drey.relay.quarkus;

import dev.drey.relay.RateLimit;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RelayLimits;
import dev.drey.relay.RosterMember;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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

    /** The URL AUTH events must name, when a proxy hides the one clients connect to. */
    Optional<String> publicUrl();

    Limits limits();

    Index index();

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

        @WithDefault("94608000")
        long createdAtPastSeconds();

        @WithDefault("900")
        long createdAtFutureSeconds();

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

    interface Index {
        /** Directory of the MVStore index file; {@code memory} keeps it in memory. */
        @WithDefault("data/index")
        String dir();
    }

    default RelayConfig toRelayConfig() {
        Limits l = limits();
        RelayLimits limits = new RelayLimits(l.maxMessageBytes(), l.maxEventTags(), l.maxContentLength(),
                l.maxSubscriptions(), l.maxFilters(), l.maxLimit(), l.defaultLimit(), l.createdAtPastSeconds(),
                l.createdAtFutureSeconds(), new RateLimit(l.connectionEventsPerSecond(), l.connectionBurst()),
                new RateLimit(l.keyEventsPerSecond(), l.keyBurst()), l.catchUpTimeoutMillis());
        return new RelayConfig(name(), description().orElse(""), operatorPubkey(), contact(),
                new LinkedHashSet<>(allowList().orElse(List.of())),
                roster().orElse(List.of()).stream().map(RosterMember::parse).toList(),
                new LinkedHashSet<>(serviceKeys().orElse(List.of())), authRequired(), limits, publicUrl());
    }
}
