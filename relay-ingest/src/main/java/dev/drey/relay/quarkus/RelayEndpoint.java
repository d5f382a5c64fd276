package dev.drey.relay.quarkus;

import dev.drey.relay.RelaySession;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** The websocket shell: one {@link RelaySession} per connection, frames passed straight through. */
@WebSocket(path = "/")
public class RelayEndpoint {
    private static final Logger LOG = Logger.getLogger(RelayEndpoint.class);

    @Inject
    RelayRuntime runtime;

    @Inject
    WebSocketConnection connection;

    private RelaySession session;

    @OnOpen
    void open() {
        session = runtime.relay().openSession(connectionUrl(connection.handshakeRequest()),
                message -> connection.sendText(message.toJson()).subscribe().with(
                        ok -> { }, e -> LOG.debugf("send to %s failed: %s", connection.id(), e.getMessage())),
                System.currentTimeMillis());
    }

    @OnTextMessage
    void text(String frame) {
        session.onText(frame, System.currentTimeMillis());
    }

    @OnBinaryMessage
    void binary(Buffer frame) {
        session.onBinary();
    }

    @OnClose
    void close() {
        if (session != null) {
            session.close();
        }
    }

    /**
     * The URL the client connected to, as NIP-42 compares it: ws or wss, the Host header as sent
     * (host and port), the request path.
     */
    static String connectionUrl(HandshakeRequest request) {
        String scheme = request.scheme();
        String ws = scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss"))
                ? "wss" : "ws";
        String host = request.header("Host");
        if (host == null || host.isBlank()) {
            host = request.host() + (request.port() > 0 ? ":" + request.port() : "");
        }
        String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
        return ws + "://" + host + path;
    }
}
