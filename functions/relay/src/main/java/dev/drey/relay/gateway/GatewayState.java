package dev.drey.relay.gateway;

import dev.drey.relay.LogPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * What the gateway must remember across restarts, in its own small MVStore file (not in the
 * query index, which is a disposable view): per peer, the {@code created_at} up to which its
 * events are safely in Kafka; the outbox reader's next offsets; and the definitive refusals
 * of outbox events. Every write is committed at once (low volume).
 */
public final class GatewayState implements AutoCloseable {
    private static final String SEP = "\u0000";

    private final MVStore store;
    private final MVMap<String, Long> peerCheckpoints;
    private final MVMap<String, Long> outboxOffsets;
    private final MVMap<String, String> refusals;

    /** A refused outbox delivery: the recipient relay answered with a definitive {@code OK false}. */
    public record Refusal(String eventId, String relayUrl, String reason) {
    }

    private GatewayState(MVStore store) {
        this.store = store;
        this.peerCheckpoints = store.openMap("peer-checkpoints");
        this.outboxOffsets = store.openMap("outbox-offsets");
        this.refusals = store.openMap("outbox-refusals");
    }

    /** Opens (or creates) {@code gateway.mv.db} in {@code dir}. */
    public static GatewayState open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create state directory " + dir, e);
        }
        return new GatewayState(new MVStore.Builder().fileName(dir.resolve("gateway.mv.db").toString())
                .autoCommitDisabled().open());
    }

    public static GatewayState inMemory() {
        return new GatewayState(new MVStore.Builder().autoCommitDisabled().open());
    }

    public synchronized OptionalLong peerCheckpoint(String peerKey) {
        Long v = peerCheckpoints.get(peerKey);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** Never moves a checkpoint back. */
    public synchronized void savePeerCheckpoint(String peerKey, long createdAt) {
        Long old = peerCheckpoints.get(peerKey);
        if (old == null || createdAt > old) {
            peerCheckpoints.put(peerKey, createdAt);
            store.commit();
        }
    }

    /** The next outbox offset to read per partition. */
    public synchronized Map<LogPartition, Long> outboxOffsets() {
        Map<LogPartition, Long> out = new HashMap<>();
        outboxOffsets.forEach((k, v) -> {
            int sep = k.lastIndexOf(SEP);
            out.put(new LogPartition(k.substring(0, sep), Integer.parseInt(k.substring(sep + 1))), v);
        });
        return out;
    }

    public synchronized void saveOutboxOffset(LogPartition partition, long nextOffset) {
        outboxOffsets.put(partition.topic() + SEP + partition.partition(), nextOffset);
        store.commit();
    }

    public synchronized void recordRefusal(String eventId, String relayUrl, String reason) {
        refusals.put(eventId + SEP + relayUrl, reason);
        store.commit();
    }

    public synchronized List<Refusal> refusals() {
        List<Refusal> out = new ArrayList<>();
        refusals.forEach((k, v) -> {
            int sep = k.indexOf(SEP);
            out.add(new Refusal(k.substring(0, sep), k.substring(sep + 1), v));
        });
        return out;
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
