package dev.drey.crypto.bls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * drand's JSON forms, strictly: chain info as {@code /info} serves it ({@code public_key, period, genesis_time,
 * hash, groupHash, schemeID, metadata.beaconID}) and beacons as {@code /public/N} serves them ({@code round,
 * randomness, signature}). Reading refuses duplicate keys, unknown or missing fields, wrong types, non-lowercase
 * hex, trailing data and documents over 4096 characters; printing gives drand's field order, compact.
 */
public final class DrandJson {
    private static final int MAX_CHARS = 4096;
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> CHAIN_FIELDS =
            Set.of("public_key", "period", "genesis_time", "hash", "groupHash", "schemeID", "metadata");
    private static final Set<String> BEACON_FIELDS = Set.of("round", "randomness", "signature");

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                .maxNumberLength(20).maxStringLength(MAX_CHARS).build());
    }

    private DrandJson() {
    }

    /** Chain info whose {@code hash} field must equal the hash of its other fields (fails closed otherwise). */
    public static ChainInfo parseChainInfo(String json) {
        ObjectNode o = object(json, "chain info", CHAIN_FIELDS);
        ChainInfo info = chainInfoFields(o);
        byte[] claimed = hex(o, "hash", ChainInfo.HASH_BYTES, "chain info");
        if (!Arrays.equals(claimed, info.hash())) {
            throw new BlsException("chain info: hash " + Hex.encode(claimed) + " is not the hash of the other fields ("
                    + Hex.encode(info.hash()) + ")");
        }
        return info;
    }

    /** Chain info whose {@code hash} field may be absent or wrong: for recomputing it. */
    public static ChainInfo parseChainInfoIgnoringHash(String json) {
        ObjectNode o = object(json, "chain info", CHAIN_FIELDS);
        if (o.has("hash")) {
            hex(o, "hash", ChainInfo.HASH_BYTES, "chain info");
        }
        return chainInfoFields(o);
    }

    private static ChainInfo chainInfoFields(ObjectNode o) {
        String what = "chain info";
        G2Point pk = G2Point.fromBytesNonIdentity(hex(o, "public_key", G2Point.BYTES, what), "chain info: public_key");
        JsonNode meta = o.get("metadata");
        if (meta == null || !meta.isObject()) {
            throw new BlsException("chain info: metadata must be an object {\"beaconID\": ...}");
        }
        Iterator<String> names = meta.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("beaconID")) {
                throw new BlsException("chain info: metadata has an unknown field \"" + clip(n) + "\"");
            }
        }
        return new ChainInfo(pk, integer(o, "period", what), integer(o, "genesis_time", what),
                hex(o, "groupHash", ChainInfo.HASH_BYTES, what), text(o, "schemeID", what),
                text((ObjectNode) meta, "beaconID", what + " metadata"));
    }

    public static Beacon parseBeacon(String json) {
        ObjectNode o = object(json, "beacon", BEACON_FIELDS);
        long round = integer(o, "round", "beacon");
        if (round < 1) {
            throw new BlsException("beacon: round must be at least 1");
        }
        return new Beacon(round, hex(o, "randomness", 32, "beacon"), hex(o, "signature", G1Point.BYTES, "beacon"));
    }

    /** Compact, in drand's field order. */
    public static String print(ChainInfo c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("public_key", c.publicKey().toHex());
        o.put("period", c.period());
        o.put("genesis_time", c.genesisTime());
        o.put("hash", Hex.encode(c.hash()));
        o.put("groupHash", Hex.encode(c.groupHash()));
        o.put("schemeID", c.schemeId());
        o.putObject("metadata").put("beaconID", c.beaconId());
        return o.toString();
    }

    public static ObjectNode toNode(Beacon b) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("round", b.round());
        o.put("randomness", Hex.encode(b.randomness()));
        o.put("signature", Hex.encode(b.signature()));
        return o;
    }

    public static ObjectNode toNode(ChainInfo c) {
        try {
            return (ObjectNode) MAPPER.readTree(print(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String print(Beacon b) {
        return toNode(b).toString();
    }

    private static ObjectNode object(String json, String what, Set<String> allowed) {
        if (json == null || json.length() > MAX_CHARS) {
            throw new BlsException(what + ": missing or longer than " + MAX_CHARS + " characters");
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BlsException(what + ": not valid JSON: " + clip(String.valueOf(e.getOriginalMessage())));
        }
        if (n == null || !n.isObject()) {
            throw new BlsException(what + ": must be a JSON object");
        }
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!allowed.contains(f)) {
                throw new BlsException(what + ": unknown field \"" + clip(f) + "\"");
            }
        }
        return (ObjectNode) n;
    }

    private static long integer(ObjectNode o, String field, String what) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new BlsException(what + ": " + field + " must be an integer");
        }
        return n.longValue();
    }

    private static String text(ObjectNode o, String field, String what) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new BlsException(what + ": " + field + " must be a string");
        }
        return n.textValue();
    }

    private static byte[] hex(ObjectNode o, String field, int bytes, String what) {
        String s = text(o, field, what);
        if (!Hex.isLowerHex(s, bytes)) {
            throw new BlsException(what + ": " + field + " must be " + bytes + " bytes of lowercase hex");
        }
        return Hex.decode(s);
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
