package dev.drey.adversary;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A bare websocket to a relay, for an attacker who speaks the wire protocol directly (no client library's
 * checks): sends raw frames, keeps every text frame received, and notices when the relay closes it.
 */
public final class NostrSocket implements AutoCloseable {
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final WebSocket ws;
    private volatile boolean closedByRelay;

    private NostrSocket(HttpClient http, String url) throws Exception {
        this.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder part = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        part.append(data);
                        if (last) {
                            received.add(part.toString());
                            part.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                        closedByRelay = true;
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        closedByRelay = true;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    public static NostrSocket open(HttpClient http, String url) throws Exception {
        return new NostrSocket(http, url);
    }

    public void send(String frame) throws Exception {
        ws.sendText(frame, true).get(10, TimeUnit.SECONDS);
    }

    /** The first frame received (now or within {@code max}) that {@code which} accepts; null if none came. */
    public String await(Predicate<String> which, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        List<String> skipped = new ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                String f = received.poll(left, TimeUnit.NANOSECONDS);
                if (f == null) {
                    return null;
                }
                if (which.test(f)) {
                    return f;
                }
                skipped.add(f);
            }
        } finally {
            // frames not asked for stay readable for the next await
            List<String> rest = new ArrayList<>(skipped);
            received.drainTo(rest);
            received.addAll(rest);
        }
    }

    public boolean closedByRelay() {
        return closedByRelay;
    }

    @Override
    public void close() {
        ws.abort();
    }
}
