package dev.drey.adversary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's result: passed only if every scenario passed. */
public record AdversaryReport(boolean passed, List<ScenarioResult> scenarios) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public AdversaryReport {
        scenarios = List.copyOf(scenarios);
    }

    public static AdversaryReport of(List<ScenarioResult> results) {
        return new AdversaryReport(!results.isEmpty() && results.stream().allMatch(ScenarioResult::passed), results);
    }

    /** {@code {"passed", "scenarios": [{"name", "passed", "expected", "observed", "figures", "ms"}]}}. */
    public Map<String, Object> toJsonTree() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("passed", passed);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ScenarioResult r : scenarios) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", r.name());
            s.put("passed", r.passed());
            s.put("expected", r.expected());
            s.put("observed", r.observed());
            s.put("figures", r.figures());
            s.put("ms", r.ms());
            list.add(s);
        }
        o.put("scenarios", list);
        return o;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
