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
    final PairingChainKey.Key key;
    final Map<Integer, byte[]> identities = new TreeMap<>();
    final Map<Integer, String> pubkeys = new TreeMap<>();
    final Map<Integer, BeaconNode> nodes = new TreeMap<>();
    final Map<Integer, PairingChainKey> keys = new TreeMap<>();
    final List<MvStoreKeyValueStore> stores = new ArrayList<>();
    final byte[] requester = new byte[32];

    Federation(Path dir, int t, int n, int maxCatchUp) {
        key = PairingChainKey.Key.deal(t, n, rng);
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
            keys.put(i, key.holder(i, rng));
            nodes.put(i, new BeaconNode(CHAIN, SCHEDULE, keys.get(i), pubkeys,
                    Set.of(Hex.encode(Schnorr.publicKey(requester))), kv, maxCatchUp));
        }
    }

    Event event(int from, BeaconMessage m) {
        return BeaconCodec.template(m, CHAIN, SCHEDULE.genesisTime(), List.of()).sign(identities.get(from), rng);
    }

    Event signedBy(byte[] secret, BeaconMessage m) {
        return BeaconCodec.template(m, CHAIN, SCHEDULE.genesisTime(), List.of()).sign(secret, rng);
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
