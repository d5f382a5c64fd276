package dev.drey.relay.quarkus;

import dev.drey.nostr.RelayMessage;
import dev.drey.relay.RelayOutput;
import dev.drey.relay.RelaySession;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The websocket shell: one {@link RelaySession} per connection, frames passed straight through.
 * The endpoint is a singleton shared by all connections, so sessions are kept by connection id,
 * and each session writes to its own connection object (never to the context-bound proxy, which
 * would resolve to whichever connection the sending thread happens to serve). Connections beyond
 * the relay's caps are closed at once (1013 try again later); each connection counts the bytes
 * not yet written to its client so the session can close one that does not read; a timer closes
 * connections that have not authenticated by the AUTH deadline.
 */
@WebSocket(path = "/")
public class RelayEndpoint {
    private static final Logger LOG = Logger.getLogger(RelayEndpoint.class);
    private static final int POLICY_VIOLATION = 1008;
    private static final int TRY_AGAIN_LATER = 1013;

    @Inject
    RelayRuntime runtime;

    @Inject
    Vertx vertx;

    private final Map<String, Open> sessions = new ConcurrentHashMap<>();

    private record Open(RelaySession session, long timer) {
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        long now = System.currentTimeMillis();
        Optional<RelaySession> opened = runtime.relay().openSession(remoteHost(connection.handshakeRequest()
                .remoteAddress()), new Output(connection), now);
        if (opened.isEmpty()) {
            connection.close(new CloseReason(TRY_AGAIN_LATER, "connection limit reached")).subscribe().with(
                    ok -> { }, e -> { });
            return;
        }
        RelaySession session = opened.get();
        long timer = vertx.setTimer(Math.max(1, session.authDeadlineMillis() - now),
                id -> session.checkAuthDeadline(System.currentTimeMillis()));
        sessions.put(connection.id(), new Open(session, timer));
    }

    @OnTextMessage
    void text(String frame, WebSocketConnection connection) {
        Open open = sessions.get(connection.id());
        if (open != null) {
            open.session().onText(frame, System.currentTimeMillis());
        }
    }

    @OnBinaryMessage
    void binary(Buffer frame, WebSocketConnection connection) {
        Open open = sessions.get(connection.id());
        if (open != null) {
            open.session().onBinary();
        }
    }

    @OnClose
    void close(WebSocketConnection connection) {
        Open open = sessions.remove(connection.id());
        if (open != null) {
            vertx.cancelTimer(open.timer());
            open.session().close();
        }
    }

    /** Open connections (for tests and metrics). */
    int openSessions() {
        return sessions.size();
    }

    /** The IP address of {@code host:port} (the port is dropped; IPv6 addresses keep their colons). */
    static String remoteHost(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        int colon = remoteAddress.lastIndexOf(':');
        String host = colon > 0 ? remoteAddress.substring(0, colon) : remoteAddress;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Writes to one connection, counting what its client has not taken yet. */
    private static final class Output implements RelayOutput {
        private final WebSocketConnection connection;
        private final AtomicLong queued = new AtomicLong();

        Output(WebSocketConnection connection) {
            this.connection = connection;
        }

        @Override
        public void send(RelayMessage message) {
            String json = message.toJson();
            long size = json.length();
            queued.addAndGet(size);
            connection.sendText(json).subscribe().with(ok -> queued.addAndGet(-size), e -> {
                queued.addAndGet(-size);
                LOG.debugf("send to %s failed: %s", connection.id(), e.getMessage());
            });
        }

        @Override
        public long queuedBytes() {
            return queued.get();
        }

        @Override
        public void close(String reason) {
            connection.close(new CloseReason(POLICY_VIOLATION, closeReason(reason))).subscribe().with(ok -> { },
                    e -> { });
        }
    }

    /** A websocket close reason is at most 123 bytes of UTF-8; ours are ASCII. */
    private static String closeReason(String reason) {
        return reason.getBytes(StandardCharsets.UTF_8).length <= 123 ? reason : reason.substring(0, 120) + "...";
    }
}
