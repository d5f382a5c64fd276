package dev.drey.nostr;

import static dev.drey.nostr.NostrParseException.Reason.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.drey.crypto.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict reader of untrusted nostr JSON: events, filters, client and relay messages. Built on
 * the jackson-core streaming parser with duplicate keys, comments, NaN, leading zeros and
 * trailing content refused, and input size, nesting and number length bounded. Every refusal
 * is a {@link NostrParseException} with a specific reason; nothing else escapes.
 * Thread-safe; build one per configuration and share it.
 */
public final class NostrParser {

    /** Bounds on untrusted input. */
    public record Limits(int maxInputBytes, int maxNestingDepth, int maxNumberLength) {
        /** 128 KiB, depth 8 (a tag inside an event inside a message is depth 4), 20-digit numbers. */
        public static final Limits DEFAULT = new Limits(128 * 1024, 8, 20);

        public Limits {
            if (maxInputBytes < 64 || maxNestingDepth < 4 || maxNumberLength < 1) {
                throw new IllegalArgumentException("limits too small to parse any nostr message");
            }
        }
    }

    private static final int F_ID = 1;
    private static final int F_PUBKEY = 2;
    private static final int F_CREATED_AT = 4;
    private static final int F_KIND = 8;
    private static final int F_TAGS = 16;
    private static final int F_CONTENT = 32;
    private static final int F_SIG = 64;
    private static final int F_ALL = 127;
    private static final String[] FIELD_NAMES = {"id", "pubkey", "created_at", "kind", "tags", "content", "sig"};

    private final Limits limits;
    private final JsonFactory factory;

    public NostrParser() {
        this(Limits.DEFAULT);
    }

