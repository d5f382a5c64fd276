package dev.drey.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for platform envelopes: objects become {@link LinkedHashMap}s, arrays
 * {@link ArrayList}s, numbers {@link Long} (integers) or {@link Double}, plus {@link String}, {@link Boolean}
 * and {@code null}. Streaming jackson-core underneath, so no reflection and no data binding; duplicate
 * names, excess nesting and oversized input are refused.
 */
public final class JsonTree {
    static final int MAX_DEPTH = 16;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(32).build())
            .build();

    private JsonTree() {
    }

    /** Parses one JSON value filling the whole input; {@code what} names the input in errors. */
    public static Object parse(byte[] json, String what) {
        try (JsonParser p = FACTORY.createParser(json)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new InboundException(what + " is empty");
            }
            Object v = value(p, t);
            if (p.nextToken() != null) {
                throw new InboundException(what + " has content after its JSON value");
            }
            return v;
        } catch (IOException e) {
            throw new InboundException(what + " is not valid JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    l.add(value(p, n));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return Double.NaN; // out of every field's range: refused where it is read
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new InboundException("unexpected JSON token " + t);
        }
    }
}
