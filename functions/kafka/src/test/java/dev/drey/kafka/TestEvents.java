package dev.drey.kafka;

import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import java.util.List;

/** Signed events for the tests, from a fixed key (aux randomness varies by content only). */
final class TestEvents {

    static final byte[] SECRET_KEY = new byte[32];

    static {
        SECRET_KEY[31] = 7;
    }

    /** Control characters, U+2028/U+2029, emoji, quotes, backslashes, NUL and a lone-surrogate-free astral char. */
    static final String TRICKY = "line1\nline2\r\ttab \u0000 nul \u0001\u001f ctl \u2028 ls \u2029 ps "
            + "\"quoted\" back\\slash </script> \uD83D\uDE00 emoji \uD834\uDD1E clef é ü 中文 \u007f del";

    private TestEvents() {
    }

    static Event event(int kind, String content) {
        return event(kind, content, List.of(List.of("p", "ab".repeat(32)), List.of("t", TRICKY)));
    }

    static Event event(int kind, String content, List<List<String>> tags) {
        return new EventTemplate(1_700_000_000L, kind, tags, content).sign(SECRET_KEY, new byte[32]);
    }
}
