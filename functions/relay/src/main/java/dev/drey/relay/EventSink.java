package dev.drey.relay;

import dev.drey.nostr.Event;
import java.util.concurrent.CompletionStage;

/**
 * Where accepted events go: the log that is the miner's source of truth. The relay answers
 * {@code OK true} only when {@link #append} completes normally, and {@code OK false "error: ..."}
 * when it fails, so nothing is acknowledged that is not stored. Implementations must be
 * thread-safe; the stage may complete on any thread.
 */
public interface EventSink {

    CompletionStage<Accepted> append(Event event);
}