    public NostrParser(Limits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxStringLength(limits.maxInputBytes())
                        .maxNameLength(limits.maxInputBytes())
                        .build())
                .build();
    }

    public Limits limits() {
        return limits;
    }

    /** One event as a JSON object. */
    public Event parseEvent(String json) {
        return parse(json, p -> readEvent(p, ""));
    }

    public Event parseEvent(byte[] utf8) {
        return parse(utf8, p -> readEvent(p, ""));
    }

    /** One filter as a JSON object. */
    public Filter parseFilter(String json) {
        return parse(json, this::readFilter);
    }

    public ClientMessage parseClientMessage(String json) {
        return parse(json, this::readClientMessage);
    }

    public ClientMessage parseClientMessage(byte[] utf8) {
        return parse(utf8, this::readClientMessage);
    }

    public RelayMessage parseRelayMessage(String json) {
        return parse(json, this::readRelayMessage);
    }

    public RelayMessage parseRelayMessage(byte[] utf8) {
        return parse(utf8, this::readRelayMessage);
    }

    // ---- framing -------------------------------------------------------------------------

    @FunctionalInterface
    private interface Body<T> {
        T read(JsonParser p) throws IOException;
    }

    private <T> T parse(byte[] utf8, Body<T> body) {
        if (utf8 == null) {
            throw new NostrParseException(MALFORMED_JSON, "no input");
        }
        if (utf8.length > limits.maxInputBytes()) {
            throw tooLarge();
        }
        try (JsonParser p = factory.createParser(utf8)) {
            return run(p, body);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private <T> T parse(String json, Body<T> body) {
        if (json == null) {
            throw new NostrParseException(MALFORMED_JSON, "no input");
        }
        if (utf8Length(json, limits.maxInputBytes()) > limits.maxInputBytes()) {
            throw tooLarge();
        }
        try (JsonParser p = factory.createParser(json)) {
            return run(p, body);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private NostrParseException tooLarge() {
        return new NostrParseException(TOO_LARGE, "message larger than " + limits.maxInputBytes() + " bytes");
    }

    /** UTF-8 length of s, stopping early once past {@code cap}. */
    private static long utf8Length(String s, int cap) {
        if (s.length() > cap) {
            return s.length();
        }
        long n = 0;
        for (int i = 0; i < s.length() && n <= cap; i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private static <T> T run(JsonParser p, Body<T> body) throws IOException {
        if (p.nextToken() == null) {
            throw new NostrParseException(MALFORMED_JSON, "empty input");
        }
        T result = body.read(p);
        JsonToken after;
        try {
            after = p.nextToken();
        } catch (JsonParseException e) {
            after = JsonToken.NOT_AVAILABLE;
        }
        if (after != null) {
            throw new NostrParseException(TRAILING_DATA, "unexpected content after the JSON value");
        }
        return result;
    }

    private static NostrParseException translate(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return new NostrParseException(LIMIT_EXCEEDED, "input exceeds a parser limit: " + brief(e));
        }
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m != null && m.startsWith("Duplicate field")) {
            return new NostrParseException(DUPLICATE_KEY, "duplicate key: " + brief(e));
        }
        return new NostrParseException(MALFORMED_JSON, "malformed JSON: " + brief(e));
    }

    private static String brief(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        m = m.replace('\n', ' ');
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    /** Untrusted text echoed in an error: quoted, escaped and cut short. */
    private static String quote(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return new JsonWriter().string(cut).toString();
    }

    // ---- events --------------------------------------------------------------------------

    /** Reads an event object; the parser is on its first token. */
    private Event readEvent(JsonParser p, String where) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new NostrParseException(WRONG_TYPE, where + "event must be a JSON object");
        }
        int seen = 0;
        String id = null;
        String pubkey = null;
        String sig = null;
        String content = null;
        long createdAt = 0;
        int kind = 0;
        List<List<String>> tags = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> {
                    id = hex(p, t, 32, INVALID_ID, "id must be 64 lowercase hex characters");
                    seen |= F_ID;
                }
                case "pubkey" -> {
                    pubkey = hex(p, t, 32, INVALID_PUBKEY, "pubkey must be 64 lowercase hex characters");
                    seen |= F_PUBKEY;
                }
                case "sig" -> {
                    sig = hex(p, t, 64, INVALID_SIG, "sig must be 128 lowercase hex characters");
                    seen |= F_SIG;
                }
                case "created_at" -> {
                    createdAt = integer(p, t, Event.MAX_CREATED_AT, INVALID_CREATED_AT, "created_at");
                    seen |= F_CREATED_AT;
                }
                case "kind" -> {
                    kind = (int) integer(p, t, Event.MAX_KIND, INVALID_KIND, "kind");
                    seen |= F_KIND;
                }
                case "tags" -> {
                    tags = readTags(p, t);
                    seen |= F_TAGS;
                }
                case "content" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw new NostrParseException(INVALID_CONTENT, "content must be a string");
                    }
                    content = p.getText();
                    seen |= F_CONTENT;
                }
                default -> throw new NostrParseException(UNKNOWN_FIELD, where + "event has unknown field " + quote(name));
            }
        }
        if (seen != F_ALL) {
            for (int i = 0; i < FIELD_NAMES.length; i++) {
                if ((seen & (1 << i)) == 0) {
                    throw new NostrParseException(MISSING_FIELD, where + "event is missing field \"" + FIELD_NAMES[i] + "\"");
                }
            }
        }
        return new Event(id, pubkey, createdAt, kind, tags, content, sig);
    }

    private static String hex(JsonParser p, JsonToken t, int bytes, NostrParseException.Reason reason, String message)
            throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new NostrParseException(reason, message);
        }
        String s = p.getText();
        if (!Hex.isLowerHex(s, bytes)) {
            throw new NostrParseException(reason, message);
        }
        return s;
    }

    /** A JSON integer token in 0..max; fractions, exponents, negatives and other types refused. */
    private static long integer(JsonParser p, JsonToken t, long max, NostrParseException.Reason reason, String field)
            throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw new NostrParseException(reason, field + " must be an integer, not a fraction or exponent");
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new NostrParseException(reason, field + " must be an integer");
        }
        JsonParser.NumberType nt = p.getNumberType();
        if (nt == JsonParser.NumberType.BIG_INTEGER) {
            throw new NostrParseException(reason, field + " is out of range (0.." + max + ")");
        }
        long v = p.getLongValue();
        if (v < 0) {
            throw new NostrParseException(reason, field + " must not be negative");
        }
        if (v > max) {
            throw new NostrParseException(reason, field + " is out of range (0.." + max + ")");
        }
        return v;
    }

    private static List<List<String>> readTags(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new NostrParseException(INVALID_TAGS, "tags must be an array of arrays of strings");
        }
        List<List<String>> tags = new ArrayList<>();
        ArrayList<String> values = new ArrayList<>(4);
        JsonToken tt;
        while ((tt = p.nextToken()) != JsonToken.END_ARRAY) {
            if (tt != JsonToken.START_ARRAY) {
                throw new NostrParseException(INVALID_TAGS, "tags[" + tags.size() + "] must be an array of strings");
            }
            values.clear();
            JsonToken vt;
            while ((vt = p.nextToken()) != JsonToken.END_ARRAY) {
                if (vt != JsonToken.VALUE_STRING) {
                    throw new NostrParseException(INVALID_TAGS,
                            "tags[" + tags.size() + "][" + values.size() + "] must be a string");
                }
                values.add(p.getText());
            }
            tags.add(List.copyOf(values));
        }
        return tags;
    }

    // ---- filters -------------------------------------------------------------------------

    private Filter readFilter(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new NostrParseException(INVALID_FILTER, "filter must be a JSON object");
        }
        Set<String> ids = null;
        Set<String> authors = null;
        Set<Integer> kinds = null;
        Map<Character, Set<String>> tags = new HashMap<>();
        Long since = null;
        Long until = null;
        Integer limit = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "ids" -> ids = hexArray(p, t, "ids");
                case "authors" -> authors = hexArray(p, t, "authors");
                case "kinds" -> {
                    if (t != JsonToken.START_ARRAY) {
                        throw new NostrParseException(INVALID_FILTER, "kinds must be an array of integers");
                    }
                    kinds = new LinkedHashSet<>();
                    JsonToken kt;
                    while ((kt = p.nextToken()) != JsonToken.END_ARRAY) {
                        kinds.add((int) integer(p, kt, Event.MAX_KIND, INVALID_FILTER, "kinds[" + kinds.size() + "]"));
                    }
                }
                case "since" -> since = integer(p, t, Event.MAX_CREATED_AT, INVALID_FILTER, "since");
                case "until" -> until = integer(p, t, Event.MAX_CREATED_AT, INVALID_FILTER, "until");
                case "limit" -> limit = (int) integer(p, t, Integer.MAX_VALUE, INVALID_FILTER, "limit");
                default -> {
                    if (name.length() == 2 && name.charAt(0) == '#' && Filter.isTagLetter(name.charAt(1))) {
                        tags.put(name.charAt(1), stringArray(p, t, name));
                    } else {
                        throw new NostrParseException(UNKNOWN_FIELD, "filter has unknown key " + quote(name)
                                + " (allowed: ids, authors, kinds, #<letter>, since, until, limit)");
                    }
                }
            }
        }
        return new Filter(ids, authors, kinds, tags, since, until, limit);
    }

    private static Set<String> hexArray(JsonParser p, JsonToken t, String field) throws IOException {
        String message = field + " must be an array of 64 lowercase hex characters each";
        if (t != JsonToken.START_ARRAY) {
            throw new NostrParseException(INVALID_FILTER, message);
        }
        Set<String> out = new LinkedHashSet<>();
        JsonToken vt;
        while ((vt = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(hex(p, vt, 32, INVALID_FILTER, message));
        }
        return out;
    }

    private static Set<String> stringArray(JsonParser p, JsonToken t, String field) throws IOException {
        String message = field + " must be an array of strings";
        if (t != JsonToken.START_ARRAY) {
            throw new NostrParseException(INVALID_FILTER, message);
        }
        Set<String> out = new LinkedHashSet<>();
        JsonToken vt;
        while ((vt = p.nextToken()) != JsonToken.END_ARRAY) {
            if (vt != JsonToken.VALUE_STRING) {
                throw new NostrParseException(INVALID_FILTER, message);
            }
            out.add(p.getText());
        }
        return out;
    }

    // ---- messages ------------------------------------------------------------------------

    private static String messageType(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new NostrParseException(WRONG_TYPE, "message must be a JSON array");
        }
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw new NostrParseException(INVALID_MESSAGE, "message must start with its type as a string");
        }
        return p.getText();
    }

    /** Advances to the next element of a message array, which must exist. */
    private static JsonToken element(JsonParser p, String type, String what) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            throw new NostrParseException(INVALID_MESSAGE, type + " message is missing its " + what);
        }
        return t;
    }

    private static void end(JsonParser p, String type) throws IOException {
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new NostrParseException(INVALID_MESSAGE, type + " message has too many elements");
        }
    }

    private static String subscriptionId(JsonParser p, String type) throws IOException {
        JsonToken t = element(p, type, "subscription id");
        if (t != JsonToken.VALUE_STRING || !Messages.isValidSubscriptionId(p.getText())) {
            throw new NostrParseException(INVALID_SUBSCRIPTION_ID,
                    "subscription id must be a string of 1 to " + Messages.MAX_SUBSCRIPTION_ID + " characters");
        }
        return p.getText();
    }

    private static String text(JsonParser p, String type, String what) throws IOException {
        if (element(p, type, what) != JsonToken.VALUE_STRING) {
            throw new NostrParseException(INVALID_MESSAGE, type + " " + what + " must be a string");
        }
        return p.getText();
    }

    private Event event(JsonParser p, String type) throws IOException {
        element(p, type, "event");
        return readEvent(p, type + ": ");
    }

    private List<Filter> filters(JsonParser p, String type) throws IOException {
        List<Filter> filters = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            filters.add(readFilter(p));
        }
        if (filters.isEmpty()) {
            throw new NostrParseException(INVALID_MESSAGE, type + " message needs at least one filter");
        }
        return filters;
    }

    private ClientMessage readClientMessage(JsonParser p) throws IOException {
        String type = messageType(p);
        ClientMessage m;
        switch (type) {
            case "EVENT" -> {
                m = new ClientMessage.EventMessage(event(p, type));
                end(p, type);
            }
            case "REQ" -> {
                String sub = subscriptionId(p, type);
                m = new ClientMessage.Req(sub, filters(p, type));
            }
            case "COUNT" -> {
                String sub = subscriptionId(p, type);
                m = new ClientMessage.Count(sub, filters(p, type));
            }
            case "CLOSE" -> {
                m = new ClientMessage.Close(subscriptionId(p, type));
                end(p, type);
            }
            case "AUTH" -> {
                m = new ClientMessage.Auth(event(p, type));
                end(p, type);
            }
            default -> throw new NostrParseException(UNKNOWN_MESSAGE, "unknown client message type " + quote(type));
        }
        return m;
    }

    private RelayMessage readRelayMessage(JsonParser p) throws IOException {
        String type = messageType(p);
        RelayMessage m;
        switch (type) {
            case "EVENT" -> {
                String sub = subscriptionId(p, type);
                m = new RelayMessage.EventMessage(sub, event(p, type));
            }
            case "OK" -> {
                String id = hex(p, element(p, type, "event id"), 32, INVALID_ID,
                        "OK event id must be 64 lowercase hex characters");
                JsonToken b = element(p, type, "accepted flag");
                if (b != JsonToken.VALUE_TRUE && b != JsonToken.VALUE_FALSE) {
                    throw new NostrParseException(INVALID_MESSAGE, "OK accepted flag must be true or false");
                }
                m = new RelayMessage.Ok(id, b == JsonToken.VALUE_TRUE, text(p, type, "message"));
            }
            case "EOSE" -> m = new RelayMessage.Eose(subscriptionId(p, type));
            case "CLOSED" -> {
                String sub = subscriptionId(p, type);
                m = new RelayMessage.Closed(sub, text(p, type, "message"));
            }
            case "NOTICE" -> m = new RelayMessage.Notice(text(p, type, "message"));
            case "AUTH" -> m = new RelayMessage.AuthChallenge(text(p, type, "challenge"));
            case "COUNT" -> m = readCount(p, subscriptionId(p, type));
            default -> throw new NostrParseException(UNKNOWN_MESSAGE, "unknown relay message type " + quote(type));
        }
        end(p, type);
        return m;
    }

    private static RelayMessage.Count readCount(JsonParser p, String sub) throws IOException {
        if (element(p, "COUNT", "result") != JsonToken.START_OBJECT) {
            throw new NostrParseException(INVALID_MESSAGE, "COUNT result must be an object");
        }
        Long count = null;
        boolean approximate = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "count" -> count = integer(p, t, Long.MAX_VALUE, INVALID_MESSAGE, "COUNT count");
                case "approximate" -> {
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        throw new NostrParseException(INVALID_MESSAGE, "COUNT approximate must be true or false");
                    }
                    approximate = t == JsonToken.VALUE_TRUE;
                }
                default -> throw new NostrParseException(UNKNOWN_FIELD, "COUNT result has unknown key " + quote(name));
            }
        }
        if (count == null) {
            throw new NostrParseException(MISSING_FIELD, "COUNT result is missing \"count\"");
        }
        return new RelayMessage.Count(sub, count, approximate);
    }
}
