package dev.drey.relay.gateway;

import dev.drey.nostr.Event;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.RateLimit;
import dev.drey.relay.TokenBucket;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One recipient relay of the outbox: a connection authenticated as this miner (opened when
 * needed, reopened with back-off), and the deliveries waiting for it, bounded by the pending cap.
 * Sends are paced by a token bucket shaped like the relay's published rate limit (NIP-11, else the
 * configured one), with at most its burst in flight. A refusal whose prefix says trying again may
 * help ({@code error:}, {@code rate-limited:}, {@code auth-required:}) is retried with back-off, as
 * is a send whose {@code OK} does not come in time (the connection is dropped); any other
 * {@code OK false} is definitive. A delivery out of attempts or older than the age limit is
 * dead-lettered, so a dead relay costs its own deliveries only. Scheduler thread only.
 */
final class Destination {
    private static final System.Logger LOG = System.getLogger(Destination.class.getName());
    static final Set<String> TRANSIENT = Set.of("error", "rate-limited", "auth-required");
    private static final Duration INFO_TIMEOUT = Duration.ofSeconds(5);
    private static final String NOT_CONNECTED = "not connected yet";

    private final String url;
    private final OutboxPublisher outbox;
    private final GatewaySettings settings;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Set<Pending> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Deliveries waiting out a back-off after a retryable refusal. */
    private int delayed;
    private RateLimit pace;
    private TokenBucket bucket;
    private RelayConnection connection;
    private boolean connecting;
    private boolean retryScheduled;
    private boolean paceScheduled;
    private boolean sweepScheduled;
    private int connectAttempts;
    private boolean closed;
    /** The last thing that went wrong with this relay, for dead-letter reasons. */
    private String lastProblem = NOT_CONNECTED;

    /** One delivery: when it was queued and how often it was sent. */
    private static final class Pending {
        final Delivery delivery;
        final long sinceMillis;
        int attempts;

        Pending(Delivery delivery, long sinceMillis) {
            this.delivery = delivery;
            this.sinceMillis = sinceMillis;
        }
    }

    /** An open, authenticated connection and the rate limit the relay published, if any. */
    private record Opened(RelayConnection connection, Optional<RateLimit> published) {
    }

    Destination(String url, OutboxPublisher outbox) {
        this.url = url;
        this.outbox = outbox;
        this.settings = outbox.settings();
        this.pace = settings.outboxRate();
    }

    void enqueue(Delivery d) {
        if (closed) {
            return;
        }
        if (queue.size() + inFlight.size() + delayed >= settings.destinationPendingCap()) {
            outbox.deadLetter(d, 0, "pending-cap: " + settings.destinationPendingCap()
                    + " deliveries already wait for this relay (" + lastProblem + ")");
            return;
        }
        queue.add(new Pending(d, outbox.nowMillis()));
        pump();
    }

