package dev.drey.relay;

import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.NostrParser;
import dev.drey.nostr.RelayMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare JDK websocket client that parses every relay frame with the strict parser. */
public final class WsClient implements AutoCloseable {
    private static final NostrParser PARSER = new NostrParser();
    private final LinkedBlockingQueue<RelayMessage> inbox = new LinkedBlockingQueue<>();
    private final WebSocket ws;
    private int queries;

    public WsClient(URI uri) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            inbox.add(PARSER.parseRelayMessage(partial.toString()));
                            partial.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
    }

    public void send(String frame) {
        ws.sendText(frame, true).join();
    }

    public RelayMessage next() throws InterruptedException {
        RelayMessage m = inbox.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message from the relay within 5 s");
        }
        return m;
    }

    /** Answers the connection's AUTH challenge (the first message) as {@code key}. */
    public RelayMessage.Ok authAs(TestKeys key, String relayUrl) throws InterruptedException {
        RelayMessage first = next();
        if (!(first instanceof RelayMessage.AuthChallenge c)) {
            throw new AssertionError("expected the AUTH challenge first, got " + first);
        }
        Event auth = key.auth(relayUrl, c.challenge(), System.currentTimeMillis() / 1000);
        send(new ClientMessage.Auth(auth).toJson());
        return (RelayMessage.Ok) next();
    }

    /** Sends an EVENT and returns the relay's OK (other messages in between are skipped). */
    public RelayMessage.Ok publish(Event e, long timeoutMillis) throws InterruptedException {
        send(new ClientMessage.EventMessage(e).toJson());
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            RelayMessage m = inbox.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("no OK for " + e.id() + " within " + timeoutMillis + " ms");
            }
            if (m instanceof RelayMessage.Ok ok && ok.eventId().equals(e.id())) {
                return ok;
            }
        }
    }

    public RelayMessage.Ok publish(Event e) throws InterruptedException {
        return publish(e, 5000);
    }

    /** A REQ's stored events (up to EOSE), then CLOSE. */
    public List<Event> query(Filter... filters) throws InterruptedException {
        String sub = "q" + (++queries);
        send(new ClientMessage.Req(sub, List.of(filters)).toJson());
        List<Event> out = new ArrayList<>();
        while (true) {
            RelayMessage m = next();
            if (m instanceof RelayMessage.EventMessage em && em.subscriptionId().equals(sub)) {
                out.add(em.event());
            } else if (m instanceof RelayMessage.Eose eose && eose.subscriptionId().equals(sub)) {
                send(new ClientMessage.Close(sub).toJson());
                return out;
            } else if (m instanceof RelayMessage.Closed c && c.subscriptionId().equals(sub)) {
                throw new AssertionError("REQ refused: " + c.message());
            }
        }
    }

    @Override
    public void close() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
