package dev.drey.relay.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.kafka.EmbeddedKafka;
import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.relay.RateLimit;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RelayLimits;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.relay.server.RelayServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load harness, run on demand (not a timed test):
 * {@code mvn -B -q -pl functions/relay -am test -Dtest=RelayLoadHarness -Drelay.load=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Many websocket clients publish pre-signed events to a
 * relay on the Vert.x host backed by the embedded broker ({@code acks=all}); reports sustained
 * events/s at saturation and p50/p99 time to {@code OK} at saturation and at a fixed 2,000 events/s,
 * beside the single-core signature verification ceiling measured here. Knobs: {@code load.clients},
 * {@code load.events}, {@code load.window}, {@code load.rate}, {@code load.rateSeconds}.
 */
@EnabledIfSystemProperty(named = "relay.load", matches = "true")
class RelayLoadHarness {
    private static final int CLIENTS = Integer.getInteger("load.clients", 32);
    private static final int EVENTS = Integer.getInteger("load.events", 100_000);
    private static final int WINDOW = Integer.getInteger("load.window", 64);
    private static final int RATE = Integer.getInteger("load.rate", 2000);
    private static final int RATE_SECONDS = Integer.getInteger("load.rateSeconds", 15);
    private static final int KEYS = 64;

    @Test
    void sustainedIngestAndTimeToOk() throws Exception {
        List<byte[]> secrets = new ArrayList<>();
        Set<String> pubkeys = new LinkedHashSet<>();
        SecureRandom rng = new SecureRandom();
        for (int i = 0; i < KEYS; i++) {
            byte[] sk = new byte[32];
            rng.nextBytes(sk);
            sk[0] = (byte) (sk[0] & 0x7f | 1);
            secrets.add(sk);
            pubkeys.add(Hex.encode(Schnorr.publicKey(sk)));
        }
        int rateEvents = RATE * RATE_SECONDS;
        long t0 = System.nanoTime();
        List<Event> events = sign(secrets, EVENTS + rateEvents, rng);
        double signSeconds = (System.nanoTime() - t0) / 1e9;
        double verifyPerSecond = verifyCeiling(events.subList(0, Math.min(events.size(), 40_000)));

        RelayLimits d = RelayLimits.DEFAULT;
        RateLimit unlimited = new RateLimit(1_000_000, 1_000_000);
        int port = dev.drey.relay.TestPorts.free();
        RelayConfig config = RelayConfig.allowing(dev.drey.relay.TestPorts.url(port), pubkeys).withLimits(new RelayLimits(d.maxMessageBytes(),
                d.maxEventTags(), d.maxContentLength(), d.maxSubscriptions(), d.maxFilters(), d.maxLimit(),
                d.defaultLimit(), d.createdAtPastSeconds(), d.createdAtFutureSeconds(), d.protocolCreatedAtPastSeconds(),
                d.protocolCreatedAtFutureSeconds(), unlimited, unlimited,
                d.catchUpTimeoutMillis()));
        StringBuilder report = new StringBuilder();
        try (EmbeddedKafka kafka = EmbeddedKafka.temporary().start();
                RelayNode node = RelayNode.start(RelayNodeSettings.of(config, kafka.bootstrapServers()))) {
            Vertx vertx = Vertx.vertx();
            RelayServer server = RelayServer.start(vertx, node.relay(), "127.0.0.1", port);
            try {
                List<Client> clients = new ArrayList<>();
                HttpClient http = HttpClient.newHttpClient();
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(new Client(http, server.url()));
                }
                // Warm-up: JIT, producer batches, topic metadata.
                run(clients, events.subList(0, 5000), 0);
                Result saturated = run(clients, events.subList(5000, EVENTS), 0);
                Result paced = run(clients, events.subList(EVENTS, EVENTS + rateEvents), RATE);
                report.append(String.format(
                        "relay load (%d clients, window %d, %d keys, embedded broker acks=all, %d cores)%n",
                        CLIENTS, WINDOW, KEYS, Runtime.getRuntime().availableProcessors()));
                report.append(String.format("  saturation : %s%n", saturated));
                report.append(String.format("  at %d/s    : %s%n", RATE, paced));
                report.append(String.format("  verify ceiling (Schnorr.verify, %s, 1 thread): %.0f/s (%.1f us/verify)%n",
                        Schnorr.class.getSimpleName(), verifyPerSecond, 1e6 / verifyPerSecond));
                report.append(String.format("  (pre-signing %d events took %.1f s)%n", events.size(), signSeconds));
                clients.forEach(Client::close);
                assertEquals(0, saturated.refused + paced.refused, "every event was accepted");
            } finally {
                server.close();
                vertx.close();
            }
        }
        System.out.print(report);
        Path out = Path.of("target", "relay-load.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private static List<Event> sign(List<byte[]> secrets, int n, SecureRandom rng) {
        long now = System.currentTimeMillis() / 1000;
        List<Event> out = new ArrayList<>(n);
        byte[] aux = new byte[32];
        for (int i = 0; i < n; i++) {
            rng.nextBytes(aux);
            out.add(new EventTemplate(now, 1, List.of(List.of("t", "load")), "load event " + i)
                    .sign(secrets.get(i % secrets.size()), aux));
        }
        return out;
    }

    private static double verifyCeiling(List<Event> events) {
        for (int i = 0; i < 5000; i++) {
            events.get(i % events.size()).verify();
        }
        long t0 = System.nanoTime();
        for (Event e : events) {
            e.verify();
        }
        return events.size() / ((System.nanoTime() - t0) / 1e9);
    }

    record Result(int events, double seconds, long p50Micros, long p99Micros, long maxMicros, int refused) {
        @Override
        public String toString() {
            return String.format("%d events in %.2f s = %.0f events/s; time to OK p50 %.2f ms, p99 %.2f ms, max %.1f ms;"
                    + " refused %d", events, seconds, events / seconds, p50Micros / 1000.0, p99Micros / 1000.0,
                    maxMicros / 1000.0, refused);
        }
    }

    /**
     * Publishes {@code batch} spread over the clients; {@code rate} 0 means as fast as each client's
     * window allows, otherwise events are released at that total rate.
     */
    private static Result run(List<Client> clients, List<Event> batch, int rate) throws InterruptedException {
        Map<String, Integer> index = new HashMap<>(batch.size() * 2);
        String[] frames = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            index.put(batch.get(i).id(), i);
            frames[i] = new ClientMessage.EventMessage(batch.get(i)).toJson();
        }
        long[] sent = new long[batch.size()];
        long[] latency = new long[batch.size()];
        CountDownLatch done = new CountDownLatch(batch.size());
        AtomicInteger refused = new AtomicInteger();
        for (Client c : clients) {
            c.expect(index, sent, latency, done, refused);
        }
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        int n = clients.size();
        for (int ci = 0; ci < n; ci++) {
            Client c = clients.get(ci);
            int first = ci;
            Thread t = new Thread(() -> {
                for (int i = first; i < frames.length; i += n) {
                    if (rate > 0) {
                        long due = start + (long) (i * (1e9 / rate));
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    c.send(frames[i], i, sent);
                }
            }, "load-sender-" + ci);
            t.start();
            senders.add(t);
        }
        if (!done.await(300, TimeUnit.SECONDS)) {
            throw new AssertionError("not every event was answered: " + done.getCount() + " missing");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread t : senders) {
            t.join();
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        return new Result(batch.size(), seconds, sorted[sorted.length / 2] / 1000,
                sorted[(int) (sorted.length * 0.99)] / 1000, sorted[sorted.length - 1] / 1000, refused.get());
    }

    /** One websocket client with a window of unanswered events; reads only what it needs of an OK. */
    static final class Client {
        private final Semaphore window = new Semaphore(WINDOW);
        private final WebSocket ws;
        private final AtomicLong answered = new AtomicLong();
        private volatile Map<String, Integer> index;
        private volatile long[] sent;
        private volatile long[] latency;
        private volatile CountDownLatch done;
        private volatile AtomicInteger refused;
        private CompletableFuture<WebSocket> last = null;

        Client(HttpClient http, String url) throws Exception {
            ws = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean lastPart) {
                    partial.append(data);
                    if (lastPart) {
                        onFrame(partial.toString());
                        partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        }

        void expect(Map<String, Integer> idx, long[] s, long[] l, CountDownLatch d, AtomicInteger r) {
            index = idx;
            sent = s;
            latency = l;
            done = d;
            refused = r;
        }

        private void onFrame(String frame) {
            if (!frame.startsWith("[\"OK\",\"")) {
                return;
            }
            long now = System.nanoTime();
            Integer i = index.get(frame.substring(7, 71));
            if (i == null) {
                return;
            }
            latency[i] = now - sent[i];
            if (!frame.startsWith("true", 73)) {
                refused.incrementAndGet();
            }
            answered.incrementAndGet();
            window.release();
            done.countDown();
        }

        void send(String frame, int i, long[] sentAt) {
            window.acquireUninterruptibly();
            sentAt[i] = System.nanoTime();
            // The JDK websocket takes one send at a time.
            ws.sendText(frame, true).join();
        }

        void close() {
            ws.abort();
        }
    }
}
