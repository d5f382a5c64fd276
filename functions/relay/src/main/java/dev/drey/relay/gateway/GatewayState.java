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
 * events are safely in Kafka; the outbox reader's next offsets; and the outbox's dead letters
 * (deliveries it gave up on, with the reason: refused by the recipient, not allowed, out of
 * attempts or time), the newest {@link #MAX_DEAD_LETTERS} kept. Every write is committed at once.
 */
public final class GatewayState implements AutoCloseable {
    private static final String SEP = "\u0000";

    private final MVStore store;
    private final MVMap<String, Long> peerCheckpoints;
    private final MVMap<String, Long> outboxOffsets;
    private final MVMap<Long, String> deadLetters;

    /** Dead letters kept; older ones are dropped first (the outbox topic stays the full record). */
    public static final int MAX_DEAD_LETTERS = 100_000;
    /** Reasons may quote a remote relay's answer: stored and logged at most this long. */
    static final int MAX_REASON_LENGTH = 300;

    /**
     * An outbox delivery given up on: the event, the recipient relay, why (a recipient's own
     * {@code OK false} message is kept verbatim, shortened), when (unix seconds) and after how many sends.
     */
    public record DeadLetter(String eventId, String relayUrl, String reason, long atSeconds, int attempts) {
        public DeadLetter {
            reason = clean(reason);
        }
    }

    private GatewayState(MVStore store) {
        this.store = store;
        this.peerCheckpoints = store.openMap("peer-checkpoints");
        this.outboxOffsets = store.openMap("outbox-offsets");
        this.deadLetters = store.openMap("outbox-dead-letters");
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

    public synchronized void recordDeadLetter(DeadLetter d) {
        long next = deadLetters.isEmpty() ? 0 : deadLetters.lastKey() + 1;
        deadLetters.put(next, String.join(SEP, d.eventId(), d.relayUrl(), d.reason(),
                Long.toString(d.atSeconds()), Integer.toString(d.attempts())));
        while (deadLetters.size() > MAX_DEAD_LETTERS) {
            deadLetters.remove(deadLetters.firstKey());
        }
        store.commit();
    }

    /** Every kept dead letter, oldest first. */
    public synchronized List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        deadLetters.forEach((k, v) -> {
            String[] f = v.split(SEP, -1);
            out.add(new DeadLetter(f[0], f[1], f[2], Long.parseLong(f[3]), Integer.parseInt(f[4])));
        });
        return out;
    }

    /** Control characters out (logs, the separator), at most {@link #MAX_REASON_LENGTH} characters. */
    static String clean(String text) {
        String t = text == null ? "" : text;
        if (t.length() > MAX_REASON_LENGTH) {
            t = t.substring(0, MAX_REASON_LENGTH) + "...";
        }
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString();
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
