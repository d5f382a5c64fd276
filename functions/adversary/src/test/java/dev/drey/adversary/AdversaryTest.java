package dev.drey.adversary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario runs against a real federation, as `drey adversary run` builds it, and must pass. */
class AdversaryTest {
    @TempDir
    Path dir;

    static Stream<String> scenarios() {
        return Adversary.names().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theDefenceHolds(String name) {
        AdversaryReport r = Adversary.run(List.of(name), dir, line -> { });
        ScenarioResult s = r.scenarios().get(0);
        assertTrue(s.passed(), s.name() + ": " + s.observed() + " " + s.figures());
        assertTrue(r.passed());
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
