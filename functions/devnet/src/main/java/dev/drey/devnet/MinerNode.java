package dev.drey.devnet;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.kafka.MessageFamily;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RelayLimits;
import dev.drey.relay.RosterMember;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.relay.server.RelayServer;
import dev.drey.runtime.NostrFunction;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One miner as deployed, in process: its private relay (relay core over its own Kafka topics, peer pull and
 * outbox publisher) on its own port, its KV store, and its functions consuming its topics. Going offline stops
 * all three; the other miners' gateways keep retrying it, as they would a crashed host.
 */
public final class MinerNode implements AutoCloseable {
    /** The miner's KV store file, in its directory. */
    static final String KV_FILE = "kv.mv.db";
    /**
     * The signer's nonce-use journal: a store of its own, outside {@code kvLayer}, so that rolling back (or
     * losing writes of) the KV store cannot also erase the record of which commitments were answered.
     */
    static final String NONCE_JOURNAL_FILE = "nonce-journal.mv.db";

    public final int index;
    public final String pubkey;
    private final byte[] identityKey;
    private final KeyValueStore kv;
    private final KeyValueStore nonceJournal;
    private final RelayNode node;
    private final RelayServer server;
    private final FunctionLoop functions;
    private volatile boolean online = true;

    private MinerNode(int index, byte[] identityKey, KeyValueStore kv, KeyValueStore nonceJournal, RelayNode node,
            RelayServer server, FunctionLoop functions) {
        this.index = index;
        this.identityKey = identityKey.clone();
        this.pubkey = Hex.encode(Schnorr.publicKey(identityKey));
        this.kv = kv;
        this.nonceJournal = nonceJournal;
        this.node = node;
        this.server = server;
        this.functions = functions;
    }

    /** {@code kvLayer} wraps the miner's KV store as its functions see it (the devnet's own layer is none). */
    static MinerNode start(int index, byte[] identityKey, RelayNodeSettings settings, int port, Path dir, Vertx vertx,
            UnaryOperator<KeyValueStore> kvLayer, Consumer<String> log) {
        KeyValueStore kv = kvLayer.apply(MvStoreKeyValueStore.open(dir.resolve(KV_FILE), Clock.systemUTC(), false));
        KeyValueStore journal = null;
        RelayNode node = null;
        RelayServer server = null;
        try {
            journal = MvStoreKeyValueStore.open(dir.resolve(NONCE_JOURNAL_FILE), Clock.systemUTC(), false);
            node = RelayNode.start(settings);
            server = RelayServer.start(vertx, node.relay(), "127.0.0.1", port);
            FunctionLoop loop = new FunctionLoop("miner" + index, settings.bootstrapServers(), node.topics(),
                    node.log(), log);
            return new MinerNode(index, identityKey, kv, journal, node, server, loop.start());
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (node != null) {
                node.close();
            }
            if (journal != null) {
                journal.close();
            }
            kv.close();
            throw e;
        }
    }

    /** A private relay at {@code url}: the roster and {@code clients} may use it, reads need NIP-42 authentication. */
    static RelayConfig relayConfig(String name, Set<String> clients, List<RosterMember> roster, String url) {
        return new RelayConfig(name, "a private relay of the Drey devnet", Optional.empty(), Optional.empty(), clients,
                roster, Set.of(), true, RelayLimits.DEFAULT, url);
    }

    public String url() {
        return server.url();
    }

    public KeyValueStore kv() {
        return kv;
    }

    /** The signer's nonce-use journal (see {@link #NONCE_JOURNAL_FILE}). */
    KeyValueStore nonceJournal() {
        return nonceJournal;
    }

    public byte[] identityKey() {
        return identityKey.clone();
    }

    public RelayNode node() {
        return node;
    }

    public boolean online() {
        return online;
    }

    public void install(NostrFunction f, List<MessageFamily> families) {
        functions.install(f, families);
    }

    /** How many records this miner's functions failed on and the loop moved past without them. */
    public long recordFailures() {
        return functions.recordFailures();
    }

    /** The functions stop taking records (they queue in Kafka) until {@link #resumeFunctions()}. */
    public void holdFunctions() {
        functions.hold();
    }

    public void resumeFunctions() {
        functions.resume();
    }

    /** Stops the functions, the relay server and the relay node (its gateway too); the KV store stays readable. */
    public synchronized void goOffline() {
        if (!online) {
            return;
        }
        online = false;
        functions.close();
        server.close();
        node.close();
    }

    @Override
    public synchronized void close() {
        goOffline();
        kv.close();
        nonceJournal.close();
        Arrays.fill(identityKey, (byte) 0);
    }
}
