package dev.drey.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading tags: every value of a name, whether a [name, value] tag is there, the first value. */
class EventTagsTest {
    private static final Event E = new Event("00".repeat(32), "11".repeat(32), 1, 1,
            List.of(List.of("p", "aa"), List.of("e", "bb"), List.of("p"), List.of("p", "cc", "wss://x"),
                    List.of("t", "aa")), "", "00".repeat(64));

    @Test
    void valuesOfANameInOrderSkippingTagsWithoutAValue() {
        assertEquals(List.of("aa", "cc"), E.tagValues("p"));
        assertEquals(List.of(), E.tagValues("x"));
        assertEquals(Optional.of("aa"), E.firstTagValue("p"));
    }

    @Test
    void hasTagMatchesNameAndValueTogether() {
        assertTrue(E.hasTag("p", "cc"));
        assertTrue(E.hasTag("t", "aa"));
        assertFalse(E.hasTag("p", "bb"));
        assertFalse(E.hasTag("e", "aa"));
    }
}
