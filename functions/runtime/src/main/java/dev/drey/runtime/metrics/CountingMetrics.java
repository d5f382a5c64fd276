package dev.drey.runtime.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts in memory, keyed {@code name{v1,v2}} with label values bounded as the deployables bound them:
 * for tests and the in-process devnet's report, where no metrics library runs.
 */
public final class CountingMetrics implements DreyMetrics {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    @Override
    public void increment(DreyMetric metric, String... labelValues) {
        counts.computeIfAbsent(key(metric, labelValues), k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void record(DreyMetric metric, Duration elapsed, String... labelValues) {
        increment(metric, labelValues);
    }

    /** How often {@code metric} was counted (or, for a timer, observed) with exactly these label values. */
    public long count(DreyMetric metric, String... labelValues) {
        AtomicLong c = counts.get(key(metric, labelValues));
        return c == null ? 0 : c.get();
    }

    /** Everything counted, sorted by key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static String key(DreyMetric metric, String... labelValues) {
        List<DreyMetric.Label> labels = metric.labels();
        if (labelValues.length != labels.size()) {
            throw new IllegalArgumentException(metric.metricName() + " takes " + labels.size() + " label values, got "
                    + labelValues.length);
        }
        StringBuilder b = new StringBuilder(metric.metricName()).append('{');
        for (int i = 0; i < labelValues.length; i++) {
            b.append(i == 0 ? "" : ",").append(metric.bounded(i, labelValues[i]));
        }
        return b.append('}').toString();
    }
}
