package dev.drey.adversary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One scenario's line of the report: its name, whether it passed, what was expected and observed, figures, time. */
public record ScenarioResult(String name, boolean passed, String expected, String observed, Map<String, Object> figures,
        long ms) {
    public ScenarioResult {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
}
