package dev.drey.relay.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.relay.TestKeys;
import io.quarkus.test.common.http.TestHTTPResource;
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

    @Test
    void liveEventAfterEose() {
        JsonNode r = scenario("live");
        assertTrue(r.get("eose").asBoolean());
        assertEquals(1, r.get("got").size(), r.toString());
        assertEquals(r.get("id").asText(), r.get("got").get(0).asText());
    }
}
