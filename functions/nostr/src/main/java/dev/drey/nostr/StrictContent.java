package dev.drey.nostr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.drey.crypto.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Strict reader of protocol message content (and other small JSON documents): one object whose values
 * are strings, integers, arrays or objects, depth-limited, duplicate keys refused, plus typed field
 * access. Each protocol module makes one with its own limits and its own exception type, so every
 * refusal is that module's error and names the field.
 */
public final class StrictContent {
    private final int maxChars;
    private final JsonFactory factory;
    private final Function<String, ? extends RuntimeException> error;

    public StrictContent(int maxChars, int maxDepth, Function<String, ? extends RuntimeException> error) {
        this.maxChars = maxChars;
        this.error = error;
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth)
                        .maxNumberLength(12).maxStringLength(maxChars).build())
                .build();
    }

    public int maxChars() {
        return maxChars;
    }

    private RuntimeException fail(String message) {
        return error.apply(message);
    }

    public Map<String, Object> parseObject(String json) {
        if (json == null || json.length() > maxChars) {
            throw fail("content is missing or longer than " + maxChars + " characters");
        }
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail("content must be a JSON object");
            }
            Map<String, Object> m = readObject(p);
            if (p.nextToken() != null) {
                throw fail("content has trailing data after the object");
            }
            return m;
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j && j.getOriginalMessage() != null
                    ? j.getOriginalMessage() : e.getClass().getSimpleName();
            throw fail("content is not valid JSON: " + clip(why));
        }
    }

    private Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            m.put(name, readValue(p, p.nextToken(), name));
        }
        if (t != JsonToken.END_OBJECT) {
            throw fail("content: unterminated object");
        }
        return m;
    }

    private Object readValue(JsonParser p, JsonToken t, String name) throws IOException {
        if (t == null) {
            throw fail("content: truncated at '" + clip(name) + "'");
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
            default -> throw fail("content: '" + clip(name) + "' has an unsupported JSON type");
        };
    }

    /** Shortens untrusted text quoted in an error message. */
    public static String clip(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** The protocol version every message content carries: {@code "v":1}. */
    public void requireVersion(Map<String, Object> m) {
        if (!(m.get("v") instanceof Long v) || v != 1) {
            throw fail("content: 'v' must be 1");
        }
    }

    public String string(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof String s)) {
            throw fail("content: '" + field + "' must be a string");
        }
        return s;
    }

    public String optionalString(Map<String, Object> m, String field) {
        return m.containsKey(field) ? string(m, field) : "";
    }

    public long integer(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof Long l)) {
            throw fail("content: '" + field + "' must be an integer");
        }
        return l;
    }

    /** An integer within lo..hi. */
    public int integer(Map<String, Object> m, String field, int lo, int hi) {
        long v = integer(m, field);
        if (v < lo || v > hi) {
            throw fail("content: '" + field + "' must be in " + lo + ".." + hi + ", got " + v);
        }
        return (int) v;
    }

    public List<Object> array(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof List<?> l)) {
            throw fail("content: '" + field + "' must be an array");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) l;
        return list;
    }

    public Map<String, Object> object(Map<String, Object> m, String field) {
        return asObject(m.get(field), field);
    }

    public Map<String, Object> asObject(Object o, String what) {
        if (!(o instanceof Map<?, ?> raw)) {
            throw fail("content: '" + what + "' must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) raw;
        return map;
    }

    /** Lowercase hex of 1..maxBytes bytes. */
    public byte[] hex(Object o, String what, int maxBytes) {
        if (!(o instanceof String s) || s.isEmpty() || s.length() % 2 != 0 || s.length() > 2 * maxBytes
                || !Hex.isLowerHex(s, s.length() / 2)) {
            throw fail("content: '" + what + "' must be lowercase hex of 1.." + maxBytes + " bytes");
        }
        return Hex.decode(s);
    }

    /** Lowercase hex of exactly {@code bytes} bytes. */
    public byte[] hexExact(Map<String, Object> m, String field, int bytes) {
        String s = string(m, field);
        if (!Hex.isLowerHex(s, bytes)) {
            throw fail("content: '" + field + "' must be " + 2 * bytes + " lowercase hex characters");
        }
        return Hex.decode(s);
    }
}
