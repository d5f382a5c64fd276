package dev.drey.beacon;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** n beacon nodes over their own KV stores, with signed nostr events carried between them by hand. */
final class Federation implements AutoCloseable {
    static final String CHAIN = "ab".repeat(32);
    static final ChainSchedule SCHEDULE = new ChainSchedule(1_700_000_000L, 3);

    final SecureRandom rng = new SecureRandom();
    final Map<Integer, byte[]> identities = new TreeMap<>();
    final Map<Integer, String> pubkeys = new TreeMap<>();
    final Map<Integer, BeaconNode> nodes = new TreeMap<>();
    final Map<Integer, ChainKey> keys = new TreeMap<>();
    final String chain;
    final ChainSchedule schedule;
    final List<MvStoreKeyValueStore> stores = new ArrayList<>();
    final byte[] requester = new byte[32];

    /** t-of-n holders of a dealt {@link PairingChainKey}, on the test chain. */
    Federation(Path dir, int t, int n, int maxCatchUp) {
        this(dir, n, maxCatchUp, CHAIN, SCHEDULE, dealt(t, n));
    }

    private static java.util.function.IntFunction<ChainKey> dealt(int t, int n) {
        SecureRandom rng = new SecureRandom();
        PairingChainKey.Key key = PairingChainKey.Key.deal(t, n, rng);
        return i -> key.holder(i, rng);
    }

    /** Holders of the keys {@code keyOf} gives (index → key) on {@code chain}. */
    Federation(Path dir, int n, int maxCatchUp, String chain, ChainSchedule schedule,
            java.util.function.IntFunction<ChainKey> keyOf) {
        this.chain = chain;
        this.schedule = schedule;
        for (int i = 1; i <= n; i++) {
            byte[] id = new byte[32];
            id[31] = (byte) i;
            id[0] = 7;
            identities.put(i, id);
            pubkeys.put(i, Hex.encode(Schnorr.publicKey(id)));
        }
        requester[0] = 9;
        requester[31] = 1;
        for (int i = 1; i <= n; i++) {
            MvStoreKeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("node" + i + ".mv"), Clock.systemUTC(), false);
            stores.add(kv);
            keys.put(i, keyOf.apply(i));
            nodes.put(i, new BeaconNode(chain, schedule, keys.get(i), pubkeys,
                    Set.of(Hex.encode(Schnorr.publicKey(requester))), kv, maxCatchUp));
        }
    }

    Event event(int from, BeaconMessage m) {
        return BeaconCodec.template(m, chain, schedule.genesisTime(), List.of()).sign(identities.get(from), rng);
    }

    Event signedBy(byte[] secret, BeaconMessage m) {
        return BeaconCodec.template(m, chain, schedule.genesisTime(), List.of()).sign(secret, rng);
    }

    /** Every message a node published, as the events it would sign. */
    List<Event> events(int from, BeaconNode.Step step) {
        return step.publish().stream().map(m -> event(from, m)).toList();
    }

    @Override
    public void close() {
        stores.forEach(MvStoreKeyValueStore::close);
    }
}
