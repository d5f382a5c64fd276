package dev.drey.dkg;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.drey.crypto.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict reader of DKG JSON (message contents and the stored run state): one object whose values are
 * strings, integers, arrays or objects (depth-limited), duplicate keys refused. Every refusal is a
 * {@link DkgMessageException} naming the field. (The roast module has the same reader for its own
 * messages; it is package-private there, and this module does not depend on roast.)
 */
final class DkgJson {
    static final int MAX_CHARS = 256 * 1024;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(6).maxNumberLength(12)
                    .maxStringLength(MAX_CHARS).build())
            .build();

    private DkgJson() {
    }

    static Map<String, Object> parseObject(String json) {
        if (json == null || json.length() > MAX_CHARS) {
            throw new DkgMessageException("content is missing or longer than " + MAX_CHARS + " characters");
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DkgMessageException("content must be a JSON object");
            }
            Map<String, Object> m = readObject(p);
            if (p.nextToken() != null) {
                throw new DkgMessageException("content has trailing data after the object");
            }
            return m;
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getOriginalMessage() != null
                    ? j.getOriginalMessage() : e.getClass().getSimpleName();
            throw new DkgMessageException("content is not valid JSON: " + clip(why));
        }
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            m.put(name, readValue(p, p.nextToken(), name));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new DkgMessageException("content: unterminated object");
        }
        return m;
    }

    private static Object readValue(JsonParser p, JsonToken t, String name) throws IOException {
        if (t == null) {
            throw new DkgMessageException("content: truncated at '" + clip(name) + "'");
        }
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(p, e, name));
                }
                yield list;
            }
            default -> throw new DkgMessageException("content: '" + clip(name) + "' has an unsupported JSON type");
        };
    }

    static String clip(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    static void requireVersion(Map<String, Object> m) {
        if (!m.containsKey("v") || !(m.get("v") instanceof Long v) || v != 1) {
            throw new DkgMessageException("content: 'v' must be 1");
        }
    }

    static String string(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof String s)) {
            throw new DkgMessageException("content: '" + field + "' must be a string");
        }
        return s;
    }

    static String optionalString(Map<String, Object> m, String field) {
        return m.containsKey(field) ? string(m, field) : "";
    }

    static long integer(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof Long l)) {
            throw new DkgMessageException("content: '" + field + "' must be an integer");
        }
        return l;
    }

    /** An integer within lo..hi. */
    static int integer(Map<String, Object> m, String field, int lo, int hi) {
        long v = integer(m, field);
        if (v < lo || v > hi) {
            throw new DkgMessageException("content: '" + field + "' must be in " + lo + ".." + hi + ", got " + v);
        }
        return (int) v;
    }

    static List<Object> array(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof List<?> l)) {
            throw new DkgMessageException("content: '" + field + "' must be an array");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) l;
        return list;
    }

    static Map<String, Object> object(Map<String, Object> m, String field) {
        return asObject(m.get(field), field);
    }

    static Map<String, Object> asObject(Object o, String what) {
        if (!(o instanceof Map<?, ?> raw)) {
            throw new DkgMessageException("content: '" + what + "' must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) raw;
        return map;
    }

    /** Lowercase hex of 1..maxBytes bytes. */
    static byte[] hex(Object o, String what, int maxBytes) {
        if (!(o instanceof String s) || s.isEmpty() || s.length() % 2 != 0 || s.length() > 2 * maxBytes
                || !Hex.isLowerHex(s, s.length() / 2)) {
            throw new DkgMessageException("content: '" + what + "' must be lowercase hex of 1.." + maxBytes + " bytes");
        }
        return Hex.decode(s);
    }

    /** Lowercase hex of exactly {@code bytes} bytes. */
    static byte[] hexExact(Map<String, Object> m, String field, int bytes) {
        String s = string(m, field);
        if (!Hex.isLowerHex(s, bytes)) {
            throw new DkgMessageException("content: '" + field + "' must be " + 2 * bytes + " lowercase hex characters");
        }
        return Hex.decode(s);
    }
}