    private void pump() {
        if (closed) {
            return;
        }
        expire();
        if (queue.isEmpty() || retryScheduled) {
            return;
        }
        if (connection == null) {
            connect();
            return;
        }
        RelayConnection c = connection;
        long now = outbox.nowMillis();
        while (!queue.isEmpty() && inFlight.size() < pace.burst()) {
            if (!bucket.tryTake(now)) {
                schedulePace();
                return;
            }
            Pending p = queue.poll();
            p.attempts++;
            inFlight.add(p);
            Event event = p.delivery.event();
            c.publish(event).orTimeout(settings.okTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ok, e) -> outbox.scheduler().execute(() -> answered(c, p, ok, e)));
        }
    }

    /**
     * Deliveries at the head that are older than the age limit are dead-lettered (oldest come first),
     * and a check is set for when the next one ages out, so a connection attempt that hangs does not
     * keep them.
     */
    private void expire() {
        long max = settings.maxDeliveryAge().toMillis();
        long now = outbox.nowMillis();
        while (!queue.isEmpty() && now - queue.peekFirst().sinceMillis >= max) {
            Pending p = queue.poll();
            outbox.deadLetter(p.delivery, p.attempts, "expired: not delivered within "
                    + settings.maxDeliveryAge().toSeconds() + " s (" + lastProblem + ")");
        }
        if (!queue.isEmpty() && !sweepScheduled) {
            sweepScheduled = true;
            long wait = Math.max(1, queue.peekFirst().sinceMillis + max - now);
            outbox.scheduler().schedule(() -> {
                sweepScheduled = false;
                pump();
            }, wait, TimeUnit.MILLISECONDS);
        }
    }

    private void schedulePace() {
        if (paceScheduled) {
            return;
        }
        paceScheduled = true;
        long wait = Math.max(1, (long) Math.ceil(1000 / pace.perSecond()));
        outbox.scheduler().schedule(() -> {
            paceScheduled = false;
            pump();
        }, wait, TimeUnit.MILLISECONDS);
    }

    private void answered(RelayConnection c, Pending p, RelayMessage.Ok ok, Throwable error) {
        if (!inFlight.remove(p) || closed) {
            return;
        }
        if (error != null) {
            // No OK in time, or the connection went away first: drop it, send again on the next one.
            lastProblem = "no OK: " + RelayConnectionErrors.describe(error);
            if (connection == c) {
                connection = null;
                c.close();
            }
            retryOrGiveUp(p, lastProblem);
            retryConnect();
            return;
        }
        if (ok.accepted()) {
            outbox.delivered(p.delivery);
            pump();
            return;
        }
        String prefix = prefix(ok.message());
        if (!TRANSIENT.contains(prefix)) {
            outbox.deadLetter(p.delivery, p.attempts, ok.message());
            pump();
            return;
        }
        lastProblem = "refused: " + GatewayState.clean(ok.message());
        outbox.countRetry();
        LOG.log(Level.INFO, "outbox: " + url + " asks to retry event " + p.delivery.event().id() + ": " + lastProblem);
        Optional<String> over = exhausted(p);
        if (over.isPresent()) {
            outbox.deadLetter(p.delivery, p.attempts, over.get());
        } else {
            delayed++;
            Duration delay = outbox.backoff().delay(p.attempts - 1);
            outbox.scheduler().schedule(() -> {
                delayed--;
                queue.addFirst(p);
                pump();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        pump();
    }

    /** Back at the head of the queue, unless it is out of attempts or time. */
    private void retryOrGiveUp(Pending p, String why) {
        Optional<String> over = exhausted(p);
        if (over.isPresent()) {
            outbox.deadLetter(p.delivery, p.attempts, over.get());
        } else {
            queue.addFirst(p);
        }
    }

    private Optional<String> exhausted(Pending p) {
        if (p.attempts >= settings.maxAttempts()) {
            return Optional.of("attempts: gave up after " + p.attempts + " sends (" + lastProblem + ")");
        }
        if (outbox.nowMillis() - p.sinceMillis >= settings.maxDeliveryAge().toMillis()) {
            return Optional.of("expired: not delivered within " + settings.maxDeliveryAge().toSeconds() + " s ("
                    + lastProblem + ")");
        }
        return Optional.empty();
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
            public void onEvent(String s, Event e) {
            }

            @Override
            public void onEose(String s) {
            }

            @Override
            public void onClosed(String s, String reason) {
            }
        };
        // The relay's published limits are read with every connection (they may change with a restart).
        // Publishing needs no AUTH when the author is allowed; AUTH still helps with protected events, and
        // its OK is waited for no longer than any other.
        Duration infoTimeout = INFO_TIMEOUT.compareTo(settings.okTimeout()) < 0 ? INFO_TIMEOUT : settings.okTimeout();
        var published = Nip11RateLimit.fetch(outbox.http(), url, infoTimeout);
        RelayConnection.open(outbox.http(), url, outbox.me(), ignore, () -> outbox.nowMillis() / 1000,
                        Duration.ofSeconds(10))
                .thenCompose(c -> c.authenticated().orTimeout(settings.okTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .handle((v, e) -> c))
                .thenCombine(published, Opened::new)
                .whenComplete((o, e) -> outbox.scheduler().execute(() -> connected(o, e)));
    }

    private void connected(Opened opened, Throwable error) {
        connecting = false;
        RelayConnection c = opened == null ? null : opened.connection();
        if (closed) {
            if (c != null) {
                c.close();
            }
            return;
        }
        if (error != null || c.closed().isDone()) {
            lastProblem = "cannot reach: " + (error == null ? "closed" : RelayConnectionErrors.describe(error));
            LOG.log(Level.INFO, "outbox: " + url + ": " + lastProblem);
            retryConnect();
            return;
        }
        connectAttempts = 0;
        connection = c;
        if (lastProblem.equals(NOT_CONNECTED)) {
            lastProblem = "connected, no problem yet";
        }
        pace = opened.published().map(Destination::withHeadroom).orElse(settings.outboxRate());
        long now = outbox.nowMillis();
        // The relay's bucket for this connection starts full, and the AUTH message took one token.
        bucket = new TokenBucket(pace, now);
        bucket.tryTake(now);
        c.closed().whenComplete((r, e) -> outbox.scheduler().execute(() -> {
            if (connection == c) {
                connection = null;
                lastProblem = "connection ended: " + r;
                if (!queue.isEmpty()) {
                    retryConnect();
                }
            }
        }));
        pump();
    }

    /** A little below a published limit: the relay's clock and ours do not tick together. */
    static RateLimit withHeadroom(RateLimit published) {
        return new RateLimit(published.perSecond() * 0.9, Math.max(1, published.burst() - 1));
    }

    private void retryConnect() {
        if (retryScheduled || connecting || closed || connection != null) {
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
