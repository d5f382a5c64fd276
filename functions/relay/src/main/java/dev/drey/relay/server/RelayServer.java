package dev.drey.relay.server;

import dev.drey.nostr.RelayMessage;
import dev.drey.relay.Relay;
import dev.drey.relay.RelayInformation;
import dev.drey.relay.RelayOutput;
import dev.drey.relay.RelaySession;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain Vert.x host for one {@link Relay}: websocket at {@code /}, the NIP-11 document on
 * {@code GET /} with {@code Accept: application/nostr+json} (with CORS), a short text answer to
 * other GETs. Several servers can share one {@link Vertx} (several relays in one JVM, the
 * devnet); the Quarkus app remains the deployable. Frames are handed to the session on the
 * connection's event loop; the relay core never blocks on I/O there (appends are asynchronous,
 * queries run on the relay's query pool).
 *
 * <p>Connections beyond the relay's caps are refused at the handshake (503). Each connection
 * counts the bytes written but not yet taken by the client, so the session can close a client
 * that does not read; one that has not authenticated by the AUTH deadline is closed by a timer.
 */
public final class RelayServer implements AutoCloseable {
    /** The server drops frames far beyond the relay's own limit; the relay answers the rest. */
    private static final int MAX_WEBSOCKET_MESSAGE = 4 * 1024 * 1024;
    /** Seconds a closed connection may take to answer our close frame before the socket is dropped. */
    private static final int CLOSING_TIMEOUT_SECONDS = 2;
    /** Status for connections the relay closes for breaking a limit (RFC 6455: policy violation). */
    private static final short POLICY_VIOLATION = 1008;

    private final Relay relay;
    private final HttpServer server;

    private RelayServer(Relay relay, HttpServer server) {
        this.relay = relay;
        this.server = server;
    }

    /** Starts listening on {@code host:port} (port 0: any free port) and returns once bound. */
    public static RelayServer start(Vertx vertx, Relay relay, String host, int port) {
        int max = Math.max(MAX_WEBSOCKET_MESSAGE, relay.config().limits().maxMessageBytes() * 2);
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setMaxWebSocketMessageSize(max).setMaxWebSocketFrameSize(max)
                .setRegisterWebSocketWriteHandlers(false).setWebSocketClosingTimeout(CLOSING_TIMEOUT_SECONDS);
        HttpServer server = vertx.createHttpServer(options);
        server.webSocketHandler(ws -> accept(vertx, relay, ws));
        server.requestHandler(req -> information(relay, req));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the relay to " + host + ":" + port, e);
        } catch (Exception e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + c.getMessage(), c);
        }
        return new RelayServer(relay, server);
    }

    public int port() {
        return server.actualPort();
    }

    /** The websocket URL on the loopback interface, as clients of this machine use it. */
    public String url() {
        return "ws://127.0.0.1:" + port();
    }

    public Relay relay() {
        return relay;
    }

    private static void accept(Vertx vertx, Relay relay, ServerWebSocket ws) {
        if (!"/".equals(ws.path())) {
            ws.reject(404);
            return;
        }
        String address = ws.remoteAddress() == null ? "unknown" : ws.remoteAddress().host();
        Output output = new Output(vertx, ws);
        long now = System.currentTimeMillis();
        Optional<RelaySession> opened = relay.openSession(address, output, now);
        if (opened.isEmpty()) {
            ws.reject(503);
            return;
        }
        RelaySession session = opened.get();
        long timer = vertx.setTimer(Math.max(1, session.authDeadlineMillis() - now),
                id -> session.checkAuthDeadline(System.currentTimeMillis()));
        ws.textMessageHandler(frame -> session.onText(frame, System.currentTimeMillis()));
        ws.binaryMessageHandler(frame -> session.onBinary());
        ws.closeHandler(v -> {
            vertx.cancelTimer(timer);
            session.close();
        });
        ws.exceptionHandler(e -> {
            vertx.cancelTimer(timer);
            session.close();
            ws.close();
        });
    }

    /** Writes to one websocket, counting bytes the client has not taken yet. */
    private static final class Output implements RelayOutput {
        private final Vertx vertx;
        private final ServerWebSocket ws;
        private final AtomicLong queued = new AtomicLong();

        Output(Vertx vertx, ServerWebSocket ws) {
            this.vertx = vertx;
            this.ws = ws;
        }

        @Override
        public void send(RelayMessage message) {
            String json = message.toJson();
            // UTF-16 length: close enough to the bytes written, and never less for the ASCII JSON mostly sent.
            long size = json.length();
            queued.addAndGet(size);
            ws.writeTextMessage(json).onComplete(r -> queued.addAndGet(-size));
        }

        @Override
        public long queuedBytes() {
            return queued.get();
        }

        @Override
        public void close(String reason) {
            ws.pause(); // read nothing more from a client the relay is done with
            ws.close(POLICY_VIOLATION, closeReason(reason));
            // Vert.x starts its closing timeout only once the close frame is written, and a client that never
            // reads keeps that frame queued behind the answers it left: drop the socket after the same time.
            vertx.setTimer(CLOSING_TIMEOUT_SECONDS * 1000L, id -> dropSocket(ws));
        }
    }

    /**
     * Closes the TCP connection under a websocket whose close handshake did not finish. Vert.x 4 has no public
     * call for it: its websocket implementation exposes the Netty channel context (a cast, no reflection).
     */
    private static void dropSocket(ServerWebSocket ws) {
        if (!ws.isClosed() && ws instanceof io.vertx.core.http.impl.WebSocketImplBase<?> impl) {
            impl.channelHandlerContext().close();
        }
    }

    /** A websocket close reason is at most 123 bytes of UTF-8. */
    static String closeReason(String reason) {
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        if (b.length <= 123) {
            return reason;
        }
        String cut = new String(b, 0, 123, StandardCharsets.UTF_8);
        // A character cut in half decodes as U+FFFD (3 bytes); drop it.
        while (cut.getBytes(StandardCharsets.UTF_8).length > 123) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }

    private static void information(Relay relay, HttpServerRequest req) {
        var res = req.response()
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Allow-Headers", "*")
                .putHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
        if (!"/".equals(req.path())) {
            res.setStatusCode(404).end();
            return;
        }
        if (req.method() == HttpMethod.OPTIONS) {
            res.setStatusCode(204).end();
            return;
        }
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            res.setStatusCode(405).putHeader("Allow", "GET, OPTIONS").end();
            return;
        }
        String accept = req.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(RelayInformation.MEDIA_TYPE)) {
            res.putHeader(HttpHeaders.CONTENT_TYPE, RelayInformation.MEDIA_TYPE)
                    .end(relay.information().toJson());
        } else {
            res.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("Drey Miner private nostr relay. Connect with a websocket; NIP-11 document with Accept: "
                            + RelayInformation.MEDIA_TYPE + "\n");
        }
    }

    /** Stops listening; open connections are closed. Does not close the shared Vertx. */
    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Closing anyway; nothing left to release.
        }
    }
}
