package dev.drey.nostr;

import dev.drey.crypto.Hex;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A NIP-01 subscription filter. A {@code null} field is absent (no constraint); an empty set
 * matches nothing, as in nostr-tools. Conditions within a filter are ANDed; a list of filters
 * is ORed ({@link #matchesAny}). {@code since} and {@code until} are inclusive; {@code limit}
 * only bounds the initial query and plays no part in matching.
 *
 * @param tags single-letter tag filters ({@code #e}, {@code #p}, ...) keyed by the letter
 */
public record Filter(Set<String> ids, Set<String> authors, Set<Integer> kinds,
        Map<Character, Set<String>> tags, Long since, Long until, Integer limit) {

    public static final Filter ALL = new Filter(null, null, null, Map.of(), null, null, null);

    public Filter {
        ids = hexSet(ids, "ids");
        authors = hexSet(authors, "authors");
        if (kinds != null) {
            for (Integer k : kinds) {
                if (k == null || k < 0 || k > Event.MAX_KIND) {
                    throw new IllegalArgumentException("kinds must be integers in 0..65535");
                }
            }
            kinds = Collections.unmodifiableSet(new LinkedHashSet<>(kinds));
        }
        TreeMap<Character, Set<String>> t = new TreeMap<>();
        if (tags != null) {
            for (Map.Entry<Character, Set<String>> e : tags.entrySet()) {
                if (e.getKey() == null || !isTagLetter(e.getKey())) {
                    throw new IllegalArgumentException("tag filter names must be a single letter a-z or A-Z");
                }
                if (e.getValue() == null || e.getValue().contains(null)) {
                    throw new IllegalArgumentException("tag filter #" + e.getKey() + " needs string values");
                }
                t.put(e.getKey(), Collections.unmodifiableSet(new LinkedHashSet<>(e.getValue())));
            }
        }
        tags = Collections.unmodifiableMap(t);
        if (since != null && (since < 0 || since > Event.MAX_CREATED_AT)) {
            throw new IllegalArgumentException("since must be an integer in 0..2^53-1");
        }
        if (until != null && (until < 0 || until > Event.MAX_CREATED_AT)) {
            throw new IllegalArgumentException("until must be an integer in 0..2^53-1");
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must be a non-negative integer");
        }
    }

    static boolean isTagLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static Set<String> hexSet(Collection<String> values, String field) {
        if (values == null) {
            return null;
        }
        for (String v : values) {
            if (!Hex.isLowerHex(v, 32)) {
                throw new IllegalArgumentException(field + " must be 64 lowercase hex characters each");
            }
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    public boolean matches(Event e) {
        if (ids != null && !ids.contains(e.id())) {
            return false;
        }
        if (authors != null && !authors.contains(e.pubkey())) {
            return false;
        }
        if (kinds != null && !kinds.contains(e.kind())) {
            return false;
        }
        if (since != null && e.createdAt() < since) {
            return false;
        }
        if (until != null && e.createdAt() > until) {
            return false;
        }
        for (Map.Entry<Character, Set<String>> t : tags.entrySet()) {
            if (!hasTag(e, t.getKey(), t.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasTag(Event e, char letter, Set<String> values) {
        for (List<String> tag : e.tags()) {
            if (tag.size() >= 2 && tag.get(0).length() == 1 && tag.get(0).charAt(0) == letter
                    && values.contains(tag.get(1))) {
                return true;
            }
        }
        return false;
    }

    /** True when any of the filters matches (a REQ's filters are ORed). */
    public static boolean matchesAny(List<Filter> filters, Event e) {
        for (Filter f : filters) {
            if (f.matches(e)) {
                return true;
            }
        }
        return false;
    }

    public String toJson() {
        JsonWriter w = new JsonWriter();
        writeTo(w);
        return w.toString();
    }

    void writeTo(JsonWriter w) {
        w.raw('{');
        boolean[] first = {true};
        if (ids != null) {
            key(w, first, "ids").stringArray(ids);
        }
        if (authors != null) {
            key(w, first, "authors").stringArray(authors);
        }
        if (kinds != null) {
            key(w, first, "kinds").raw('[');
            boolean f = true;
            for (int k : kinds) {
                if (!f) {
                    w.raw(',');
                }
                f = false;
                w.number(k);
            }
            w.raw(']');
        }
        for (Map.Entry<Character, Set<String>> t : tags.entrySet()) {
            key(w, first, "#" + t.getKey()).stringArray(t.getValue());
        }
        if (since != null) {
            key(w, first, "since").number(since);
        }
        if (until != null) {
            key(w, first, "until").number(until);
        }
        if (limit != null) {
            key(w, first, "limit").number(limit);
        }
        w.raw('}');
    }

    private static JsonWriter key(JsonWriter w, boolean[] first, String name) {
        if (!first[0]) {
            w.raw(',');
        }
        first[0] = false;
        return w.string(name).raw(':');
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Convenience for building filters in code. */
    public static final class Builder {
        private Set<String> ids;
        private Set<String> authors;
        private Set<Integer> kinds;
        private final Map<Character, Set<String>> tags = new TreeMap<>();
        private Long since;
        private Long until;
        private Integer limit;

        public Builder ids(String... v) {
            ids = new LinkedHashSet<>(List.of(v));
            return this;
        }

        public Builder authors(String... v) {
            authors = new LinkedHashSet<>(List.of(v));
            return this;
        }

        public Builder kinds(Integer... v) {
            kinds = new LinkedHashSet<>(List.of(v));
            return this;
        }

        public Builder tag(char letter, String... values) {
            tags.put(letter, new LinkedHashSet<>(List.of(values)));
            return this;
        }

        public Builder since(long v) {
            since = v;
            return this;
        }

        public Builder until(long v) {
            until = v;
            return this;
        }

        public Builder limit(int v) {
            limit = v;
            return this;
        }

        public Filter build() {
            return new Filter(ids, authors, kinds, tags, since, until, limit);
        }
    }
}
