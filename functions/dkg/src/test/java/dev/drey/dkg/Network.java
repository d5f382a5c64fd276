package dev.drey.dkg;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * n miners, each with its own nostr key, KV store and DKG function, exchanging real signed (and encrypted)
 * events through a shuffling, duplicating network. A tamper hook stands in for a cheating miner: it may
 * replace any event the miner publishes with one it signs itself.
 */
final class Network implements AutoCloseable {
    final SecureRandom rng;
    /** Delivery order and duplicates: seeded, so a failing run can be replayed (SecureRandom's seed only adds entropy). */
    private final java.util.Random delivery;
    final byte[] initiatorKey = new byte[32];
    final String initiator;
    final Map<Integer, byte[]> keys = new HashMap<>();
    final Map<Integer, KeyValueStore> stores = new HashMap<>();
    final Map<Integer, DkgParticipant> miners = new HashMap<>();
    final Map<Integer, List<DkgReaction>> reactions = new HashMap<>();
    final List<Event> published = new ArrayList<>();
    UnaryOperator<Event> tamper = e -> e;
    /** Like {@link #tamper}, for a miner that publishes several events instead of one (applied after it). */
    java.util.function.Function<Event, List<Event>> split = List::of;
    /** Deliver an event only to the miners it {@code p}-tags (as relays route), instead of to everyone. */
    boolean routeByPTags;
    private long clock = 1_700_000_000L;
    double duplicateRate = 0.2;
    final List<Event> inject = new ArrayList<>();
    /** The last start request made by {@link #start}. */
    Event lastStart;

    Network(Path dir, int n, long seed) {
        rng = new SecureRandom();
        rng.setSeed(seed);
        delivery = new java.util.Random(seed);
        initiatorKey[31] = 7;
        initiator = Hex.encode(Schnorr.publicKey(initiatorKey));
        for (int i = 1; i <= n; i++) {
            byte[] k = new byte[32];
            rng.nextBytes(k);
            keys.put(i, k);
            stores.put(i, MvStoreKeyValueStore.open(dir.resolve("miner" + i + ".mv"), Clock.systemUTC(), false));
            miners.put(i, newInstance(i));
            reactions.put(i, new ArrayList<>());
        }
    }

    DkgParticipant newInstance(int i) {
        return new DkgParticipant(new DkgIdentity(keys.get(i)), Set.of(initiator), stores.get(i), new SecureRandom());
    }

    String pubkey(int i) {
        return Hex.encode(Schnorr.publicKey(keys.get(i)));
    }

    Roster roster() {
        List<Participant> ps = new ArrayList<>();
        for (int i : keys.keySet()) {
            ps.add(new Participant(i, pubkey(i)));
        }
        return new Roster(ps);
    }

    /** A signed start request (its id is the run id). */
    Event start(KeyType type, String curve, int threshold) {
        String placeholder = "0".repeat(64);
        StartRequest s = new StartRequest(placeholder, type, curve, threshold, roster());
        lastStart = DkgCodec.template(s, clock++, roster().pubkeys()).sign(initiatorKey, rng);
        return lastStart;
    }

    static Event sign(DkgMessage m, long createdAt, List<String> recipients, byte[] key, SecureRandom rng) {
        EventTemplate t = DkgCodec.template(m, createdAt, recipients);
        return t.sign(key, rng);
    }

    /** Delivers everything to everyone in random order, with duplicates, until nothing is left. */
    void run(List<Event> initial) {
        List<Event> queue = new ArrayList<>(initial);
        int steps = 0;
        while (!queue.isEmpty()) {
            if (++steps > 100_000) {
                throw new AssertionError("ceremony does not settle");
            }
            Event e = queue.remove(delivery.nextInt(queue.size()));
            if (delivery.nextDouble() < duplicateRate) {
                queue.add(e); // delivered again later
            }
            for (Map.Entry<Integer, DkgParticipant> m : miners.entrySet()) {
                if (e.pubkey().equals(m.getValue().pubkey()) && e.kind() != DkgKinds.COMPLAINT) {
                    continue; // relays do echo; skipping the author's own round messages keeps runs short
                }
                if (routeByPTags && !e.hasTag("p", m.getValue().pubkey())) {
                    continue;
                }
                DkgReaction r = m.getValue().handle(e);
                reactions.get(m.getKey()).add(r);
                for (Event out : r.events()) {
                    Event sent = tamper.apply(out);
                    if (sent != null) {
                        for (Event each : split.apply(sent)) {
                            published.add(each);
                            queue.add(each);
                        }
                    }
                }
                queue.addAll(inject);
                published.addAll(inject);
                inject.clear();
            }
        }
    }

    String lastStatus(int i) {
        List<DkgReaction> rs = reactions.get(i);
        for (int k = rs.size() - 1; k >= 0; k--) {
            if (rs.get(k).status().isPresent()) {
                return rs.get(k).status().get();
            }
        }
        return "none";
    }

    Map<Integer, String> lastCulprits(int i) {
        List<DkgReaction> rs = reactions.get(i);
        for (int k = rs.size() - 1; k >= 0; k--) {
            if (rs.get(k).status().isPresent()) {
                return rs.get(k).culprits();
            }
        }
        return Map.of();
    }

    int idOf(String pubkey) {
        for (int i : keys.keySet()) {
            if (pubkey(i).equals(pubkey)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        stores.values().forEach(KeyValueStore::close);
    }
}
