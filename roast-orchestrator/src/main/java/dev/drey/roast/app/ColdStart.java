package dev.drey.roast.app;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Logs, once, how long after the process started the first event was handled: the cold-start figure
 * docs/PERFORMANCE.md records (JVM mode, with and without the AOT cache).
 */
final class ColdStart {
    private static final Logger LOG = Logger.getLogger(ColdStart.class.getName());
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private ColdStart() {
    }

    static void firstEventHandled(String function) {
        if (DONE.compareAndSet(false, true)) {
            Instant start = ProcessHandle.current().info().startInstant().orElse(null);
            long ms = start == null ? -1 : Duration.between(start, Instant.now()).toMillis();
            LOG.info("cold start: " + function + " handled its first event " + ms + " ms after process start");
        }
    }
}
