package dev.drey.relay;

import dev.drey.nostr.Event;
import java.util.List;
import java.util.Optional;

/**
 * One rule an incoming EVENT must pass (like khatru's RejectEvent hooks). Policies are plain
 * functions composed in order; the first rejection wins and later rules are not consulted,
 * so cheap rules go first.
 */
@FunctionalInterface
public interface EventPolicy {

    Optional<Rejection> check(Event event, SessionContext session);

    default EventPolicy andThen(EventPolicy next) {
        return (event, session) -> {
            Optional<Rejection> r = check(event, session);
            return r.isPresent() ? r : next.check(event, session);
        };
    }

    static EventPolicy acceptAll() {
        return (event, session) -> Optional.empty();
    }

    static EventPolicy inOrder(List<EventPolicy> policies) {
        EventPolicy all = acceptAll();
        for (EventPolicy p : policies) {
            all = all.andThen(p);
        }
        return all;
    }
}
