package dev.drey.relay;

import dev.drey.kafka.ProtocolKinds;
import dev.drey.nostr.Event;
import dev.drey.nostr.Nip42;
import dev.drey.nostr.Verification;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The relay's standard EVENT rules, each a small {@link EventPolicy}. */
public final class EventPolicies {
    /** NIP-59 gift wrap: signed by a throwaway key, so its author cannot be on any list. */
    public static final int GIFT_WRAP_KIND = 1059;

    private EventPolicies() {
    }

    /** Tag count, content length and the created_at window (narrower for protocol kinds). */
    public static EventPolicy limits(RelayLimits limits) {
        return (event, session) -> {
            if (event.tags().size() > limits.maxEventTags()) {
                return Optional.of(Rejection.invalid("too many tags (" + event.tags().size() + ", at most "
                        + limits.maxEventTags() + ")"));
            }
            String content = event.content();
            if (content.length() > limits.maxContentLength()
                    && content.codePointCount(0, content.length()) > limits.maxContentLength()) {
                return Optional.of(Rejection.invalid("content longer than " + limits.maxContentLength() + " characters"));
            }
            long now = session.nowSeconds();
            boolean protocol = ProtocolKinds.isFederationRange(event.kind());
            long past = protocol ? limits.protocolCreatedAtPastSeconds() : limits.createdAtPastSeconds();
            long future = protocol ? limits.protocolCreatedAtFutureSeconds() : limits.createdAtFutureSeconds();
            String what = protocol ? "created_at of a protocol event" : "created_at";
            if (event.createdAt() < now - past) {
                return Optional.of(Rejection.invalid(what + " is more than " + past + " seconds in the past"));
            }
            if (event.createdAt() > now + future) {
                return Optional.of(Rejection.invalid(what + " is more than " + future + " seconds in the future"));
            }
            return Optional.empty();
        };
    }

    /** NIP-42 AUTH events are answers to one connection's challenge, never published. */
    public static EventPolicy noAuthEvents() {
        return (event, session) -> event.kind() == Nip42.KIND
                ? Optional.of(Rejection.invalid("kind 22242 is for AUTH messages and is never stored"))
                : Optional.empty();
    }

    /** The id is the hash of the event and the signature verifies. */
    public static EventPolicy validIdAndSignature() {
        return (event, session) -> {
            Verification v = event.verify();
            return v.isValid() ? Optional.empty() : Optional.of(Rejection.fromPrefixed(v.message()));
        };
    }

    /** Only allowed authors may write; gift wraps are judged by {@link #giftWraps()} instead. */
    public static EventPolicy allowList(Set<String> allowed) {
        Set<String> keys = Set.copyOf(allowed);
        return (event, session) -> event.kind() == GIFT_WRAP_KIND || keys.contains(event.pubkey())
                ? Optional.empty()
                : Optional.of(Rejection.blocked("author is not a member of this private relay"));
    }

    /**
     * NIP-70: an event carrying the {@code ["-"]} tag may only be published by its author,
     * authenticated on this connection.
     */
    public static EventPolicy protectedEvents() {
        return (event, session) -> {
            if (!isProtected(event) || session.isAuthenticatedAs(event.pubkey())) {
                return Optional.empty();
            }
            String why = "this event may only be published by its author";
            return Optional.of(session.isAuthenticated() ? Rejection.restricted(why) : Rejection.authRequired(why));
        };
    }

    public static boolean isProtected(Event event) {
        for (List<String> tag : event.tags()) {
            if (!tag.isEmpty() && tag.get(0).equals("-")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gift wraps come from a random key, so the sender must be an authenticated member (only
     * allowed keys can authenticate), and they must name a recipient to be served to.
     */
    public static EventPolicy giftWraps() {
        return (event, session) -> {
            if (event.kind() != GIFT_WRAP_KIND) {
                return Optional.empty();
            }
            if (!session.isAuthenticated()) {
                return Optional.of(Rejection.authRequired("gift wraps are accepted only from an authenticated member"));
            }
            if (event.firstTagValue("p").isEmpty()) {
                return Optional.of(Rejection.invalid("gift wrap has no p tag naming its recipient"));
            }
            return Optional.empty();
        };
    }

    /**
     * Events per author key, across connections. Gift wraps are counted against the smallest key
     * the connection authenticated as, because their own author key is new every time.
     */
    public static EventPolicy perKeyRateLimit(KeyedRateLimiter limiter) {
        return (event, session) -> {
            String key = event.kind() == GIFT_WRAP_KIND
                    ? session.authenticatedKeys().stream().sorted().findFirst().orElse(event.pubkey())
                    : event.pubkey();
            return limiter.tryTake(key, session.nowMillis())
                    ? Optional.empty()
                    : Optional.of(Rejection.rateLimited("too many events from this key; slow down"));
        };
    }
}
