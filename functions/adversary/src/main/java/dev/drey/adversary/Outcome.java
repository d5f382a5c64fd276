package dev.drey.adversary;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a scenario observed: whether the defence held, in words, and the figures it measured. */
public record Outcome(boolean passed, String observed, Map<String, Object> figures) {
    public Outcome {
        figures = figures == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** Figures in the order given: name, value, name, value, ... */
    public static Map<String, Object> measured(Object... nameValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return m;
    }
}
