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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The websocket shell: one {@link RelaySession} per connection, frames passed straight through.
 * The endpoint is a singleton shared by all connections, so sessions are kept by connection id,
 * and each session writes to its own connection object (never to the context-bound proxy, which
 * would resolve to whichever connection the sending thread happens to serve).
 */
@WebSocket(path = "/")
public class RelayEndpoint {
    private static final Logger LOG = Logger.getLogger(RelayEndpoint.class);

    @Inject
    RelayRuntime runtime;

    private final Map<String, RelaySession> sessions = new ConcurrentHashMap<>();

    @OnOpen
    void open(WebSocketConnection connection) {
        RelaySession session = runtime.relay().openSession(connectionUrl(connection.handshakeRequest()),
                message -> connection.sendText(message.toJson()).subscribe().with(
                        ok -> { }, e -> LOG.debugf("send to %s failed: %s", connection.id(), e.getMessage())),
                System.currentTimeMillis());
        sessions.put(connection.id(), session);
    }

    @OnTextMessage
    void text(String frame, WebSocketConnection connection) {
        RelaySession session = sessions.get(connection.id());
        if (session != null) {
            session.onText(frame, System.currentTimeMillis());
        }
    }

    @OnBinaryMessage
    void binary(Buffer frame, WebSocketConnection connection) {
        RelaySession session = sessions.get(connection.id());
        if (session != null) {
            session.onBinary();
        }
    }

    @OnClose
    void close(WebSocketConnection connection) {
        RelaySession session = sessions.remove(connection.id());
        if (session != null) {
            session.close();
        }
    }

    /** Open connections (for tests and metrics). */
    int openSessions() {
        return sessions.size();
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
