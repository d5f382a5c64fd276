package dev.drey.roast;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict reader of a protocol message's content: one JSON object whose values are strings, integers,
 * arrays or objects (depth-limited), duplicate keys refused. Every refusal is a {@link RoastMessageException}.
 */
final class ContentJson {
    static final int MAX_CONTENT_CHARS = 512 * 1024;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxNumberLength(12)
                    .maxStringLength(MAX_CONTENT_CHARS).build())
            .build();

    private ContentJson() {
    }

    static Map<String, Object> parseObject(String content) {
        if (content == null || content.length() > MAX_CONTENT_CHARS) {
            throw new RoastMessageException("content is missing or longer than " + MAX_CONTENT_CHARS + " characters");
        }
        try (JsonParser p = FACTORY.createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RoastMessageException("content must be a JSON object");
            }
            Map<String, Object> m = readObject(p);
            if (p.nextToken() != null) {
                throw new RoastMessageException("content has trailing data after the object");
            }
            return m;
        } catch (IOException e) {
            throw new RoastMessageException("content is not valid JSON: " + brief(e));
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
            throw new RoastMessageException("content: unterminated object");
        }
        return m;
    }

    private static Object readValue(JsonParser p, JsonToken t, String name) throws IOException {
        if (t == null) {
            throw new RoastMessageException("content: truncated at '" + name + "'");
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
            default -> throw new RoastMessageException("content: '" + name + "' has an unsupported JSON type");
        };
    }

    private static String brief(IOException e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                : e.getClass().getSimpleName();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    // --- typed field access -----------------------------------------------------------------------------

    static String string(Map<String, Object> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof String s)) {
            throw new RoastMessageException("content: '" + field + "' must be a string");
        }
        return s;
    }

    static String optionalString(Map<String, Object> m, String field) {
        return m.containsKey(field) ? string(m, field) : "";
    }

    static long integer(Map<String, Object> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof Long l)) {
            throw new RoastMessageException("content: '" + field + "' must be an integer");
        }
        return l;
    }

    static List<Object> array(Map<String, Object> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof List<?> l)) {
            throw new RoastMessageException("content: '" + field + "' must be an array");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) l;
        return list;
    }

    static byte[] hex(Map<String, Object> m, String field, int bytes) {
        String s = string(m, field);
        if (!dev.drey.crypto.Hex.isLowerHex(s, bytes)) {
            throw new RoastMessageException("content: '" + field + "' must be " + 2 * bytes + " lowercase hex characters");
        }
        return dev.drey.crypto.Hex.decode(s);
    }
}
