package dev.drey.relay.server;

import dev.drey.relay.Relay;
import dev.drey.relay.RelayInformation;
import dev.drey.relay.RelaySession;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.TimeUnit;

/**
 * A plain Vert.x host for one {@link Relay}: websocket at {@code /}, the NIP-11 document on
 * {@code GET /} with {@code Accept: application/nostr+json} (with CORS), a short text answer to
 * other GETs. Several servers can share one {@link Vertx} (several relays in one JVM, the
 * devnet); the Quarkus app remains the deployable. Frames are handed to the session on the
 * connection's event loop; the relay core never blocks on I/O there (appends are asynchronous).
 */
public final class RelayServer implements AutoCloseable {
    /** The server drops frames far beyond the relay's own limit; the relay answers the rest. */
    private static final int MAX_WEBSOCKET_MESSAGE = 4 * 1024 * 1024;

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
                .setRegisterWebSocketWriteHandlers(false);
        HttpServer server = vertx.createHttpServer(options);
        server.webSocketHandler(ws -> accept(relay, ws));
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

    private static void accept(Relay relay, ServerWebSocket ws) {
        if (!"/".equals(ws.path())) {
            ws.reject(404);
            return;
        }
        RelaySession session = relay.openSession(connectionUrl(ws),
                message -> ws.writeTextMessage(message.toJson()), System.currentTimeMillis());
        ws.textMessageHandler(frame -> session.onText(frame, System.currentTimeMillis()));
        ws.binaryMessageHandler(frame -> session.onBinary());
        ws.closeHandler(v -> session.close());
        ws.exceptionHandler(e -> session.close());
    }

    /** The URL as NIP-42 compares it: ws or wss, the Host header as sent, the path. */
    static String connectionUrl(ServerWebSocket ws) {
        String host = ws.headers().get(HttpHeaders.HOST);
        if (host == null || host.isBlank()) {
            host = ws.localAddress().host() + ":" + ws.localAddress().port();
        }
        return (ws.isSsl() ? "wss" : "ws") + "://" + host + ws.path();
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
