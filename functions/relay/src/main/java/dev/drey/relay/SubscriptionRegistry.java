package dev.drey.relay;

import dev.drey.nostr.Event;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every open subscription of one relay; newly indexed events are offered to each. */
public final class SubscriptionRegistry {
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    void add(Subscription s) {
        subscriptions.add(s);
    }

    void remove(Subscription s) {
        subscriptions.remove(s);
    }

    /** Offers an event to every subscription (each checks its filters and delivery policy). */
    public void publish(Event event) {
        for (Subscription s : subscriptions) {
            s.offer(event);
        }
    }

    public int size() {
        return subscriptions.size();
    }
}
