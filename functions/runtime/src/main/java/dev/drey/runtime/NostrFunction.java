package dev.drey.runtime;

import dev.drey.nostr.Event;

/**
 * A deployable function as every adapter (SmallRye Kafka consumer, AWS Lambda on MSK, Knative service on a
 * KafkaSource) sees it: one nostr event in, the events to publish out.
 *
 * <p><b>Idempotence.</b> Every platform delivers at least once (a Lambda batch is retried whole, a
 * KafkaSource re-sends on a 5xx, a replay re-reads a topic from offset 0), so an implementation must give
 * the same effect for an event it has already handled: it keys what it stores by the event id or by
 * content-addressed values (compare-and-set, consume-once in the KV store), and a repeated event yields
 * either nothing or the very same output events (same id, which relays and peers drop as duplicates).
 * The ROAST coordinator, the signer, the DTA and M-Pin functions are built that way; adapters rely on it
 * and never dedupe themselves.
 *
 * <p>Anything wrong with the event itself is best a note in the result. What a retry may cure (the KV store
 * unreachable: {@code KvTransientException}) must propagate, not be caught: the runner retries it and then
 * has the delivery redelivered. Any other exception is taken as the record's fault: the record is skipped
 * and sent to the dead-letter topic with the exception as its reason (see {@link FunctionRunner}).
 */
public interface NostrFunction {

    /** The function's name as deployments know it ({@code signer}, {@code roast-orchestrator}, ...). */
    String name();

    FunctionResult handle(Event event);

    /**
     * The periodic tick: the host calls it every few seconds with its clock's time (epoch seconds), on any
     * instance, and publishes the result like a handled event's. Functions with deadlines (the ROAST
     * orchestrator fails runs past theirs) act on it; the others have nothing to do. Idempotent like
     * {@link #handle}: a repeated tick yields nothing new or the very same events.
     */
    default FunctionResult tick(long nowEpochSeconds) {
        return new FunctionResult(java.util.List.of(), java.util.List.of());
    }
}
