package dev.drey.nostr;

import static dev.drey.nostr.NostrParseException.Reason.INVALID_FILTER;
import static dev.drey.nostr.NostrParseException.Reason.UNKNOWN_FIELD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterTest {
    private final NostrParser parser = new NostrParser();
    static final byte[] SK1 = Hex.decode("0000000000000000000000000000000000000000000000000000000000000003");
    static final byte[] SK2 = Hex.decode("0000000000000000000000000000000000000000000000000000000000000005");
    static final String PK2 = Hex.encode(Schnorr.publicKey(SK2));
    static final String E_REF = "aa".repeat(32);

    static Event event(byte[] sk, long createdAt, int kind, List<List<String>> tags) {
        return new EventTemplate(createdAt, kind, tags, "c").sign(sk, new byte[32]);
    }

    private final Event note = event(SK1, 1000, 1, List.of(List.of("e", E_REF), List.of("t", "nostr", "extra")));
    private final Event other = event(SK2, 2000, 7, List.of(List.of("p", EventCanonicalTest.PUBKEY)));

    @Test
    void emptyFilterMatchesEverything() {
        assertTrue(Filter.ALL.matches(note));
        assertTrue(parser.parseFilter("{}").matches(other));
    }

    @Test
    void idsAuthorsKinds() {
        assertTrue(Filter.builder().ids(note.id()).build().matches(note));
        assertFalse(Filter.builder().ids(note.id()).build().matches(other));
        assertTrue(Filter.builder().authors(PK2).build().matches(other));
        assertFalse(Filter.builder().authors(PK2).build().matches(note));
        assertTrue(Filter.builder().kinds(1, 7).build().matches(other));
        assertFalse(Filter.builder().kinds(1).build().matches(other));
        assertFalse(Filter.builder().kinds().build().matches(note), "an empty list matches nothing");
    }

    @Test
    void sinceAndUntilAreInclusive() {
        assertTrue(Filter.builder().since(1000).build().matches(note));
        assertFalse(Filter.builder().since(1001).build().matches(note));
        assertTrue(Filter.builder().until(1000).build().matches(note));
        assertFalse(Filter.builder().until(999).build().matches(note));
        assertTrue(Filter.builder().since(1000).until(1000).build().matches(note));
        assertFalse(Filter.builder().since(1001).until(999).build().matches(note));
    }

    @Test
    void tagFiltersMatchTheFirstValueOfTagsWithThatLetter() {
        assertTrue(Filter.builder().tag('e', "x", E_REF).build().matches(note));
        assertTrue(Filter.builder().tag('t', "nostr").build().matches(note));
        assertFalse(Filter.builder().tag('t', "extra").build().matches(note), "only tag[1] is indexed");
        assertFalse(Filter.builder().tag('p', E_REF).build().matches(note));
        assertFalse(Filter.builder().tag('E', E_REF).build().matches(note), "letters are case-sensitive");
        // two tag letters are ANDed
        assertTrue(Filter.builder().tag('e', E_REF).tag('t', "nostr").build().matches(note));
        assertFalse(Filter.builder().tag('e', E_REF).tag('t', "other").build().matches(note));
    }

    @Test
    void fieldsAreAndedAndFiltersOred() {
        Filter kind1ByPk2 = Filter.builder().kinds(1).authors(PK2).build();
        assertFalse(kind1ByPk2.matches(note));
        assertFalse(kind1ByPk2.matches(other));
        Filter notes = Filter.builder().kinds(1).build();
        Filter byPk2 = Filter.builder().authors(PK2).build();
        assertTrue(Filter.matchesAny(List.of(notes, byPk2), note));
        assertTrue(Filter.matchesAny(List.of(notes, byPk2), other));
        assertFalse(Filter.matchesAny(List.of(kind1ByPk2), note));
    }

    @Test
    void limitDoesNotAffectMatching() {
        assertTrue(Filter.builder().limit(0).build().matches(note));
    }

    @Test
    void parseAndSerializeRoundTrip() {
        String json = "{\"ids\":[\"" + note.id() + "\"],\"authors\":[\"" + PK2 + "\"],\"kinds\":[1,30023],"
                + "\"#e\":[\"" + E_REF + "\"],\"#t\":[\"a\\\"b\"],\"since\":5,\"until\":10,\"limit\":20}";
        Filter f = parser.parseFilter(json);
        assertEquals(json, f.toJson());
        assertEquals(f, parser.parseFilter(f.toJson()));
        assertEquals(Long.valueOf(5), f.since());
        assertEquals(List.of(1, 30023), List.copyOf(f.kinds()));
        assertEquals("{}", Filter.ALL.toJson());
    }

    private NostrParseException filterError(String json) {
        return assertThrows(NostrParseException.class, () -> parser.parseFilter(json));
    }

    @Test
    void parseErrors() {
        NostrParseException unknown = filterError("{\"search\":\"x\"}");
        assertEquals(UNKNOWN_FIELD, unknown.reason());
        assertTrue(unknown.getMessage().startsWith("invalid: filter has unknown key \"search\""), unknown.getMessage());
        assertEquals(UNKNOWN_FIELD, filterError("{\"#ee\":[\"x\"]}").reason());
        assertEquals(UNKNOWN_FIELD, filterError("{\"#1\":[\"x\"]}").reason());
        assertEquals(UNKNOWN_FIELD, filterError("{\"#\":[\"x\"]}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"ids\":[\"" + E_REF.toUpperCase() + "\"]}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"ids\":[\"abcd\"]}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"authors\":\"" + PK2 + "\"}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"kinds\":[70000]}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"kinds\":[1.5]}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"kinds\":1}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"since\":-1}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"until\":\"5\"}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"limit\":2.5}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"limit\":3000000000}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"#e\":[1]}").reason());
        assertEquals(INVALID_FILTER, filterError("{\"#e\":\"x\"}").reason());
        assertEquals(INVALID_FILTER, filterError("[]").reason());
        assertEquals(NostrParseException.Reason.DUPLICATE_KEY, filterError("{\"limit\":1,\"limit\":2}").reason());
        assertEquals("invalid: kinds[1] is out of range (0..65535)", filterError("{\"kinds\":[1,65536]}").getMessage());
    }
}
