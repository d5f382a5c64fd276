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
public record PartialPool(SortedMap<Integer, ChainKey.SignedPartial> partials, boolean complete) {
    /** A stored pool holds at most one partial per member: larger than any message. */
    private static final StrictContent STORED = new StrictContent(4 * 1024 * 1024, 4, BeaconException::new);
    public static final PartialPool EMPTY = new PartialPool(new TreeMap<>(), false);

    public PartialPool {
        partials = Collections.unmodifiableSortedMap(new TreeMap<>(partials));
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

    /** Compares the partials only: a redelivered partial may carry another (equally valid) proof. */
    public Fit fit(int index, byte[] partial) {
        ChainKey.SignedPartial held = partials.get(index);
        if (held != null) {
            return Arrays.equals(held.partial(), partial) ? Fit.DUPLICATE : Fit.CONFLICTING;
        }
        return complete ? Fit.LATE : Fit.NEW;
    }

    public PartialPool with(int index, ChainKey.SignedPartial partial) {
        SortedMap<Integer, ChainKey.SignedPartial> next = new TreeMap<>(partials);
        next.put(index, partial);
        return new PartialPool(next, complete);
    }

    public PartialPool completed() {
        return new PartialPool(partials, true);
    }

    /** The first {@code t} partials by index, or an empty map while fewer are held. */
    public Map<Integer, ChainKey.SignedPartial> firstT(int t) {
        if (partials.size() < t) {
            return Map.of();
        }
        Map<Integer, ChainKey.SignedPartial> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, ChainKey.SignedPartial> e : partials.entrySet()) {
            if (out.size() == t) {
                break;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    public byte[] encode() {
        JsonWriter w = new JsonWriter(256 + partials.size() * 128);
        w.rawAscii("{\"v\":1,\"complete\":").number(complete ? 1 : 0).rawAscii(",\"partials\":[");
        boolean first = true;
        for (Map.Entry<Integer, ChainKey.SignedPartial> e : partials.entrySet()) {
            if (!first) {
                w.raw(',');
            }
            first = false;
            w.rawAscii("{\"index\":").number(e.getKey()).rawAscii(",\"partial\":")
                    .string(Hex.encode(e.getValue().partial())).rawAscii(",\"proof\":")
                    .string(Hex.encode(e.getValue().proof())).raw('}');
        }
        return w.rawAscii("]}").toBytes();
    }

    public static PartialPool decode(byte[] stored) {
        Map<String, Object> m = STORED.parseObject(new String(stored, StandardCharsets.UTF_8));
        STORED.requireVersion(m);
        boolean complete = STORED.integer(m, "complete", 0, 1) == 1;
        SortedMap<Integer, ChainKey.SignedPartial> partials = new TreeMap<>();
        List<Object> list = STORED.array(m, "partials");
        for (Object o : list) {
            Map<String, Object> e = STORED.asObject(o, "partials[]");
            partials.put(STORED.integer(e, "index", 1, 10_000), new ChainKey.SignedPartial(
                    STORED.hex(e.get("partial"), "partial", BeaconMessage.MAX_ELEMENT_BYTES),
                    STORED.hex(e.get("proof"), "proof", BeaconMessage.MAX_ELEMENT_BYTES)));
        }
        return new PartialPool(partials, complete);
    }
}
