package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.KafkaView;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.MinerNode;
import dev.drey.nostr.Event;
import dev.drey.relay.client.RelayClient;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.SignatureResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Miner 1's relay stops answering: its port still accepts connections but never says a word (a hung host, the
 * worst case for a sender, worse than a refused connection). The coordinator keeps addressing it (results go to
 * every member); messages to every other recipient must keep flowing: several signings in a row all succeed,
 * none stalled behind the dead recipient.
 */
public final class DeadRecipient implements Scenario {
    private static final int SIGNINGS = 3;
    /** A signing may take this much longer than the healthy one, and never less than this floor. */
    private static final long STALL_FLOOR_MS = 5000;

    @Override
    public String name() {
        return "dead-recipient";
    }

    @Override
    public String expected() {
        return "one recipient relay stops answering: messages to every other recipient keep flowing (" + SIGNINGS
                + " signings in a row succeed, none stalled)";
    }

    @Override
    public Outcome run(DevnetFederation f) throws Exception {
        List<RelayClient> live = new ArrayList<>();
        for (MinerNode m : f.miners()) {
            if (m.index != 1) {
                live.add(f.openClient(m.url(), f.demoClientKey()));
            }
        }
        long healthy = signOnce(f, live).orElse(-1L);
        if (healthy < 0) {
            return new Outcome(false, "the healthy federation did not sign (nothing to compare with)",
                    Outcome.measured());
        }
        MinerNode dead = f.miner(1);
        URI uri = URI.create(dead.url());
        dead.goOffline();
        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket blackhole = new ServerSocket(uri.getPort(), 50, InetAddress.getByName(uri.getHost()))) {
            Thread acceptor = new Thread(() -> {
                while (!blackhole.isClosed()) {
                    try {
                        held.add(blackhole.accept()); // accepted, never answered
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "adversary-blackhole");
            acceptor.setDaemon(true);
            acceptor.start();
            long stalled = 0;
            int signed = 0;
            List<String> requestIds = new ArrayList<>();
            for (int i = 0; i < SIGNINGS; i++) {
                long t0 = System.nanoTime();
                Optional<Long> ms = signOnce(f, live, requestIds);
                stalled = Math.max(stalled, ms.orElse((System.nanoTime() - t0) / 1_000_000));
                signed += ms.isPresent() ? 1 : 0;
            }
            Set<String> ids = Set.copyOf(requestIds);
            String coordinator = f.coordinator().pubkey;
            long delivered = 0;
            for (MinerNode m : f.miners()) {
                if (m.index != 1 && m.index != f.config().coordinator()) {
                    delivered += KafkaView.logged(f, m.index).stream().filter(e -> e.pubkey().equals(coordinator)
                            && RoastKinds.isSigningKind(e.kind()) && e.firstTagValue("e").map(ids::contains)
                            .orElse(false)).count();
                }
            }
            long limit = Math.max(STALL_FLOOR_MS, 5 * healthy);
            boolean passed = signed == SIGNINGS && stalled <= limit;
            return new Outcome(passed, "healthy signing " + healthy + " ms; with miner 1's relay hung: " + signed
                    + " of " + SIGNINGS + " signed, slowest " + stalled + " ms (limit " + limit + " ms); "
                    + delivered + " coordinator messages reached the other signers' topics; " + held.size()
                    + " connection(s) left hanging at the dead relay",
                    Outcome.measured("deliveredToOthers", delivered, "stalledMs", stalled, "signed", signed,
                            "healthyMs", healthy));
        } finally {
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    private static Optional<Long> signOnce(DevnetFederation f, List<RelayClient> live) {
        return signOnce(f, live, new ArrayList<>());
    }

    /** Asks for a message signature through the live relays; the time to a successful result, if any. */
    private static Optional<Long> signOnce(DevnetFederation f, List<RelayClient> live, List<String> ids) {
        long t0 = System.nanoTime();
        Event request = Attacks.messageSignRequest(f, f.demoClientKey(), Attacks.randomMessage(f));
        ids.add(request.id());
        for (RelayClient c : live) {
            c.publish(request);
        }
        Optional<SignatureResult> r = Attacks.awaitResult(f, request, Duration.ofSeconds(30));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return r.filter(SignatureResult::succeeded).map(x -> ms);
    }
}
