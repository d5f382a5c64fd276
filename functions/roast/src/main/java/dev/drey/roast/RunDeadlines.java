package dev.drey.roast;

import dev.drey.crypto.Hex;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The open runs of one coordinator and when each must end, in one KV entry (compare-and-set), so a periodic
 * tick on any instance finds the runs whose deadline passed without listing the store. Entry: repeated
 * request id (32 bytes) and deadline (epoch seconds, 8 bytes), at most {@link #MAX_OPEN_RUNS}.
 */
public final class RunDeadlines {
    /** 4096 × 40 bytes: well within a KV value; a coordinator with more open runs takes no new ones. */
    public static final int MAX_OPEN_RUNS = 4096;
    private static final int ENTRY = 40;

    private final KeyValueStore kv;
    private final String key;
    private final int maxOpenRuns;

    public RunDeadlines(KeyValueStore kv, String prefix, String coordinatorPubkey) {
        this(kv, prefix, coordinatorPubkey, MAX_OPEN_RUNS);
    }

    RunDeadlines(KeyValueStore kv, String prefix, String coordinatorPubkey, int maxOpenRuns) {
        RoastChecks.pubkey(coordinatorPubkey, "coordinator");
        if (maxOpenRuns < 1 || maxOpenRuns > MAX_OPEN_RUNS) {
            throw new IllegalArgumentException("run deadlines: at most 1.." + MAX_OPEN_RUNS + " open runs");
        }
        this.kv = kv;
        this.key = prefix + "/" + coordinatorPubkey + "/deadlines";
        this.maxOpenRuns = maxOpenRuns;
    }

    /** Records the run's deadline unless it has one; false if the coordinator has too many open runs. */
    public boolean register(String requestId, long deadline) {
        RoastChecks.requestId(requestId);
        for (int attempt = 0; attempt < RoastStateStore.MAX_ATTEMPTS; attempt++) {
            Optional<Versioned> v = kv.get(key);
            Map<String, Long> open = decode(v);
            if (open.containsKey(requestId)) {
                return true;
            }
            if (open.size() >= maxOpenRuns) {
                return false;
            }
            open.put(requestId, deadline);
            if (write(v, open)) {
                return true;
            }
        }
        throw new RunStateException("run deadlines: gave up after " + RoastStateStore.MAX_ATTEMPTS + " attempts");
    }

    /** The runs whose deadline is at or before {@code now}, earliest registered first. */
    public List<String> due(long now) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : decode(kv.get(key)).entrySet()) {
            if (e.getValue() <= now) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Forgets the run (it ended). */
    public void remove(String requestId) {
        for (int attempt = 0; attempt < RoastStateStore.MAX_ATTEMPTS; attempt++) {
            Optional<Versioned> v = kv.get(key);
            Map<String, Long> open = decode(v);
            if (open.remove(requestId) == null || write(v, open)) {
                return;
            }
        }
        throw new RunStateException("run deadlines: gave up after " + RoastStateStore.MAX_ATTEMPTS + " attempts");
    }

    private boolean write(Optional<Versioned> v, Map<String, Long> open) {
        ByteBuffer b = ByteBuffer.allocate(open.size() * ENTRY);
        for (Map.Entry<String, Long> e : open.entrySet()) {
            b.put(Hex.decode(e.getKey())).putLong(e.getValue());
        }
        OptionalLong written = kv.compareAndSet(key, v.map(Versioned::version).orElse(0L), b.array(), null);
        return written.isPresent();
    }

    private static Map<String, Long> decode(Optional<Versioned> v) {
        Map<String, Long> open = new LinkedHashMap<>();
        if (v.isEmpty()) {
            return open;
        }
        byte[] bytes = v.get().value();
        if (bytes.length % ENTRY != 0) {
            throw new RunStateException("run deadlines: stored entry has " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            byte[] id = new byte[32];
            b.get(id);
            open.put(Hex.encode(id), b.getLong());
        }
        return open;
    }
}
