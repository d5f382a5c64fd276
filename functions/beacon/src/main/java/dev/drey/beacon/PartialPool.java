package dev.drey.beacon;

import dev.drey.crypto.Hex;
import dev.drey.nostr.JsonWriter;
import dev.drey.nostr.StrictContent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checked partials of one target (a round or a VRF request) held by one miner, and whether its output is
 * known (aggregated here or received from another aggregator). Immutable; stored as JSON in the KV store.
 */
public record PartialPool(SortedMap<Integer, byte[]> partials, boolean complete) {
    /** A stored pool holds at most one partial per member: larger than any message. */
    private static final StrictContent STORED = new StrictContent(4 * 1024 * 1024, 4, BeaconException::new);
    public static final PartialPool EMPTY = new PartialPool(new TreeMap<>(), false);

    public PartialPool {
        SortedMap<Integer, byte[]> copy = new TreeMap<>();
        partials.forEach((i, p) -> copy.put(i, p.clone()));
        partials = Collections.unmodifiableSortedMap(copy);
    }

    /** What a partial from member {@code index} does to the pool. */
    public enum Fit {
        /** Not seen before: check it, then add it. */
        NEW,
        /** The very same partial again (a redelivery or a duplicate event): nothing to do. */
        DUPLICATE,
        /** Another partial from a member whose partial is already held: BLS partials are unique, so it is bad. */
        CONFLICTING,
        /** The output is known already: late partials change nothing. */
        LATE
    }

    public Fit fit(int index, byte[] partial) {
        byte[] held = partials.get(index);
        if (held != null) {
            return Arrays.equals(held, partial) ? Fit.DUPLICATE : Fit.CONFLICTING;
        }
        return complete ? Fit.LATE : Fit.NEW;
    }

    public PartialPool with(int index, byte[] partial) {
        SortedMap<Integer, byte[]> next = new TreeMap<>(partials);
        next.put(index, partial);
        return new PartialPool(next, complete);
    }

    public PartialPool completed() {
        return new PartialPool(partials, true);
    }

    /** The first {@code t} partials by index, or an empty map while fewer are held. */
    public Map<Integer, byte[]> firstT(int t) {
        if (partials.size() < t) {
            return Map.of();
        }
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, byte[]> e : partials.entrySet()) {
            if (out.size() == t) {
                break;
            }
            out.put(e.getKey(), e.getValue().clone());
        }
        return out;
    }

    public byte[] encode() {
        JsonWriter w = new JsonWriter(256 + partials.size() * 128);
        w.rawAscii("{\"v\":1,\"complete\":").number(complete ? 1 : 0).rawAscii(",\"partials\":[");
        boolean first = true;
        for (Map.Entry<Integer, byte[]> e : partials.entrySet()) {
            if (!first) {
                w.raw(',');
            }
            first = false;
            w.rawAscii("{\"index\":").number(e.getKey()).rawAscii(",\"partial\":").string(Hex.encode(e.getValue()))
                    .raw('}');
        }
        return w.rawAscii("]}").toBytes();
    }

    public static PartialPool decode(byte[] stored) {
        Map<String, Object> m = STORED.parseObject(new String(stored, StandardCharsets.UTF_8));
        STORED.requireVersion(m);
        boolean complete = STORED.integer(m, "complete", 0, 1) == 1;
        SortedMap<Integer, byte[]> partials = new TreeMap<>();
        List<Object> list = STORED.array(m, "partials");
        for (Object o : list) {
            Map<String, Object> e = STORED.asObject(o, "partials[]");
            partials.put(STORED.integer(e, "index", 1, 10_000),
                    STORED.hex(e.get("partial"), "partial", BeaconMessage.MAX_ELEMENT_BYTES));
        }
        return new PartialPool(partials, complete);
    }
}
