package dev.drey.relay.quarkus;

import dev.drey.nostr.NostrParser;
import dev.drey.nostr.RelayMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare JDK websocket client that parses every relay frame with the strict parser. */
final class WsClient implements AutoCloseable {
    private static final NostrParser PARSER = new NostrParser();
    private final LinkedBlockingQueue<RelayMessage> inbox = new LinkedBlockingQueue<>();
    private final WebSocket ws;

    WsClient(URI uri) throws Exception {
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

    void send(String frame) {
        ws.sendText(frame, true).join();
    }

    RelayMessage next() throws InterruptedException {
        RelayMessage m = inbox.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message from the relay within 5 s");
        }
        return m;
    }

    @Override
    public void close() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
