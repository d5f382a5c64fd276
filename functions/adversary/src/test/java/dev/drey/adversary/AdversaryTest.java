package dev.drey.adversary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario that holds on this branch runs against a real federation and must pass. The ones that wait for
 * a defence being built on another branch are listed in {@link #WAITING_FOR} with that branch: after merging it,
 * the lead deletes the line and the scenario becomes part of this test.
 */
class AdversaryTest {
    /** Scenario -> the branch (and finding) whose defence it needs; failing on this branch until then. */
    static final Map<String, String> WAITING_FOR = Map.ofEntries(
            Map.entry("claim-reuse", "fix/signing or fix/pol: one proof-of-life claim, one issuance"),
            Map.entry("stale-claim", "fix/signing or fix/pol: the claim's month must be this month"),
            Map.entry("pin-guess-race", "fix/pol: reserve the failed attempt before evaluating the PIN"),
            Map.entry("orchestrator-redelivery", "fix/signing: a redelivered run re-emits its started session"),
            Map.entry("nonce-rollback", "fix/signing: a nonce used once stays used across a KV rollback"),
            Map.entry("peer-pull-injection", "fix/relay or fix/gateway: peer pull stores only roster authors"),
            Map.entry("mpin-replay", "fix/pol: a 1-pass replay cache in PolVerifier"),
            Map.entry("slow-reader-flood", "fix/relay: bounded write queue and frame limits per connection"),
            Map.entry("transient-kv-failure", "fix/kv: retry a record after a transient KV failure, never skip it"));

    @TempDir
    Path dir;

    static Stream<String> holdingOnThisBranch() {
        return Adversary.names().stream().filter(n -> !WAITING_FOR.containsKey(n));
    }

    @ParameterizedTest
    @MethodSource("holdingOnThisBranch")
    void theDefenceHolds(String name) {
        AdversaryReport r = Adversary.run(List.of(name), dir, line -> { });
        ScenarioResult s = r.scenarios().get(0);
        assertTrue(s.passed(), s.name() + ": " + s.observed() + " " + s.figures());
        assertTrue(r.passed());
    }

    @Test
    void theWaitingListNamesOnlyScenarios() {
        assertTrue(Adversary.names().containsAll(WAITING_FOR.keySet()), WAITING_FOR.keySet().toString());
    }

    @Test
    void anUnknownScenarioIsRefusedBeforeAnythingRuns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Adversary.run(List.of("auth-replay", "nope"), dir, line -> { }));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void theReportIsOneObjectAndFailsIfAnyScenarioFailed() throws Exception {
        ScenarioResult ok = new ScenarioResult("a", true, "x", "y", Outcome.measured("n", 0), 5);
        ScenarioResult bad = new ScenarioResult("b", false, "x", "z", Outcome.measured("m", 2, "k", List.of(1)), 7);
        AdversaryReport r = AdversaryReport.of(List.of(ok, bad));
        assertFalse(r.passed());
        JsonNode j = new ObjectMapper().readTree(r.toJson());
        assertFalse(j.get("passed").asBoolean());
        JsonNode b = j.get("scenarios").get(1);
        assertEquals("b", b.get("name").asText());
        assertEquals(2, b.get("figures").get("m").asInt());
        assertEquals(1, b.get("figures").get("k").get(0).asInt());
        assertEquals(7, b.get("ms").asLong());
        assertTrue(AdversaryReport.of(List.of(ok)).passed());
        assertFalse(AdversaryReport.of(List.of()).passed(), "nothing run is not a pass");
    }
}
