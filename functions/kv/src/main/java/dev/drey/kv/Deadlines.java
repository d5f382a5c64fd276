package dev.drey.kv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Open runs (32-byte ids, lowercase hex) and when each must end, in one KV entry written by compare-and-set, so
 * a periodic tick on any instance finds the runs past their deadline without listing the store. Entry: repeated
 * id (32 bytes) and deadline (epoch seconds, 8 bytes), at most {@code maxOpen}. Shared by the ROAST coordinator
 * and the DKG participant: nothing waits for ever.
 */
public final class Deadlines {
    /** 4096 × 40 bytes: well within a KV value. */
    public static final int MAX_OPEN = 4096;
    private static final int ENTRY = 40;
    private static final int MAX_ATTEMPTS = 1000;
    private static final HexFormat HEX = HexFormat.of();

    private final KeyValueStore kv;
    private final String key;
    private final int maxOpen;

    /** The deadlines kept under {@code key}, at most {@code maxOpen} (1..{@value #MAX_OPEN}) at a time. */
    public Deadlines(KeyValueStore kv, String key, int maxOpen) {
        if (kv == null || key == null || key.isBlank() || maxOpen < 1 || maxOpen > MAX_OPEN) {
            throw new IllegalArgumentException("deadlines: a store, a key and 1.." + MAX_OPEN + " open runs are required");
        }
        this.kv = kv;
        this.key = key;
        this.maxOpen = maxOpen;
    }

    /** Records the run's deadline unless it has one; false if {@code maxOpen} runs are open. */
    public boolean register(String id, long deadline) {
        requireId(id);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Versioned> v = kv.get(key);
            Map<String, Long> open = decode(v);
            if (open.containsKey(id)) {
                return true;
            }
            if (open.size() >= maxOpen) {
                return false;
            }
            open.put(id, deadline);
            if (write(v, open)) {
                return true;
            }
        }
        throw new KvException("deadlines " + key + ": gave up after " + MAX_ATTEMPTS + " attempts (contention)");
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

    /** The run's deadline, if it is open. */
    public OptionalLong deadline(String id) {
        Long d = decode(kv.get(key)).get(id);
        return d == null ? OptionalLong.empty() : OptionalLong.of(d);
    }

    /** Forgets the run (it ended). */
    public void remove(String id) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Versioned> v = kv.get(key);
            Map<String, Long> open = decode(v);
            if (open.remove(id) == null || write(v, open)) {
                return;
            }
        }
        throw new KvException("deadlines " + key + ": gave up after " + MAX_ATTEMPTS + " attempts (contention)");
    }

    private boolean write(Optional<Versioned> v, Map<String, Long> open) {
        ByteBuffer b = ByteBuffer.allocate(open.size() * ENTRY);
        for (Map.Entry<String, Long> e : open.entrySet()) {
            b.put(HEX.parseHex(e.getKey())).putLong(e.getValue());
        }
        OptionalLong written = kv.compareAndSet(key, v.map(Versioned::version).orElse(0L), b.array(), null);
        return written.isPresent();
    }

    private Map<String, Long> decode(Optional<Versioned> v) {
        Map<String, Long> open = new LinkedHashMap<>();
        if (v.isEmpty()) {
            return open;
        }
        byte[] bytes = v.get().value();
        if (bytes.length % ENTRY != 0) {
            throw new KvException("deadlines " + key + ": stored entry has " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            byte[] id = new byte[32];
            b.get(id);
            open.put(HEX.formatHex(id), b.getLong());
        }
        return open;
    }

    private static void requireId(String id) {
        if (id == null || id.length() != 64 || !id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("deadlines: a run id is 64 lowercase hex characters");
        }
    }
}
