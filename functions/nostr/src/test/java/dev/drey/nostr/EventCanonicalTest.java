package dev.drey.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Event ids must equal nostr-tools' {@code getEventHash} for any content.
 *
 * <p>Fixture ids were produced with nostr-tools 2.25.2 on node 20 (npm, outside the repo):
 * {@code getEventHash({pubkey, created_at: 1700000000, kind: 1, tags, content})} with pubkey =
 * getPublicKey(secret key 0x00..03), tags = {@link #tags()} and each content as built in the
 * test (the JS side built the same strings with String.fromCharCode and JS escapes).
 */
class EventCanonicalTest {
    static final String PUBKEY = "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9";

    static String controls() {
        StringBuilder sb = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            sb.append(c);
        }
        return sb.toString();
    }

    static List<List<String>> tags() {
        return List.of(List.of("e", controls() + "\"\\"), List.of("p", "\uD83D\uDE00\uD800"), List.of(), List.of("t"));
    }

    static String id(String content) {
        return dev.drey.crypto.Hex.encode(Event.computeId(PUBKEY, 1700000000L, 1, tags(), content));
    }

    @Test
    void everyControlCharacter() {
        assertEquals("efe6b43a65d1cb8dd05244afe6e0c505a39ab2800ef1f075448c0fcd86872be2", id(controls()));
    }

    @Test
    void quotesAndBackslashes() {
        assertEquals("5cb18edac89f0695bf22dab71f3df47b20a258b769694c39c67aac2c1e80cf40",
                id("say \"hi\" \\ back\\\\slash \\\" /"));
    }

    @Test
    void lineSeparatorsEmojiAndOtherUnicodeRaw() {
        String content = "\u2028\u2029 \uD83D\uDE00 \u00e9 \u4e2d \u007f \u0080 \uffff " + new String(Character.toChars(0x10FFFF));
        assertEquals("b7ee4f9401910b9bbb3bd19e1947f751336049bd042f9db1a965a7ad73043b90", id(content));
    }

    @Test
    void loneSurrogatesEscapedAsJsonStringifyDoes() {
        assertEquals("fb0fb8220d2902a916e11c3ca206f2003f8058f68c77a1016921a94b6198bfd3",
                id("a\uD800b\uDC00c\uDC00\uD800d\uDBFF"));
    }

    @Test
    void emptyContent() {
        assertEquals("226a2c4eecb7de8f9a9a38999e3006c5d92edd6ecb9cd7d98a31e762509d719b", id(""));
    }

    @Test
    void controlCharacterEscapesSpelledOut() {
        // Written out from ECMA-262 QuoteJSONString: short forms for 8,9,10,12,13, else lowercase backslash-u.
        String expected = "[0,\"" + PUBKEY + "\",5,7,[],\""
                + "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
                + "\\u001e\\u001f\\\"\\\\\u2028\uD83D\uDE00\\ud800\"]";
        String actual = Event.canonical(PUBKEY, 5, 7, List.of(), controls() + "\"\\\u2028\uD83D\uDE00\uD800").toString();
        assertEquals(expected, actual);
    }

    @Test
    void writerBytesAreUtf8OfTheText() {
        String s = "x\uD83D\uDE00\u00e9\u4e2d\uDFFF" + controls();
        JsonWriter w = new JsonWriter(1);
        for (int i = 0; i < 50; i++) {
            w.string(s);
        }
        assertEquals(w.toString(), new String(w.toBytes(), StandardCharsets.UTF_8));
        assertEquals(w.length(), w.toString().getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * Random strings (all BMP units, surrogates included, and pairs): Jackson reads our output
     * back to the same string, and no character outside the JSON.stringify escape set was escaped.
     */
    @Test
    void randomStringsRoundTripThroughAnIndependentParser() throws Exception {
        java.util.Random rnd = new java.util.Random(7);
        com.fasterxml.jackson.core.JsonFactory jf = new com.fasterxml.jackson.core.JsonFactory();
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(40);
            for (int k = 0; k < n; k++) {
                int pick = rnd.nextInt(4);
                if (pick == 0) {
                    sb.append((char) rnd.nextInt(0x80));
                } else if (pick == 1) {
                    sb.appendCodePoint(0x10000 + rnd.nextInt(0x100000));
                } else {
                    sb.append((char) rnd.nextInt(0x10000));
                }
            }
            String s = sb.toString();
            String json = new JsonWriter().string(s).toString();
            try (com.fasterxml.jackson.core.JsonParser p = jf.createParser(json)) {
                p.nextToken();
                assertEquals(s, p.getText());
            }
            int escapes = 0;
            for (int k = 0; k < json.length(); k++) {
                if (json.charAt(k) == '\\') {
                    escapes++;
                    k++;
                }
            }
            assertEquals(expectedEscapes(s), escapes, json);
        }
    }

    private static int expectedEscapes(String s) {
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                count++;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                count++;
            }
        }
        return count;
    }
}
