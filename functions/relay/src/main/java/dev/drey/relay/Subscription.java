package dev.drey.relay;

import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One open REQ. Until its stored events and EOSE are sent it holds back live matches
 * (catching up); then it forwards them as they are indexed, skipping any already sent.
 */
public final class Subscription {
    /** Live events held back while the stored ones are sent; more means the client is far behind. */
    static final int MAX_PENDING = 10_000;

    private final String id;
    private final List<Filter> filters;
    private final RelaySession owner;
    private final DeliveryPolicy delivery;
    private List<Event> pending = new ArrayList<>();
    /**
     * Ids sent as stored events. An event indexed while the query ran can be both in the stored
     * results and offered live (before or after EOSE); it is sent once. Bounded by the filters' limits.
     */
    private Set<String> sentAsStored = Set.of();
    private boolean live;
    private boolean closed;

    Subscription(String id, List<Filter> filters, RelaySession owner, DeliveryPolicy delivery) {
        this.id = id;
        this.filters = List.copyOf(filters);
        this.owner = owner;
        this.delivery = delivery;
    }

    public String id() {
        return id;
    }

    public List<Filter> filters() {
        return filters;
    }

    RelaySession owner() {
        return owner;
    }

    /** A newly indexed (or ephemeral) event; forwarded if it matches and may be seen. */
    void offer(Event event) {
        if (!Filter.matchesAny(filters, event) || !delivery.mayReceive(event, owner.context())) {
            return;
        }
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (live) {
                if (sentAsStored.contains(event.id())) {
                    return;
                }
                owner.send(new RelayMessage.EventMessage(id, event));
            } else if (pending.size() < MAX_PENDING) {
                pending.add(event);
            } else {
                overflow = true;
            }
        }
        if (overflow) {
            owner.abandon(this, Rejection.error("too many live events while catching up; subscribe again"));
        }
    }

    /** Stored events and EOSE have been sent: forward what was held back, then go live. */
    synchronized void goLive(Set<String> alreadySent) {
        if (closed) {
            return;
        }
        for (Event e : pending) {
            if (!alreadySent.contains(e.id())) {
                owner.send(new RelayMessage.EventMessage(id, e));
            }
        }
        pending = null;
        sentAsStored = alreadySent;
        live = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
        pending = null;
        sentAsStored = Set.of();
    }
}
