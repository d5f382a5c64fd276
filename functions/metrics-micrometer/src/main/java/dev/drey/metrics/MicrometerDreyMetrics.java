package dev.drey.metrics;

import dev.drey.runtime.metrics.DreyMetric;
import dev.drey.runtime.metrics.DreyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * {@link DreyMetrics} on a Micrometer registry (the Quarkus deployables' Prometheus registry at
 * {@code /q/metrics}). Meter names and help come from {@link DreyMetric}; label values are bounded there.
 * Timers publish a histogram (Prometheus {@code _bucket} series) for latency quantiles in Grafana. Meters
 * without labels that the core reports are registered at once, so they are scraped (at zero) before anything
 * happens; those read at scrape time ({@link DreyMetric#readAtScrape()}) the deployable registers with
 * {@link #gauge} and {@link #counterOf}.
 */
public final class MicrometerDreyMetrics implements DreyMetrics {
    private static final System.Logger LOG = System.getLogger(MicrometerDreyMetrics.class.getName());

    private final MeterRegistry registry;

    public MicrometerDreyMetrics(MeterRegistry registry) {
        if (registry == null) {
            throw new IllegalArgumentException("metrics: a registry is required");
        }
        this.registry = registry;
        for (DreyMetric m : DreyMetric.values()) {
            if (m.readAtScrape()) {
                continue; // registered by the deployable with what it reads (gauge, counterOf)
            }
            if (m.labels().isEmpty() && m.type() == DreyMetric.Type.COUNTER) {
                counter(m, Tags.empty());
            } else if (m.labels().isEmpty() && m.type() == DreyMetric.Type.TIMER) {
                timer(m, Tags.empty());
            }
        }
    }

    @Override
    public void increment(DreyMetric metric, String... labelValues) {
        try {
            counter(metric, tags(metric, labelValues)).increment();
        } catch (RuntimeException e) { // a metric never fails a record
            LOG.log(System.Logger.Level.WARNING, "metric " + metric.metricName() + " not counted: " + e.getMessage());
        }
    }

    @Override
    public void record(DreyMetric metric, Duration elapsed, String... labelValues) {
        try {
            timer(metric, tags(metric, labelValues)).record(elapsed.isNegative() ? Duration.ZERO : elapsed);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "metric " + metric.metricName() + " not recorded: " + e.getMessage());
        }
    }

    /** A {@link DreyMetric.Type#GAUGE} read from {@code value} when scraped. */
    public void gauge(DreyMetric metric, DoubleSupplier value, String... labelValues) {
        require(metric, DreyMetric.Type.GAUGE);
        Gauge.builder(metric.metricName(), value::getAsDouble).description(metric.help())
                .tags(tags(metric, labelValues)).strongReference(true).register(registry);
    }

    /** A {@link DreyMetric.Type#COUNTER} kept elsewhere (a component's own running count), read when scraped. */
    public void counterOf(DreyMetric metric, LongSupplier count, String... labelValues) {
        require(metric, DreyMetric.Type.COUNTER);
        FunctionCounter.builder(metric.metricName(), count, c -> (double) c.getAsLong()).description(metric.help())
                .tags(tags(metric, labelValues)).register(registry);
    }

    private Counter counter(DreyMetric metric, Tags tags) {
        require(metric, DreyMetric.Type.COUNTER);
        return Counter.builder(metric.metricName()).description(metric.help()).tags(tags).register(registry);
    }

    private Timer timer(DreyMetric metric, Tags tags) {
        require(metric, DreyMetric.Type.TIMER);
        return Timer.builder(metric.metricName()).description(metric.help()).tags(tags)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(15)).register(registry);
    }

    private static void require(DreyMetric metric, DreyMetric.Type type) {
        if (metric.type() != type) {
            throw new IllegalArgumentException(metric.metricName() + " is a " + metric.type() + ", not a " + type);
        }
    }

    private static Tags tags(DreyMetric metric, String... values) {
        List<DreyMetric.Label> labels = metric.labels();
        if (values.length != labels.size()) {
            throw new IllegalArgumentException(metric.metricName() + " takes " + labels.size() + " label values, got "
                    + values.length);
        }
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            tags.add(Tag.of(labels.get(i).name(), metric.bounded(i, values[i])));
        }
        return Tags.of(tags);
    }
}
