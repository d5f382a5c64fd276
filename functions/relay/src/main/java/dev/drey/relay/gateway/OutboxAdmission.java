package dev.drey.relay.gateway;

import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.util.Optional;
import java.util.Set;

/**
 * What an outbox record must be before anything is published: whoever can write the outbox topic
 * must not be able to make this miner's gateway speak for someone else or call arbitrary URLs.
 * Each check returns the dead-letter reason, or empty when the delivery may go.
 */
final class OutboxAdmission {
    private OutboxAdmission() {
    }

    /** The event is signed by this miner: author is {@code me}, id and signature verify. */
    static Optional<String> eventRefusal(Event event, String me) {
        if (!event.pubkey().equals(me)) {
            return Optional.of("not-mine: the event's author " + event.pubkey()
                    + " is not this miner; the outbox only publishes this miner's events");
        }
        Verification v = event.verify();
        return v.isValid() ? Optional.empty() : Optional.of("not-mine: " + v.message());
    }

    /** The URL is one of the allowed relays, compared exactly as configured. */
    static Optional<String> relayRefusal(String url, Set<String> allowed) {
        return allowed.contains(url) ? Optional.empty()
                : Optional.of("not-allowed: the relay is neither a roster relay nor a configured outbox relay");
    }
}
