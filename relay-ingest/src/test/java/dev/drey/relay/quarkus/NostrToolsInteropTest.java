package dev.drey.relay.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.relay.TestKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** nostr-tools (Node, over the ws package) as an independent client of the running relay. */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NostrToolsInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of(System.getProperty("interop.dir", "."));

    @TestHTTPResource("/")
    URL root;

    private JsonNode result;

    /** Control characters, quotes, backslashes, U+2028/U+2029, emoji and lone-looking surrogate pairs. */
    static List<String> trickyContents() {
        List<String> out = new ArrayList<>();
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        out.add("controls:" + controls + ":end");
        out.add("quotes \" and backslashes \\ and \\\" and \\\\n");
        out.add("line separators \u2028 and \u2029");
        out.add("emoji 😀🇩🇪👩‍👩‍👧 and non-BMP \uD800\uDC00 \uDBFF\uDFFF");
        out.add("mixed \u0000\"\\\u2028😀\u007f\u0080\u00ff\uffff");
        out.add("");
        out.add("/ slashes </script> & <>");
        return out;
    }

    @BeforeAll
    void runNostrTools() throws Exception {
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            throw new IllegalStateException("node_modules missing in " + DIR + ": run `npm ci` there");
        }
        ObjectNode input = JSON.createObjectNode();
        input.put("url", "ws://" + root.getHost() + ":" + root.getPort() + "/");
        ObjectNode keys = input.putObject("keys");
        for (TestKeys k : TestKeys.values()) {
            keys.put(k.name().toLowerCase(), k.secretHex());
        }
        var contents = input.putArray("contents");
        trickyContents().forEach(contents::add);
        Process p = new ProcessBuilder("node", DIR.resolve("src/test/node/relay-interop.mjs").toString())
                .directory(DIR.toFile()).start();
        p.getOutputStream().write(JSON.writeValueAsBytes(input));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("nostr-tools client failed: " + new String(err, StandardCharsets.UTF_8));
        }
        result = JSON.readTree(out);
    }

    private JsonNode scenario(String name) {
        JsonNode n = result.get(name);
        assertFalse(n.has("error"), () -> name + " failed in Node: " + n.get("error").asText());
        return n;
    }

    private static void assertRefused(JsonNode outcome, String prefix) {
        assertFalse(outcome.get("ok").asBoolean(), outcome.toString());
        assertTrue(outcome.get("reason").asText().startsWith(prefix + ": "), outcome.toString());
    }

    @Test
    void allowedWriteThenReadBackWithEose() {
        JsonNode r = scenario("writeThenRead");
        assertTrue(r.get("published").get("ok").asBoolean(), r.toString());
        assertTrue(r.get("eose").asBoolean(), r.toString());
        assertEquals(1, r.get("events").size());
        assertEquals(r.get("id").asText(), r.get("events").get(0).get("id").asText());
    }

    @Test
    void blockedAuthor() {
        assertRefused(scenario("blockedAuthor"), "blocked");
    }

    @Test
    void badIdAndBadSignature() {
        JsonNode r = scenario("badIdAndSignature");
        assertRefused(r.get("badId"), "invalid");
        assertRefused(r.get("badSig"), "invalid");
    }

    @Test
    void reqBeforeAuth() {
        JsonNode r = scenario("reqBeforeAuth");
        assertFalse(r.get("eose").asBoolean(), r.toString());
        assertTrue(r.get("closed").asText().startsWith("auth-required: "), r.toString());
    }

    @Test
    void authSuccessAndEachFailure() {
        JsonNode r = scenario("auth");
        assertTrue(r.get("success").get("ok").asBoolean(), r.toString());
        for (String failure : List.of("wrongChallenge", "wrongRelay", "wrongKind", "stale")) {
            assertRefused(r.get(failure), "invalid");
        }
        assertTrue(r.get("wrongChallenge").get("reason").asText().contains("challenge"));
        assertTrue(r.get("wrongRelay").get("reason").asText().contains("relay"));
        assertTrue(r.get("wrongKind").get("reason").asText().contains("22242"));
        assertTrue(r.get("stale").get("reason").asText().contains("created_at"));
        assertRefused(r.get("nonMember"), "restricted");
        assertTrue(r.get("nonMemberRead").get("closed").asText().startsWith("auth-required: "));
    }

    @Test
    void trickyContentRoundTripsWithTheSameId() {
        JsonNode r = scenario("trickyContent");
        assertTrue(r.get("eose").asBoolean());
        JsonNode sent = r.get("sent");
        assertEquals(trickyContents().size(), sent.size());
        for (JsonNode s : sent) {
            assertTrue(s.get("published").get("ok").asBoolean(), s.toString());
        }
        assertEquals(sent.size(), r.get("received").size());
        for (JsonNode got : r.get("received")) {
            assertEquals(got.get("id").asText(), got.get("hash").asText(), "nostr-tools recomputes the same id");
            assertTrue(got.get("valid").asBoolean());
            boolean matched = false;
            for (JsonNode s : sent) {
                if (s.get("id").asText().equals(got.get("id").asText())) {
                    assertEquals(s.get("content").asText(), got.get("content").asText());
                    matched = true;
                }
            }
            assertTrue(matched, got.toString());
        }
    }

    @Test
    void giftWrapReachesOnlyItsRecipient() {
        JsonNode r = scenario("giftWrap");
        assertRefused(r.get("fromAnonymous"), "auth-required");
        assertTrue(r.get("published").get("ok").asBoolean(), r.toString());
        assertEquals(1, r.get("bob").size());
        assertEquals(r.get("id").asText(), r.get("bob").get(0).asText());
        assertEquals(0, r.get("carol").size());
    }

    private static List<String> sentIds(JsonNode r, int... indexes) {
        List<String> out = new ArrayList<>();
        for (int i : indexes) {
            out.add(r.get("sent").get(i).get("id").asText());
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void filtersSinceUntilLimitTagsAndOr() {
        JsonNode r = scenario("filters");
        for (JsonNode s : r.get("sent")) {
            assertTrue(s.get("published").get("ok").asBoolean(), s.toString());
        }
        // sent[i] has created_at base+i, kind 7 when i is odd, x tag v(i % 3); answers newest first.
        assertEquals(sentIds(r, 3, 2, 1), texts(r.get("sinceUntil")), "since and until are inclusive");
        assertEquals(sentIds(r, 5, 4), texts(r.get("limit")));
        assertEquals(sentIds(r, 5, 3, 1), texts(r.get("tagAndKind")));
        assertEquals(sentIds(r, 3, 0), texts(r.get("twoTags")));
        assertEquals(sentIds(r, 2, 1), texts(r.get("tagValuesOr")));
        assertEquals(sentIds(r, 4, 1), texts(r.get("filtersOr")));
        assertEquals(sentIds(r, 5), texts(r.get("authorsAndKinds")));
    }

    @Test
    void replaceableAndAddressableKeepTheNewest() {
        JsonNode r = scenario("replaceable");
        assertTrue(r.get("publishedMiddle").get("ok").asBoolean(), r.toString());
        assertTrue(r.get("publishedNewest").get("ok").asBoolean(), r.toString());
        assertEquals(List.of(r.get("middle").asText()), texts(r.get("afterOlder")), "older never replaces newer");
        assertEquals(List.of(r.get("newest").asText()), texts(r.get("afterNewest")));
        assertEquals(List.of("x2", "y1"), texts(r.get("addressable")));
    }

    @Test
    void ephemeralIsDeliveredLiveAndNeverStored() {
        JsonNode r = scenario("ephemeral");
        assertTrue(r.get("published").get("ok").asBoolean(), r.toString());
        assertEquals(List.of(r.get("id").asText()), texts(r.get("live")));
        assertEquals(List.of(), texts(r.get("stored")));
    }

    @Test
    void duplicatesAreAcknowledgedOnceStoredOnce() {
        JsonNode r = scenario("duplicates");
        assertTrue(r.get("first").get("ok").asBoolean(), r.toString());
        assertTrue(r.get("second").get("ok").asBoolean(), r.toString());
        assertTrue(r.get("second").get("reason").asText().startsWith("duplicate: "), r.toString());
        assertEquals(1, r.get("count").asInt());
    }

    @Test
    void limitsAreEnforcedWithClearReasons() {
        JsonNode r = scenario("limits");
        assertRefused(r.get("tooManyTags"), "invalid");
        assertTrue(r.get("tooManyTags").get("reason").asText().contains("tags"), r.toString());
        assertRefused(r.get("future"), "invalid");
        assertTrue(r.get("future").get("reason").asText().contains("created_at"), r.toString());
        assertFalse(r.get("huge").get("ok").asBoolean(), r.toString());
        assertTrue(r.get("tooManyFilters").asText().startsWith("invalid: "), r.toString());
        assertTrue(r.get("stillServing").asBoolean(), "the connection survives every refusal");
    }

    @Test
    void liveEventAfterEose() {
        JsonNode r = scenario("live");
        assertTrue(r.get("eose").asBoolean());
        assertEquals(1, r.get("got").size(), r.toString());
        assertEquals(r.get("id").asText(), r.get("got").get(0).asText());
    }
}
