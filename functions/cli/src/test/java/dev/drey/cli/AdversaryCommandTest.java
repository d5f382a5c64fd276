package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.adversary.Adversary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code drey adversary}: the names, the usage errors, and one real run's JSON and exit code. */
class AdversaryCommandTest {
    /** The scenario names of issue 11, in the order {@code --all} runs them. */
    static final List<String> NAMES = List.of("unauthorised-sign-request", "claim-reuse", "stale-claim",
            "pin-guess-race", "dkg-equivocation", "orchestrator-redelivery", "nonce-rollback", "auth-replay",
            "peer-pull-injection", "early-message-flood", "mpin-replay", "slow-reader-flood", "transient-kv-failure",
            "dead-recipient", "vote-chosen-subset");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int drey(String... args) {
        CommandLine cl = Drey.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void listPrintsEveryScenarioNameOneALine() {
        assertEquals(0, drey("adversary", "list"));
        assertEquals(NAMES, out.toString().lines().toList());
        assertEquals(NAMES, Adversary.names());
    }

    @Test
    void usageErrorsExit64() {
        assertEquals(Drey.EXIT_USAGE, drey("adversary"));
        assertEquals(Drey.EXIT_USAGE, drey("adversary", "run"));
        assertEquals(Drey.EXIT_USAGE, drey("adversary", "run", "--all", "auth-replay"));
        assertEquals(Drey.EXIT_USAGE, drey("adversary", "run", "no-such-attack"));
        assertTrue(err.toString().contains("no-such-attack"), err.toString());
        assertEquals("", out.toString(), "nothing on stdout for a usage error");
    }

    @Test
    void aRunPrintsOneJsonObjectAndItsExitCodeFollowsTheVerdict() throws Exception {
        int code = drey("adversary", "run", "auth-replay", "--json", "--data-dir", dir.toString());
        JsonNode report = Json.MAPPER.readTree(out.toString());
        assertEquals(List.of("passed", "scenarios"), fieldNames(report));
        JsonNode s = report.get("scenarios").get(0);
        assertEquals(List.of("name", "passed", "expected", "observed", "figures", "ms"), fieldNames(s));
        assertEquals("auth-replay", s.get("name").asText());
        assertTrue(s.get("figures").isObject());
        assertTrue(s.get("ms").asLong() > 0);
        assertEquals(report.get("passed").asBoolean(), s.get("passed").asBoolean());
        assertEquals(report.get("passed").asBoolean() ? 0 : Drey.EXIT_FAILURE, code);
        assertTrue(report.get("passed").asBoolean(), "auth-replay holds on this branch: " + s);
        assertTrue(err.toString().contains("drey adversary: auth-replay"), "progress goes to stderr");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
