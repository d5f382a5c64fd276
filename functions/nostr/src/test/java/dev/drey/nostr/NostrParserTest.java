package dev.drey.nostr;

import static dev.drey.nostr.NostrParseException.Reason.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NostrParserTest {
    private final NostrParser parser = new NostrParser();
    private static final String EVENT = EventSignVerifyTest.NOSTR_TOOLS_SIGNED;
    private static final String ID = "7eda8439eb8950c8b3f8bc79cba8aafd5531b2e91f6e69acab72cfba0162bb85";
    private static final String PK = EventCanonicalTest.PUBKEY;
    private static final String SIG = "1ce4ca66b1153ebc4ea7a969e3d06691577671b92d7753bb38ea2dad5117f3e0"
            + "a53a3d50e69d83df15eaf5502efbd9b73c378e9ed78f33f6318e968b6683d976";

    /** An event object with one field's raw JSON value replaced (or removed when null). */
    static String eventWith(String field, String rawValue) {
        String[][] fields = {
            {"id", "\"" + ID + "\""}, {"pubkey", "\"" + PK + "\""}, {"created_at", "1700000123"},
            {"kind", "1"}, {"tags", "[[\"t\",\"nostr\"]]"}, {"content", "\"x\""}, {"sig", "\"" + SIG + "\""}};
        StringBuilder sb = new StringBuilder("{");
        for (String[] f : fields) {
            String v = f[0].equals(field) ? rawValue : f[1];
            if (v == null) {
                continue;
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(f[0]).append("\":").append(v);
        }
        return sb.append('}').toString();
    }

    private NostrParseException.Reason eventError(String json) {
        return assertThrows(NostrParseException.class, () -> parser.parseEvent(json)).reason();
    }

    @Test
    void parsesAnEventFromStringAndBytes() {
        Event a = parser.parseEvent(EVENT);
        Event b = parser.parseEvent(EVENT.getBytes(StandardCharsets.UTF_8));
        assertEquals(a, b);
        assertEquals(1700000123L, a.createdAt());
        assertEquals(List.of(List.of("t", "nostr")), a.tags());
        assertEquals("hello \uD83D\uDE00\n\"x\"", a.content());
    }

    @Test
    void escapedLoneSurrogateSurvivesParseAndReserialize() {
        Event e = parser.parseEvent(eventWith("content", "\"a\\ud800b\""));
        assertEquals("a\uD800b", e.content());
        assertTrue(e.canonicalJson().contains("\"a\\ud800b\""));
    }

    @Test
    void idErrors() {
        assertEquals(INVALID_ID, eventError(eventWith("id", "\"" + ID.toUpperCase() + "\"")));
        assertEquals(INVALID_ID, eventError(eventWith("id", "\"" + ID.substring(2) + "\"")));
        assertEquals(INVALID_ID, eventError(eventWith("id", "\"" + ID + "00\"")));
        assertEquals(INVALID_ID, eventError(eventWith("id", "42")));
        NostrParseException e = assertThrows(NostrParseException.class,
                () -> parser.parseEvent(eventWith("id", "\"zz\"")));
        assertEquals("invalid: id must be 64 lowercase hex characters", e.getMessage());
    }

    @Test
    void pubkeyAndSigErrors() {
        assertEquals(INVALID_PUBKEY, eventError(eventWith("pubkey", "\"" + PK.toUpperCase() + "\"")));
        assertEquals(INVALID_PUBKEY, eventError(eventWith("pubkey", "null")));
        assertEquals(INVALID_SIG, eventError(eventWith("sig", "\"" + ID + "\"")));
        assertEquals(INVALID_SIG, eventError(eventWith("sig", "\"" + SIG.replace('a', 'A') + "\"")));
    }

    @Test
    void kindErrors() {
        assertEquals(INVALID_KIND, eventError(eventWith("kind", "65536")));
        assertEquals(INVALID_KIND, eventError(eventWith("kind", "-1")));
        assertEquals(INVALID_KIND, eventError(eventWith("kind", "1.5")));
        assertEquals(INVALID_KIND, eventError(eventWith("kind", "\"1\"")));
        assertEquals(65535, parser.parseEvent(eventWith("kind", "65535")).kind());
        assertEquals(0, parser.parseEvent(eventWith("kind", "0")).kind());
    }

    @Test
    void createdAtErrors() {
        assertEquals(INVALID_CREATED_AT, eventError(eventWith("created_at", "-5")));
        assertEquals(INVALID_CREATED_AT, eventError(eventWith("created_at", "1700000000.5")));
        assertEquals(INVALID_CREATED_AT, eventError(eventWith("created_at", "1700000000.0")));
        assertEquals(INVALID_CREATED_AT, eventError(eventWith("created_at", "17e8")));
        assertEquals(INVALID_CREATED_AT, eventError(eventWith("created_at", "\"1700000000\"")));
        assertEquals(INVALID_CREATED_AT, eventError(eventWith("created_at", "9007199254740992")));
        assertEquals(INVALID_CREATED_AT, eventError(eventWith("created_at", "99999999999999999999")));
        assertEquals(9007199254740991L, parser.parseEvent(eventWith("created_at", "9007199254740991")).createdAt());
        NostrParseException e = assertThrows(NostrParseException.class,
                () -> parser.parseEvent(eventWith("created_at", "-5")));
        assertEquals("invalid: created_at must not be negative", e.getMessage());
    }

    @Test
    void tagErrors() {
        assertEquals(INVALID_TAGS, eventError(eventWith("tags", "{}")));
        assertEquals(INVALID_TAGS, eventError(eventWith("tags", "[\"t\"]")));
        assertEquals(INVALID_TAGS, eventError(eventWith("tags", "[[\"t\",1]]")));
        assertEquals(INVALID_TAGS, eventError(eventWith("tags", "[[\"t\",null]]")));
        assertEquals(INVALID_TAGS, eventError(eventWith("tags", "[[[\"t\"]]]")));
        NostrParseException e = assertThrows(NostrParseException.class,
                () -> parser.parseEvent(eventWith("tags", "[[\"a\"],[\"t\",true]]")));
        assertEquals("invalid: tags[1][1] must be a string", e.getMessage());
        assertEquals(List.of(List.of(), List.of("x")), parser.parseEvent(eventWith("tags", "[[],[\"x\"]]")).tags());
    }

    @Test
    void contentErrors() {
        assertEquals(INVALID_CONTENT, eventError(eventWith("content", "null")));
        assertEquals(INVALID_CONTENT, eventError(eventWith("content", "{\"a\":1}")));
    }

    @Test
    void missingAndUnknownAndDuplicateFields() {
        for (String f : List.of("id", "pubkey", "created_at", "kind", "tags", "content", "sig")) {
            NostrParseException e = assertThrows(NostrParseException.class, () -> parser.parseEvent(eventWith(f, null)));
            assertEquals(MISSING_FIELD, e.reason());
            assertEquals("invalid: event is missing field \"" + f + "\"", e.getMessage());
        }
        assertEquals(UNKNOWN_FIELD, eventError(EVENT.replace("{\"created_at\"", "{\"extra\":1,\"created_at\"")));
        assertEquals(DUPLICATE_KEY, eventError(EVENT.replace("{\"created_at\"", "{\"kind\":1,\"created_at\"")));
        assertEquals(WRONG_TYPE, eventError("[1,2]"));
        assertEquals(WRONG_TYPE, eventError("\"x\""));
    }

    @Test
    void jsonLevelErrors() {
        assertEquals(MALFORMED_JSON, eventError(""));
        assertEquals(MALFORMED_JSON, eventError("   "));
        assertEquals(MALFORMED_JSON, eventError("{"));
        assertEquals(MALFORMED_JSON, eventError(EVENT.replace("\"kind\":1", "\"kind\":NaN")));
        assertEquals(MALFORMED_JSON, eventError(EVENT.replace("\"kind\":1", "\"kind\":01")));
        assertEquals(MALFORMED_JSON, eventError(EVENT.replace("{\"created_at\"", "{/*c*/\"created_at\"")));
        assertEquals(MALFORMED_JSON, eventError(EVENT.replace("{\"created_at\"", "{'created_at'")));
        assertEquals(MALFORMED_JSON, eventError(EVENT.replace("]]", "],]")));
        assertEquals(MALFORMED_JSON, assertThrows(NostrParseException.class,
                () -> parser.parseEvent(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'})).reason());
        assertEquals(TRAILING_DATA, eventError(EVENT + " {}"));
        assertEquals(TRAILING_DATA, eventError(EVENT + "x"));
        assertEquals(EVENT.length(), EVENT.length()); // trailing whitespace is fine:
        parser.parseEvent(EVENT + " \n");
    }

    @Test
    void sizeNestingAndNumberLimits() {
        String big = eventWith("content", "\"" + "a".repeat(128 * 1024) + "\"");
        assertEquals(TOO_LARGE, eventError(big));
        assertEquals(TOO_LARGE, assertThrows(NostrParseException.class,
                () -> parser.parseEvent(big.getBytes(StandardCharsets.UTF_8))).reason());
        // 50k three-byte characters: under the limit in chars, over it in UTF-8 bytes
        assertEquals(TOO_LARGE, eventError(eventWith("content", "\"" + "\u4e2d".repeat(50_000) + "\"")));
        NostrParser small = new NostrParser(new NostrParser.Limits(1024, 8, 20));
        assertEquals(TOO_LARGE, assertThrows(NostrParseException.class,
                () -> small.parseEvent(eventWith("content", "\"" + "a".repeat(1000) + "\""))).reason());
        // Depth 5 under a depth-4 limit: Jackson stops at the fifth bracket, before type checks.
        NostrParser shallow = new NostrParser(new NostrParser.Limits(1024, 4, 20));
        String deep = "[\"EVENT\"," + eventWith("tags", "[[\"t\",[\"x\"]]]") + "]";
        assertEquals(LIMIT_EXCEEDED, assertThrows(NostrParseException.class,
                () -> shallow.parseClientMessage(deep)).reason());
        assertEquals(INVALID_TAGS, assertThrows(NostrParseException.class,
                () -> parser.parseClientMessage(deep)).reason());
        assertEquals(LIMIT_EXCEEDED, eventError(eventWith("kind", "1" + "0".repeat(40))));
    }

    @Test
    void clientMessagesRoundTrip() {
        List<String> inputs = List.of(
                "[\"EVENT\"," + EVENT + "]",
                "[\"REQ\",\"sub1\",{\"kinds\":[1,3],\"#e\":[\"" + ID + "\"],\"since\":10},{\"authors\":[\"" + PK + "\"]}]",
                "[\"COUNT\",\"c\",{\"limit\":5}]",
                "[\"CLOSE\",\"sub1\"]",
                "[\"AUTH\"," + EVENT + "]");
        for (String in : inputs) {
            ClientMessage m = parser.parseClientMessage(in);
            assertEquals(m, parser.parseClientMessage(m.toJson()), in);
            assertEquals(m, parser.parseClientMessage(in.getBytes(StandardCharsets.UTF_8)));
        }
        assertInstanceOf(ClientMessage.EventMessage.class, parser.parseClientMessage(inputs.get(0)));
        ClientMessage.Req req = assertInstanceOf(ClientMessage.Req.class, parser.parseClientMessage(inputs.get(1)));
        assertEquals("sub1", req.subscriptionId());
        assertEquals(2, req.filters().size());
        assertInstanceOf(ClientMessage.Count.class, parser.parseClientMessage(inputs.get(2)));
        assertInstanceOf(ClientMessage.Close.class, parser.parseClientMessage(inputs.get(3)));
        assertInstanceOf(ClientMessage.Auth.class, parser.parseClientMessage(inputs.get(4)));
        assertEquals("[\"CLOSE\",\"sub1\"]", parser.parseClientMessage(inputs.get(3)).toJson());
    }

    @Test
    void relayMessagesRoundTrip() {
        List<String> inputs = List.of(
                "[\"EVENT\",\"sub1\"," + EVENT + "]",
                "[\"OK\",\"" + ID + "\",true,\"\"]",
                "[\"OK\",\"" + ID + "\",false,\"invalid: bad \\\"sig\\\"\"]",
                "[\"EOSE\",\"sub1\"]",
                "[\"CLOSED\",\"sub1\",\"auth-required: log in\"]",
                "[\"NOTICE\",\"hello\\u0001\"]",
                "[\"AUTH\",\"challenge-123\"]",
                "[\"COUNT\",\"c\",{\"count\":42}]",
                "[\"COUNT\",\"c\",{\"count\":7,\"approximate\":true}]");
        for (String in : inputs) {
            RelayMessage m = parser.parseRelayMessage(in);
            assertEquals(m, parser.parseRelayMessage(m.toJson()), in);
            if (!(m instanceof RelayMessage.EventMessage)) {
                assertEquals(in, m.toJson());
            }
        }
        RelayMessage.Ok ok = assertInstanceOf(RelayMessage.Ok.class, parser.parseRelayMessage(inputs.get(2)));
        assertFalse(ok.accepted());
        assertEquals("invalid: bad \"sig\"", ok.message());
        assertInstanceOf(RelayMessage.EventMessage.class, parser.parseRelayMessage(inputs.get(0)));
        assertInstanceOf(RelayMessage.Eose.class, parser.parseRelayMessage(inputs.get(3)));
        assertInstanceOf(RelayMessage.Closed.class, parser.parseRelayMessage(inputs.get(4)));
        assertInstanceOf(RelayMessage.Notice.class, parser.parseRelayMessage(inputs.get(5)));
        assertInstanceOf(RelayMessage.AuthChallenge.class, parser.parseRelayMessage(inputs.get(6)));
        assertEquals(42, assertInstanceOf(RelayMessage.Count.class, parser.parseRelayMessage(inputs.get(7))).count());
    }

    private NostrParseException.Reason clientError(String json) {
        return assertThrows(NostrParseException.class, () -> parser.parseClientMessage(json)).reason();
    }

    private NostrParseException.Reason relayError(String json) {
        return assertThrows(NostrParseException.class, () -> parser.parseRelayMessage(json)).reason();
    }

    @Test
    void messageShapeErrors() {
        assertEquals(WRONG_TYPE, clientError("{\"EVENT\":1}"));
        assertEquals(INVALID_MESSAGE, clientError("[]"));
        assertEquals(INVALID_MESSAGE, clientError("[1,2]"));
        assertEquals(UNKNOWN_MESSAGE, clientError("[\"PUBLISH\",{}]"));
        assertEquals(UNKNOWN_MESSAGE, clientError("[\"event\"," + EVENT + "]"));
        assertEquals(UNKNOWN_MESSAGE, clientError("[\"OK\",\"" + ID + "\",true,\"\"]"));
        assertEquals(INVALID_MESSAGE, clientError("[\"EVENT\"]"));
        assertEquals(INVALID_MESSAGE, clientError("[\"EVENT\"," + EVENT + "," + EVENT + "]"));
        assertEquals(WRONG_TYPE, clientError("[\"EVENT\",\"sub\"]"));
        assertEquals(INVALID_MESSAGE, clientError("[\"REQ\",\"s\"]"));
        assertEquals(INVALID_MESSAGE, clientError("[\"CLOSE\"]"));
        assertEquals(INVALID_MESSAGE, clientError("[\"CLOSE\",\"a\",\"b\"]"));
        assertEquals(INVALID_SUBSCRIPTION_ID, clientError("[\"CLOSE\",\"\"]"));
        assertEquals(INVALID_SUBSCRIPTION_ID, clientError("[\"CLOSE\",\"" + "s".repeat(65) + "\"]"));
        assertEquals(INVALID_SUBSCRIPTION_ID, clientError("[\"REQ\",7,{}]"));
        assertEquals(INVALID_FILTER, clientError("[\"REQ\",\"s\",[]]"));
        assertEquals(MISSING_FIELD, clientError("[\"AUTH\"," + EVENT.replace(",\"kind\":1", "") + "]"));
        NostrParseException e = assertThrows(NostrParseException.class,
                () -> parser.parseClientMessage("[\"AUTH\"," + EVENT.replace(",\"kind\":1", "") + "]"));
        assertEquals("invalid: AUTH: event is missing field \"kind\"", e.getMessage());

        assertEquals(INVALID_ID, relayError("[\"OK\",\"" + ID.toUpperCase() + "\",true,\"\"]"));
        assertEquals(INVALID_MESSAGE, relayError("[\"OK\",\"" + ID + "\",\"true\",\"\"]"));
        assertEquals(INVALID_MESSAGE, relayError("[\"OK\",\"" + ID + "\",true]"));
        assertEquals(INVALID_MESSAGE, relayError("[\"OK\",\"" + ID + "\",true,\"\",1]"));
        assertEquals(INVALID_MESSAGE, relayError("[\"NOTICE\",5]"));
        assertEquals(INVALID_MESSAGE, relayError("[\"EOSE\",\"s\",\"t\"]"));
        assertEquals(INVALID_MESSAGE, relayError("[\"CLOSED\",\"s\"]"));
        assertEquals(INVALID_MESSAGE, relayError("[\"AUTH\",{}]"));
        assertEquals(INVALID_MESSAGE, relayError("[\"COUNT\",\"c\",{\"count\":1.5}]"));
        assertEquals(MISSING_FIELD, relayError("[\"COUNT\",\"c\",{}]"));
        assertEquals(UNKNOWN_FIELD, relayError("[\"COUNT\",\"c\",{\"count\":1,\"x\":2}]"));
        assertEquals(UNKNOWN_MESSAGE, relayError("[\"REQ\",\"s\",{}]"));
        assertEquals(INVALID_SUBSCRIPTION_ID, relayError("[\"EVENT\",\"\"," + EVENT + "]"));
    }

    @Test
    void unknownTypeIsQuotedAndShortenedInTheMessage() {
        NostrParseException e = assertThrows(NostrParseException.class,
                () -> parser.parseClientMessage("[\"X\\n" + "y".repeat(100) + "\"]"));
        assertEquals(UNKNOWN_MESSAGE, e.reason());
        assertTrue(e.getMessage().startsWith("invalid: unknown client message type \"X\\ny"), e.getMessage());
        assertTrue(e.getMessage().length() < 100);
    }

    /** Random byte mutations of valid messages: only NostrParseException (or success) may come out. */
    @Test
    void mutatedInputNeverEscapesWithAnotherException() {
        List<String> seeds = List.of("[\"EVENT\"," + EVENT + "]",
                "[\"REQ\",\"sub1\",{\"kinds\":[1,3],\"#e\":[\"" + ID + "\"],\"since\":10,\"limit\":3}]",
                "[\"OK\",\"" + ID + "\",true,\"\"]", "[\"COUNT\",\"c\",{\"count\":42}]");
        byte[] alphabet = "[]{}\",:0123456789-.eE\\ntfa#\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Random rnd = new Random(42);
        for (int i = 0; i < 4000; i++) {
            byte[] b = seeds.get(i % seeds.size()).getBytes(StandardCharsets.UTF_8);
            int edits = 1 + rnd.nextInt(3);
            for (int k = 0; k < edits; k++) {
                b[rnd.nextInt(b.length)] = alphabet[rnd.nextInt(alphabet.length)];
            }
            try {
                parser.parseClientMessage(b);
            } catch (NostrParseException expected) {
                // fine
            }
            try {
                parser.parseRelayMessage(b);
            } catch (NostrParseException expected) {
                // fine
            }
        }
    }
}
