package dev.drey.relay.gateway;

import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.Nip42;
import dev.drey.nostr.NostrParseException;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.MinerKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A websocket connection from this miner to another relay, authenticated with NIP-42 as the
 * miner: the relay's AUTH challenge is answered at once, and {@link #authenticated()} completes
 * when the relay accepts it. Publishes events (each completing on its {@code OK}) and carries
 * subscriptions whose messages go to a {@link Listener}. Frames the strict parser refuses are
 * ignored.
 */
public final class RelayConnection implements AutoCloseable {
    /** What a subscription's messages are handed to; called on the websocket's thread, in order. */
    public interface Listener {
        void onEvent(String subscriptionId, Event event);

        void onEose(String subscriptionId);

        void onClosed(String subscriptionId, String reason);
    }

    private static final NostrParser PARSER = new NostrParser(new NostrParser.Limits(16 * 1024 * 1024, 8, 20));

    private final String url;
    private final MinerKey key;
    private final Listener listener;
    private final LongSupplier nowSeconds;
    private final Map<String, CompletableFuture<RelayMessage.Ok>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile String authEventId = "";
    private volatile WebSocket socket;
    private CompletableFuture<Void> lastSend = CompletableFuture.completedFuture(null);

    private RelayConnection(String url, MinerKey key, Listener listener, LongSupplier nowSeconds) {
        this.url = url;
        this.key = key;
        this.listener = listener;
        this.nowSeconds = nowSeconds;
    }

    /** Connects; the stage fails if the websocket cannot be opened within {@code timeout}. */
    public static CompletableFuture<RelayConnection> open(HttpClient http, String url, MinerKey key,
            Listener listener, LongSupplier nowSeconds, Duration timeout) {
        RelayConnection c = new RelayConnection(url, key, listener, nowSeconds);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(URI.create(url), c.new Frames())
                .thenApply(ws -> {
                    c.socket = ws;
                    return c;
                });
    }

    public String url() {
        return url;
    }

    /** Completes when the relay accepted this miner's AUTH; fails if it refused it. */
    public CompletableFuture<Void> authenticated() {
        return authenticated;
    }

    /** Completes (with a reason) when the connection is gone, from either side. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    /** Sends an EVENT; completes with the relay's OK, or fails if the connection ends first. */
    public CompletableFuture<RelayMessage.Ok> publish(Event event) {
        CompletableFuture<RelayMessage.Ok> ok = pending.computeIfAbsent(event.id(), id -> new CompletableFuture<>());
        send(new ClientMessage.EventMessage(event).toJson()).exceptionally(e -> {
            fail(e);
            return null;
        });
        return ok;
    }

    public CompletableFuture<Void> subscribe(String subscriptionId, List<Filter> filters) {
        return send(new ClientMessage.Req(subscriptionId, filters).toJson());
    }

    public CompletableFuture<Void> unsubscribe(String subscriptionId) {
        return send(new ClientMessage.Close(subscriptionId).toJson());
    }

    private CompletableFuture<Void> send(String frame) {
        WebSocket ws = socket;
        if (ws == null || closed.isDone()) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection to " + url + " is closed"));
        }
        // The JDK websocket allows one outstanding send: each waits for the one before.
        synchronized (this) {
            CompletableFuture<Void> next = lastSend.exceptionally(e -> null)
                    .thenCompose(v -> ws.sendText(frame, true)).thenApply(w -> (Void) null);
            lastSend = next;
            return next;
        }
    }

    private void onMessage(String frame) {
        RelayMessage m;
        try {
            m = PARSER.parseRelayMessage(frame);
        } catch (NostrParseException e) {
            return;
        }
        if (m instanceof RelayMessage.AuthChallenge c) {
            Event auth = key.sign(Nip42.authTemplate(url, c.challenge(), nowSeconds.getAsLong()));
            authEventId = auth.id();
            send(new ClientMessage.Auth(auth).toJson());
        } else if (m instanceof RelayMessage.Ok ok) {
            if (ok.eventId().equals(authEventId)) {
                if (ok.accepted()) {
                    authenticated.complete(null);
                } else {
                    authenticated.completeExceptionally(new IllegalStateException(
                            "relay " + url + " refused AUTH: " + ok.message()));
                }
                return;
            }
            CompletableFuture<RelayMessage.Ok> f = pending.remove(ok.eventId());
            if (f != null) {
                f.complete(ok);
            }
        } else if (m instanceof RelayMessage.EventMessage e) {
            listener.onEvent(e.subscriptionId(), e.event());
        } else if (m instanceof RelayMessage.Eose e) {
            listener.onEose(e.subscriptionId());
        } else if (m instanceof RelayMessage.Closed c) {
            listener.onClosed(c.subscriptionId(), c.message());
        }
    }

    private void fail(Throwable why) {
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
        if (closed.complete(reason)) {
            IllegalStateException e = new IllegalStateException("connection to " + url + " ended: " + reason);
            authenticated.completeExceptionally(e);
            pending.values().forEach(f -> f.completeExceptionally(e));
            pending.clear();
        }
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        fail(new IllegalStateException("closed by this side"));
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            ws.abort();
        }
    }

    private final class Frames implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            // Before buildAsync completes: the challenge may arrive first and must be answerable.
            socket = ws;
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                try {
                    onMessage(frame);
                } catch (RuntimeException e) {
                    // A listener's bug must not end the connection's reading.
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            fail(new IllegalStateException("closed by the relay (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            fail(error);
        }
    }
}
