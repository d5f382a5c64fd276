package dev.drey.nostr;

import static dev.drey.nostr.KindClass.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KindClassTest {
    @Test
    void rangesAndBoundaries() {
        assertEquals(REPLACEABLE, KindClass.of(0));
        assertEquals(REGULAR, KindClass.of(1));
        assertEquals(REGULAR, KindClass.of(2));
        assertEquals(REPLACEABLE, KindClass.of(3));
        assertEquals(REGULAR, KindClass.of(4));
        assertEquals(REGULAR, KindClass.of(9999));
        assertEquals(REPLACEABLE, KindClass.of(10000));
        assertEquals(REPLACEABLE, KindClass.of(19999));
        assertEquals(EPHEMERAL, KindClass.of(20000));
        assertEquals(EPHEMERAL, KindClass.of(22242));
        assertEquals(EPHEMERAL, KindClass.of(29999));
        assertEquals(ADDRESSABLE, KindClass.of(30000));
        assertEquals(ADDRESSABLE, KindClass.of(39999));
        assertEquals(REGULAR, KindClass.of(40000));
        assertEquals(REGULAR, KindClass.of(3410));
    }

    @Test
    void addresses() {
        byte[] sk = FilterTest.SK1;
        String pk = EventCanonicalTest.PUBKEY;
        Event article = new EventTemplate(1, 30023, List.of(List.of("title", "t"), List.of("d", "my-post"), List.of("d", "second")),
                "").sign(sk, new byte[32]);
        assertEquals(Optional.of(new EventAddress(30023, pk, "my-post")), KindClass.addressOf(article));
        assertEquals("30023:" + pk + ":my-post", KindClass.addressOf(article).orElseThrow().toString());
        Event noD = new EventTemplate(1, 30000, List.of(), "").sign(sk, new byte[32]);
        assertEquals("", KindClass.addressOf(noD).orElseThrow().d());
        Event metadata = new EventTemplate(1, 0, List.of(List.of("d", "ignored")), "{}").sign(sk, new byte[32]);
        assertEquals(new EventAddress(0, pk, ""), KindClass.addressOf(metadata).orElseThrow());
        Event note = new EventTemplate(1, 1, List.of(), "").sign(sk, new byte[32]);
        assertTrue(KindClass.addressOf(note).isEmpty());
        assertEquals(REGULAR, note.kindClass());
    }
}
