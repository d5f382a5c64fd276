package dev.drey.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.runtime.metrics.DreyMetric;
import dev.drey.runtime.metrics.Labels;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The names the binding really exports (scraped from a Prometheus registry with every metric touched) are the
 * names {@link DreyMetric} declares, and the Grafana dashboard in infra/grafana asks only for those.
 */
class ExportedNamesTest {
    private static final Pattern SERIES = Pattern.compile("^([a-z_:][a-z0-9_:]*)[{ ]", Pattern.MULTILINE);
    private static final Pattern DREY_NAME = Pattern.compile("\\bdrey_[a-z0-9_]+");

    /** Every series name starting with drey_ in a scrape with every metric touched. */
    static Set<String> exportedNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerDreyMetrics m = new MicrometerDreyMetrics(registry);
        for (DreyMetric metric : DreyMetric.values()) {
            String[] labels = metric.labels().stream().map(l -> l.isConfigured() ? "x" : l.values().iterator().next())
                    .toArray(String[]::new);
            if (metric.readAtScrape() && metric.type() == DreyMetric.Type.COUNTER) {
                m.counterOf(metric, () -> 3, labels);
                continue;
            }
            switch (metric.type()) {
                case COUNTER -> m.increment(metric, labels);
                case TIMER -> m.record(metric, Duration.ofMillis(5), labels);
                case GAUGE -> m.gauge(metric, () -> 1.0, labels);
            }
        }
        Set<String> names = new TreeSet<>();
        Matcher s = SERIES.matcher(registry.scrape());
        while (s.find()) {
            if (s.group(1).startsWith("drey_")) {
                names.add(s.group(1));
            }
        }
        return names;
    }

    @Test
    void theRegistryOfNamesIsWhatIsExported() {
        Set<String> declared = new TreeSet<>();
        for (DreyMetric metric : DreyMetric.values()) {
            declared.addAll(metric.exportedNames());
        }
        assertEquals(declared, exportedNames());
    }

    @Test
    void theDashboardAsksOnlyForExportedMetrics() throws IOException {
        Path dashboard = Path.of(System.getProperty("drey.root", "../.."), "infra", "grafana", "drey-miner.json");
        JsonNode root = new ObjectMapper().readTree(Files.readString(dashboard));
        Set<String> asked = new TreeSet<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher n = DREY_NAME.matcher(target.path("expr").asText());
                while (n.find()) {
                    asked.add(n.group());
                }
            }
        }
        assertFalse(asked.isEmpty(), "the dashboard has no drey_ queries");
        Set<String> unknown = new TreeSet<>(asked);
        unknown.removeAll(exportedNames());
        assertTrue(unknown.isEmpty(), "the dashboard asks for metrics nobody exports: " + unknown);
        for (DreyMetric metric : DreyMetric.values()) {
            assertTrue(metric.exportedNames().stream().anyMatch(asked::contains),
                    "the dashboard shows nothing of " + metric.metricName());
        }
    }

    @Test
    void labelValuesOutsideTheFixedSetAreCountedAsOther() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerDreyMetrics m = new MicrometerDreyMetrics(registry);
        m.relayEventRefused("attacker-chosen-" + System.nanoTime());
        m.relayEventRefused("rate-limited");
        m.functionRecord("signer", "99999", Labels.HANDLED);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("drey_relay_events_refused_total{reason=\"other\"} 1.0"), scrape);
        assertTrue(scrape.contains("drey_relay_events_refused_total{reason=\"rate-limited\"} 1.0"), scrape);
        assertTrue(scrape.contains("kind=\"other\""), scrape);
        assertFalse(scrape.contains("attacker-chosen"), scrape);
    }
}
