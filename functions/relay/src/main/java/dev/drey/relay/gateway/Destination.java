package dev.drey.relay.gateway;

import dev.drey.nostr.RelayMessage;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One recipient relay of the outbox: a connection authenticated as this miner (opened when
 * needed, reopened with back-off), and the deliveries waiting for it. A refusal whose prefix
 * says trying again may help ({@code error:}, {@code rate-limited:}, {@code auth-required:}) is
 * retried with back-off; any other {@code OK false} is definitive. Scheduler thread only.
 */
final class Destination {
    private static final System.Logger LOG = System.getLogger(Destination.class.getName());
    static final Set<String> TRANSIENT = Set.of("error", "rate-limited", "auth-required");

    private final String url;
    private final OutboxPublisher outbox;
    private final Deque<Delivery> queue = new ArrayDeque<>();
    private final Map<Delivery, Integer> attempts = new HashMap<>();
    private RelayConnection connection;
    private boolean connecting;
    private boolean retryScheduled;
    private int connectAttempts;
    private boolean closed;

    Destination(String url, OutboxPublisher outbox) {
        this.url = url;
        this.outbox = outbox;
    }

    void enqueue(Delivery d) {
        queue.add(d);
        pump();
    }

    private void pump() {
        if (closed || retryScheduled) {
            return;
        }
        if (connection == null) {
            connect();
            return;
        }
        RelayConnection c = connection;
        while (!queue.isEmpty()) {
            Delivery d = queue.poll();
            c.publish(d.event()).whenComplete((ok, e) -> outbox.scheduler().execute(() -> answered(c, d, ok, e)));
        }
    }

    private void answered(RelayConnection c, Delivery d, RelayMessage.Ok ok, Throwable error) {
        if (error != null) {
            // The connection went away before the OK: send again on the next one.
            queue.addFirst(d);
            if (connection == c) {
                connection = null;
            }
            if (connection == null) {
                retryConnect();
            }
            return;
        }
        if (ok.accepted()) {
            attempts.remove(d);
            outbox.finished(d, true, "");
            return;
        }
        String prefix = prefix(ok.message());
        if (TRANSIENT.contains(prefix)) {
            int n = attempts.merge(d, 1, Integer::sum);
            Duration delay = outbox.backoff().delay(n - 1);
            outbox.scheduler().schedule(() -> enqueue(d), delay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        attempts.remove(d);
        outbox.finished(d, false, ok.message());
    }

    static String prefix(String message) {
        int colon = message.indexOf(':');
        return colon < 0 ? "" : message.substring(0, colon);
    }

    private void connect() {
        if (connecting || closed) {
            return;
        }
        connecting = true;
        RelayConnection.Listener ignore = new RelayConnection.Listener() {
            @Override
            public void onEvent(String s, dev.drey.nostr.Event e) {
            }

            @Override
            public void onEose(String s) {
            }

            @Override
            public void onClosed(String s, String reason) {
            }
        };
        // Publishing needs no AUTH when the author is allowed; AUTH still helps with protected events.
        RelayConnection.open(outbox.http(), url, outbox.me(), ignore, outbox.nowSeconds(), Duration.ofSeconds(10))
                .thenCompose(c -> c.authenticated().orTimeout(5, TimeUnit.SECONDS).handle((v, e) -> c))
                .whenComplete((c, e) -> outbox.scheduler().execute(() -> connected(c, e)));
    }

    private void connected(RelayConnection c, Throwable error) {
        connecting = false;
        if (closed) {
            if (c != null) {
                c.close();
            }
            return;
        }
        if (error != null || c.closed().isDone()) {
            LOG.log(Level.INFO, "outbox: cannot reach " + url + ": "
                    + (error == null ? "closed" : RelayConnectionErrors.describe(error)));
            retryConnect();
            return;
        }
        connectAttempts = 0;
        connection = c;
        c.closed().whenComplete((r, e) -> outbox.scheduler().execute(() -> {
            if (connection == c) {
                connection = null;
                if (!queue.isEmpty()) {
                    retryConnect();
                }
            }
        }));
        pump();
    }

    private void retryConnect() {
        if (retryScheduled || connecting || closed) {
            return;
        }
        retryScheduled = true;
        Duration delay = outbox.backoff().delay(connectAttempts++);
        outbox.scheduler().schedule(() -> {
            retryScheduled = false;
            pump();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void close() {
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
