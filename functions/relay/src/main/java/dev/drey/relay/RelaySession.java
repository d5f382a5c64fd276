package dev.drey.relay;

import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.KindClass;
import dev.drey.nostr.Nip42;
import dev.drey.nostr.NostrParseException;
import dev.drey.nostr.RelayMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection: its NIP-42 challenge, the keys it authenticated as, its
 * subscriptions and its rate-limit bucket. The host passes each text frame with the time it
 * arrived; answers go out through the {@link RelayOutput}. Frames get a NIP-01 answer: malformed
 * input becomes a NOTICE or a prefixed OK/CLOSED, never an exception.
 *
 * <p>A client cannot make the relay hold more for it than its limits ({@link ResourceLimits}):
 * the connection is closed when its unread answers pass the output bound, when it keeps sending
 * after {@code rateLimitedFramesBeforeClose} rate-limited frames in a row, or when it has not
 * authenticated by the AUTH deadline (the host calls {@link #checkAuthDeadline} on a timer).
 * Stored queries run on the relay's query pool, never on the caller's thread, at most
 * {@code maxQueriesInFlight} per connection.
 */
public final class RelaySession {
    private static final String DUPLICATE = "duplicate: already have this event";

    private final Relay relay;
    private final String authUrl;
    private final String remoteAddress;
    private final RelayOutput output;
    private final String challenge;
    private final TokenBucket bucket;
    private final ResourceLimits resources;
    private final long openedMillis;
    private final Set<String> authenticated = ConcurrentHashMap.newKeySet();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger queriesInFlight = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean disconnecting = new AtomicBoolean();
    private volatile long lastMillis;
    private volatile boolean closed;
    private int rateLimitedInARow;

    RelaySession(Relay relay, String remoteAddress, RelayOutput output, String challenge, long nowMillis) {
        this.relay = relay;
        this.authUrl = relay.config().publicUrl();
        this.remoteAddress = remoteAddress;
        this.output = output;
        this.challenge = challenge;
        this.bucket = new TokenBucket(relay.config().limits().perConnection(), nowMillis);
        this.resources = relay.config().resources();
        this.openedMillis = nowMillis;
        this.lastMillis = nowMillis;
    }

    void start() {
        send(new RelayMessage.AuthChallenge(challenge));
    }

    public String challenge() {
        return challenge;
    }

    /** The URL AUTH events must name. */
    public String authUrl() {
        return authUrl;
    }

    public Set<String> authenticatedKeys() {
        return Set.copyOf(authenticated);
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** Whether the connection was closed (by the client, or by the relay for breaking a limit). */
    public boolean isClosed() {
        return closed;
    }

    /** When a connection that has not authenticated is closed (unix milliseconds). */
    public long authDeadlineMillis() {
        return openedMillis + resources.authTimeoutMillis();
    }

    /**
     * Closes the connection if it has not authenticated by its deadline; the host calls this
     * when the deadline passes. Returns whether it closed it.
     */
    public synchronized boolean checkAuthDeadline(long nowMillis) {
        if (closed || !authenticated.isEmpty() || nowMillis < authDeadlineMillis()) {
            return false;
        }
        disconnect(Relay.Disconnect.AUTH_TIMEOUT, "auth-required: no AUTH within "
                + resources.authTimeoutMillis() / 1000 + " s of connecting");
        return true;
    }

    SessionContext context() {
        return new SessionContext(authenticated, lastMillis);
    }

    /** Handles one text frame received at {@code nowMillis} (unix milliseconds). */
    public synchronized void onText(String frame, long nowMillis) {
        if (closed || checkAuthDeadline(nowMillis)) {
            return;
        }
        lastMillis = nowMillis;
        ClientMessage message = null;
        String malformed = null;
        try {
            message = relay.parser().parseClientMessage(frame);
        } catch (NostrParseException e) {
            malformed = e.getMessage();
        }
        // CLOSE is never rate-limited (closing frees resources); malformed frames count like any other.
        if (!(message instanceof ClientMessage.Close)) {
            if (!bucket.tryTake(nowMillis)) {
                rateLimited(message, frame);
                return;
            }
            rateLimitedInARow = 0;
        }
        if (malformed != null) {
            refuseMalformed(frame, malformed);
            return;
        }
        try {
            if (message instanceof ClientMessage.Close c) {
                close(c.subscriptionId());
                return;
            }
            SessionContext ctx = context();
            if (message instanceof ClientMessage.EventMessage m) {
                publish(m.event(), ctx);
            } else if (message instanceof ClientMessage.Req r) {
                subscribe(r.subscriptionId(), r.filters(), ctx);
            } else if (message instanceof ClientMessage.Auth a) {
                authenticate(a.event(), ctx);
            } else if (message instanceof ClientMessage.Count c) {
                send(new RelayMessage.Closed(c.subscriptionId(), "error: COUNT (NIP-45) is not supported by this relay"));
            }
        } catch (RuntimeException e) {
            // A bug or a failing index must not kill the connection; the client learns what failed.
            refuse(message, Rejection.error("internal error: " + e.getClass().getSimpleName()));
        }
    }

    /**
     * A frame beyond the connection's rate: answered a limited number of times in a row, then the
     * connection is closed. A client that ignores "slow down" would otherwise have every frame
     * answered, its unread answers piling up in the relay.
     */
    private void rateLimited(ClientMessage message, String frame) {
        if (++rateLimitedInARow > resources.rateLimitedFramesBeforeClose()) {
            disconnect(Relay.Disconnect.RATE_LIMITED, "rate-limited: kept sending after "
                    + resources.rateLimitedFramesBeforeClose() + " refused frames");
            return;
        }
        Rejection why = Rejection.rateLimited("too many messages on this connection; slow down");
        if (message == null) {
            refuseMalformed(frame, why.text());
        } else {
            refuse(message, why);
        }
    }

    /** A binary frame: nostr is text only. */
    public void onBinary() {
        send(new RelayMessage.Notice("invalid: binary frames are not supported; send JSON text"));
    }

    /** The connection is gone: drop its subscriptions and give back its connection slot. Idempotent. */
    public void close() {
        closed = true;
        for (Subscription s : subscriptions.values()) {
            relay.live().remove(s);
            s.close();
        }
        subscriptions.clear();
        if (released.compareAndSet(false, true)) {
            relay.gate().release(remoteAddress);
        }
    }

    /** The relay ends the connection: nothing more is sent or handled, then the transport is closed. */
    private void disconnect(Relay.Disconnect why, String reason) {
        // Answers go out from several threads (event loop, log, query pool): one of them closes.
        if (closed || !disconnecting.compareAndSet(false, true)) {
            return;
        }
        close();
        relay.countDisconnect(why);
        try {
            output.close(reason);
        } catch (RuntimeException e) {
            // Already going away.
        }
    }

    // ---- EVENT ---------------------------------------------------------------------------

    private void publish(Event event, SessionContext ctx) {
        long start = System.nanoTime(); // time-to-OK metric only
        var rejection = relay.policies().events().check(event, ctx);
        if (rejection.isPresent()) {
            answerEvent(event, false, rejection.get().text(), start);
            return;
        }
        if (event.kindClass() == KindClass.EPHEMERAL) {
            // Ephemeral events are never stored, so they skip the log and go straight to listeners.
            relay.live().publish(event);
            answerEvent(event, true, "", start);
            return;
        }
        relay.store(event).whenComplete((stored, error) -> {
            if (error == null) {
                answerEvent(event, true, stored == Relay.Stored.DUPLICATE ? DUPLICATE : "", start);
            } else {
                answerEvent(event, false, storeError(error), start);
            }
        });
    }

    /** The OK of an EVENT, counted: accepted, or refused by its NIP-01 prefix; and the time it took. */
    private void answerEvent(Event event, boolean accepted, String message, long startNanos) {
        ok(event, accepted, message);
        countEvent(accepted, message);
        relay.metrics().relayTimeToOk(java.time.Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private void countEvent(boolean accepted, String message) {
        if (accepted) {
            relay.metrics().relayEventAccepted();
        } else {
            int colon = message.indexOf(':');
            relay.metrics().relayEventRefused(colon < 0 ? message : message.substring(0, colon));
        }
    }

    private static String storeError(Throwable error) {
        Throwable cause = unwrap(error);
        String m = cause.getMessage();
        if (m != null && m.startsWith("error: ")) {
            // The log already speaks NIP-01 (e.g. Kafka's AppendFailedException).
            m = m.substring("error: ".length());
        }
        return "error: could not store the event" + (m == null || m.isBlank() ? "" : ": " + m);
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    // ---- REQ / CLOSE ---------------------------------------------------------------------

    private void subscribe(String id, List<Filter> filters, SessionContext ctx) {
        var rejection = relay.policies().filters().check(filters, ctx);
        if (rejection.isPresent()) {
            send(new RelayMessage.Closed(id, rejection.get().text()));
            return;
        }
        RelayLimits limits = relay.config().limits();
        Subscription previous = subscriptions.get(id);
        if (previous == null && subscriptions.size() >= limits.maxSubscriptions()) {
            send(new RelayMessage.Closed(id, "error: too many open subscriptions (at most "
                    + limits.maxSubscriptions() + "); CLOSE one first"));
            return;
        }
        if (previous != null) {
            // NIP-01: a REQ with an id in use replaces that subscription.
            close(id);
        }
        List<Filter> clamped = new ArrayList<>(filters.size());
        for (Filter f : filters) {
            int limit = f.limit() == null ? limits.defaultLimit() : Math.min(f.limit(), limits.maxLimit());
            clamped.add(new Filter(f.ids(), f.authors(), f.kinds(), f.tags(), f.since(), f.until(), limit));
        }
        if (queriesInFlight.get() >= resources.maxQueriesInFlight()) {
            send(new RelayMessage.Closed(id, "rate-limited: " + resources.maxQueriesInFlight()
                    + " queries of this connection are still running; wait for their EOSE"));
            return;
        }
        Subscription sub = new Subscription(id, filters, this, relay.policies().delivery());
        subscriptions.put(id, sub);
        relay.live().add(sub);
        queriesInFlight.incrementAndGet();
        // Read-your-writes: wait until the index holds everything this relay acknowledged. The query
        // itself always runs on the query pool: an index scan never holds the caller's (event loop) thread.
        relay.index().awaitApplied(relay.acknowledged().snapshot()).toCompletableFuture()
                .orTimeout(limits.catchUpTimeoutMillis(), TimeUnit.MILLISECONDS)
                .thenRunAsync(() -> serveStored(sub, clamped, ctx), relay.queryExecutor())
                .whenComplete((v, e) -> queriesInFlight.decrementAndGet())
                .exceptionally(e -> {
                    Throwable cause = unwrap(e);
                    abandon(sub, Rejection.error(cause instanceof TimeoutException
                            ? "the index did not catch up with acknowledged events in time; try again"
                            : cause instanceof RejectedExecutionException
                            ? "the relay is busy with other queries; try again"
                            : "query failed: " + cause.getClass().getSimpleName()));
                    return null;
                });
    }

    private void serveStored(Subscription sub, List<Filter> filters, SessionContext ctx) {
        if (sub.isClosed()) {
            return;
        }
        List<Event> stored;
        try {
            stored = relay.index().query(filters, e -> relay.policies().delivery().mayReceive(e, ctx),
                    resources.maxScanKeys()).events();
        } catch (RuntimeException e) {
            abandon(sub, Rejection.error("query failed: " + e.getClass().getSimpleName()));
            return;
        }
        Set<String> sent = new HashSet<>();
        for (Event e : stored) {
            send(new RelayMessage.EventMessage(sub.id(), e));
            sent.add(e.id());
        }
        send(new RelayMessage.Eose(sub.id()));
        sub.goLive(sent);
    }

    /** Ends a subscription from the relay's side with CLOSED. */
    void abandon(Subscription sub, Rejection why) {
        if (subscriptions.remove(sub.id(), sub)) {
            relay.live().remove(sub);
            sub.close();
            send(new RelayMessage.Closed(sub.id(), why.text()));
        }
    }

    private void close(String id) {
        Subscription s = subscriptions.remove(id);
        if (s != null) {
            relay.live().remove(s);
            s.close();
        }
    }

    // ---- AUTH ----------------------------------------------------------------------------

    private void authenticate(Event event, SessionContext ctx) {
        // Membership first: a stranger's AUTH costs no signature check.
        if (!relay.allowedKeys().contains(event.pubkey())) {
            ok(event, false, "restricted: this key is not a member of this private relay");
            return;
        }
        Nip42.Result result = Nip42.validate(event, challenge, authUrl, ctx.nowSeconds());
        if (!result.isOk()) {
            ok(event, false, result.message());
            return;
        }
        authenticated.add(event.pubkey());
        ok(event, true, "");
    }

    // ---- answers -------------------------------------------------------------------------

    private void refuse(ClientMessage message, Rejection why) {
        if (message instanceof ClientMessage.EventMessage m) {
            ok(m.event(), false, why.text());
            countEvent(false, why.text());
        } else if (message instanceof ClientMessage.Auth a) {
            ok(a.event(), false, why.text());
        } else if (message instanceof ClientMessage.Req r) {
            send(new RelayMessage.Closed(r.subscriptionId(), why.text()));
        } else if (message instanceof ClientMessage.Count c) {
            send(new RelayMessage.Closed(c.subscriptionId(), why.text()));
        } else {
            send(new RelayMessage.Notice(why.text()));
        }
    }

    private void refuseMalformed(String frame, String why) {
        FrameTriage t = FrameTriage.of(frame);
        String type = t.type().orElse("");
        if (type.equals("EVENT")) {
            relay.metrics().relayEventRefused("malformed");
        }
        if ((type.equals("EVENT") || type.equals("AUTH")) && t.eventId().isPresent()) {
            send(new RelayMessage.Ok(t.eventId().get(), false, why));
        } else if ((type.equals("REQ") || type.equals("COUNT")) && t.subscriptionId().isPresent()) {
            send(new RelayMessage.Closed(t.subscriptionId().get(), why));
        } else {
            send(new RelayMessage.Notice(why));
        }
    }

    private void ok(Event event, boolean accepted, String message) {
        send(new RelayMessage.Ok(event.id(), accepted, message));
    }

    void send(RelayMessage message) {
        if (closed) {
            return;
        }
        try {
            output.send(message);
        } catch (RuntimeException e) {
            // The transport is failing (connection going away); nothing sensible to tell anyone.
            return;
        }
        if (output.queuedBytes() > resources.maxQueuedOutputBytes()) {
            // The client does not read what it asked for: stop before its backlog fills the heap.
            disconnect(Relay.Disconnect.SLOW_READER, "error: more than " + resources.maxQueuedOutputBytes()
                    + " bytes of answers unread; closing");
        }
    }
}
