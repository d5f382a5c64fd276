package dev.drey.adversary.scenarios;

import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.MinerNode;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.client.RelayClient;
import dev.drey.relay.client.RelayClientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One unauthenticated connection writes a million REQ frames to miner 1's relay and never reads a byte (a tiny
 * receive window, so every answer the relay writes backs up on its side). Meanwhile miner 2 publishes at the same
 * relay. The relay must keep its heap bounded (measured in process with {@link MemoryMXBean}), close the flooding
 * connection, and accept the honest member's events.
 */
public final class SlowReaderFlood implements Scenario {
    static final long FRAMES = 1_000_000;
    /** The most the process heap may grow during the flood (the federation's own working set excluded). */
    static final long HEAP_GROWTH_LIMIT_MIB = 256;
    private static final int HONEST_EVENTS = 20;
    private static final long FLOOD_LIMIT_MS = 120_000;

    @Override
    public String name() {
        return "slow-reader-flood";
    }

    @Override
    public String expected() {
        return "an unauthenticated connection sending >= " + FRAMES + " REQ frames without reading: the relay's heap "
                + "stays bounded (growth <= " + HEAP_GROWTH_LIMIT_MIB + " MiB), the connection is closed, and an honest "
                + "member publishing at the same time gets its events accepted";
    }

    @Override
    public Outcome run(DevnetFederation f) throws Exception {
        MinerNode target = f.miner(1);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean flooding = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (flooding.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                sleep(50);
            }
        }, "adversary-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        AtomicLong sent = new AtomicLong();
        AtomicBoolean closedWhileWriting = new AtomicBoolean();
        URI uri = URI.create(target.url());
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(1024);
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            handshake(s, uri);
            Thread writer = new Thread(() -> flood(s, sent, closedWhileWriting), "adversary-flooder");
            writer.setDaemon(true);
            writer.start();
            int accepted = 0;
            int tried = 0;
            RelayClient honest = f.openClient(target.url(), f.miner(2).identityKey());
            while (writer.isAlive() && tried < HONEST_EVENTS) {
                Event e = new EventTemplate(f.now(), 1, List.of(), "honest note " + tried).sign(
                        f.miner(2).identityKey(), f.rng());
                tried++;
                try {
                    RelayMessage.Ok ok = honest.send(e);
                    accepted += ok.accepted() ? 1 : 0;
                } catch (RelayClientException timeout) {
                    // not accepted
                }
                sleep(200);
            }
            writer.join(FLOOD_LIMIT_MS);
            boolean closed = closedWhileWriting.get() || closedAfter(s);
            flooding.set(false);
            long peakMiB = peak.get() / (1024 * 1024);
            long growthMiB = Math.max(0, peak.get() - baseline) / (1024 * 1024);
            boolean passed = growthMiB <= HEAP_GROWTH_LIMIT_MIB && closed && tried > 0 && accepted == tried;
            return new Outcome(passed, sent.get() + " REQ frames written" + (closedWhileWriting.get()
                    ? " before the relay closed the connection" : "") + "; connection closed by the relay: " + closed
                    + "; heap peak " + peakMiB + " MiB (+" + growthMiB + " MiB); honest member: " + accepted + " of "
                    + tried + " events accepted", Outcome.measured("framesAttempted", FRAMES, "framesSent", sent.get(), "relayHeapPeakMiB",
                            peakMiB, "heapGrowthMiB", growthMiB, "honestAccepted", accepted, "honestSent", tried,
                            "flooderClosed", closed));
        } finally {
            flooding.set(false);
        }
    }

    private static void handshake(Socket s, URI uri) throws IOException {
        byte[] nonce = new byte[16];
        new java.security.SecureRandom().nextBytes(nonce);
        String req = "GET " + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        s.setSoTimeout(5000);
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the relay closed the connection during the handshake");
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("the relay refused the websocket upgrade: " + head.toString().lines().findFirst()
                    .orElse(""));
        }
    }

    /** Writes masked text frames (the zero mask: valid, and the payload goes as is) in batches until done or closed. */
    private static void flood(Socket s, AtomicLong sent, AtomicBoolean closed) {
        long deadline = System.currentTimeMillis() + FLOOD_LIMIT_MS;
        try {
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
            while (sent.get() < FRAMES && System.currentTimeMillis() < deadline) {
                batch.reset();
                for (int i = 0; i < 1000; i++) {
                    byte[] p = ("[\"REQ\",\"s" + (sent.get() + i) + "\",{\"kinds\":[1],\"limit\":1}]")
                            .getBytes(StandardCharsets.US_ASCII);
                    batch.write(0x81);
                    batch.write(0x80 | p.length);
                    batch.write(new byte[4], 0, 4);
                    batch.write(p, 0, p.length);
                }
                out.write(batch.toByteArray());
                sent.addAndGet(1000);
            }
            out.flush();
        } catch (IOException e) {
            closed.set(true);
        }
    }

    /** Whether the relay has closed the connection (read now, after the flood, only to see the end of stream). */
    private static boolean closedAfter(Socket s) {
        long deadline = System.currentTimeMillis() + 10_000;
        byte[] buf = new byte[64 * 1024];
        try {
            s.setSoTimeout(500);
            InputStream in = s.getInputStream();
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (in.read(buf) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException quiet) {
                    // still open, nothing to read
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
