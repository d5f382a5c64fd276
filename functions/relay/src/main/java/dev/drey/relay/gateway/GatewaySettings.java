package dev.drey.relay.gateway;

import dev.drey.kafka.OutboxRecord;
import dev.drey.relay.RateLimit;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What limits the gateway (peer pull and the outbox), each failing closed by default.
 *
 * @param outboxRelays            relays the outbox may publish to besides the roster's relay URLs (e.g.
 *                                the PoL service's relay); a record naming any other URL is dead-lettered
 * @param perPeer                 events one peer may deliver to peer pull; beyond it the connection is cut and
 *                                resumed after back-off from the checkpoint (nothing refused is stored)
 * @param destinationPendingCap   deliveries waiting for one recipient relay; beyond it new ones are dead-lettered
 * @param maxAttempts             sends of one delivery (timeouts and retryable refusals count) before it is
 *                                dead-lettered
 * @param maxDeliveryAge          how long one delivery may stay unfinished before it is dead-lettered
 * @param okTimeout               how long a sent event may wait for the relay's {@code OK} before the
 *                                connection is dropped and the event resent on a new one
 * @param outboxRate              pace and window (burst = most events in flight) towards a recipient relay
 *                                whose NIP-11 document does not say its per-connection rate limit
 */
public record GatewaySettings(Set<String> outboxRelays, RateLimit perPeer, int destinationPendingCap, int maxAttempts, Duration maxDeliveryAge, Duration okTimeout,
        RateLimit outboxRate) {

    public static final GatewaySettings DEFAULT = new GatewaySettings(Set.of(), new RateLimit(200, 5000),
            1000, 20, Duration.ofMinutes(15), Duration.ofSeconds(10), new RateLimit(50, 50));

    public GatewaySettings {
        LinkedHashSet<String> urls = new LinkedHashSet<>();
        for (String u : outboxRelays == null ? Set.<String>of() : outboxRelays) {
            OutboxRecord.checkRelayUrl(u);
            urls.add(u);
        }
        outboxRelays = Set.copyOf(urls);
        if (perPeer == null || outboxRate == null) {
            throw new IllegalArgumentException("gateway rate limits must be given");
        }
        if (destinationPendingCap < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("outbox pending cap and attempts must be at least 1");
        }
        if (maxDeliveryAge == null || okTimeout == null || maxDeliveryAge.isNegative() || maxDeliveryAge.isZero()
                || okTimeout.isNegative() || okTimeout.isZero()) {
            throw new IllegalArgumentException("outbox delivery age and OK timeout must be positive");
        }
    }

    public GatewaySettings withOutboxRelays(Set<String> urls) {
        return new GatewaySettings(urls, perPeer, destinationPendingCap,
                maxAttempts, maxDeliveryAge, okTimeout, outboxRate);
    }

    public GatewaySettings withPerPeer(RateLimit limit) {
        return new GatewaySettings(outboxRelays, limit, destinationPendingCap,
                maxAttempts, maxDeliveryAge, okTimeout, outboxRate);
    }

    public GatewaySettings withDeliveryLimits(int pendingCap, int attempts, Duration maxAge, Duration ok) {
        return new GatewaySettings(outboxRelays, perPeer, pendingCap, attempts,
                maxAge, ok, outboxRate);
    }

    public GatewaySettings withOutboxRate(RateLimit rate) {
        return new GatewaySettings(outboxRelays, perPeer, destinationPendingCap,
                maxAttempts, maxDeliveryAge, okTimeout, rate);
    }
}
