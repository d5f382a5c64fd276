package dev.drey.relay;

import java.util.ArrayList;
import java.util.List;

/** The three policy chains a relay runs: on EVENT, on REQ, and on every delivery. */
public record RelayPolicies(EventPolicy events, FilterPolicy filters, DeliveryPolicy delivery) {

    /**
     * The private-relay rules, in order. Cheap checks come before the signature: shape, then the
     * allow-list and the gift-wrap rule, so a stranger's events (from an unauthenticated
     * connection, say) are refused without a signature check; the per-key rate limit last, so
     * nobody can drain another key's bucket with events that key never signed.
     */
    public static RelayPolicies privateRelay(RelayConfig config, KeyedRateLimiter perKey) {
        EventPolicy events = EventPolicy.inOrder(List.of(
                EventPolicies.limits(config.limits()),
                EventPolicies.noAuthEvents(),
                EventPolicies.allowList(config.allowedKeys()),
                EventPolicies.giftWraps(),
                EventPolicies.validIdAndSignature(),
                EventPolicies.protectedEvents(),
                EventPolicies.perKeyRateLimit(perKey)));
        List<FilterPolicy> filters = new ArrayList<>();
        if (config.authRequiredForReads()) {
            filters.add(FilterPolicies.authRequired());
        }
        filters.add(FilterPolicies.limits(config.limits()));
        return new RelayPolicies(events, FilterPolicy.inOrder(filters), DeliveryPolicies.giftWrapsToRecipient());
    }

    /** Adds a rule after the existing EVENT rules (khatru-style extension point). */
    public RelayPolicies withEventPolicy(EventPolicy extra) {
        return new RelayPolicies(events.andThen(extra), filters, delivery);
    }

    public RelayPolicies withFilterPolicy(FilterPolicy extra) {
        return new RelayPolicies(events, filters.andThen(extra), delivery);
    }

    public RelayPolicies withDeliveryPolicy(DeliveryPolicy extra) {
        return new RelayPolicies(events, filters, delivery.and(extra));
    }
}
