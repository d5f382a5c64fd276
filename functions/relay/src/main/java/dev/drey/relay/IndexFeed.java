package dev.drey.relay;

import dev.drey.nostr.Event;

/**
 * The log consumer's end: applies each record to the index, then pushes what is new to live
 * subscriptions. Whatever appends to the log (this relay, peer pull, a replay) reaches
 * subscribers the same way.
 */
public final class IndexFeed implements LogListener {
    private final EventIndex index;
    private final SubscriptionRegistry live;

    public IndexFeed(EventIndex index, SubscriptionRegistry live) {
        this.index = index;
        this.live = live;
    }

    @Override
    public void onRecord(Event event, LogPosition position) {
        ApplyOutcome outcome = index.apply(event, position);
        if (outcome == ApplyOutcome.STORED || outcome == ApplyOutcome.EPHEMERAL) {
            live.publish(event);
        }
    }
}
