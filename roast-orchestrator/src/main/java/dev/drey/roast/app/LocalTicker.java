package dev.drey.roast.app;

import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.FunctionRunner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local adapter's periodic tick ({@code NostrFunction#tick}): every {@value #INTERVAL} (default PT5S)
 * the function gets the system clock's time and its outputs go to the outbox (the ROAST orchestrator fails
 * runs past their deadline). Only with {@code drey.adapter=local}; on Lambda and Knative a scheduler outside
 * the process calls the tick (an EventBridge schedule through {@link LambdaEntry}, a PingSource through
 * {@link CloudEventResource}; see {@link ScheduledTick}). A failed tick is logged and tried again at the next one.
 */
@ApplicationScoped
public class LocalTicker {
    static final String INTERVAL = "drey.tick-interval";
    private static final Logger LOG = Logger.getLogger(LocalTicker.class.getName());

    /** Resolved at each tick, not at start: a function that cannot be built (key file missing) leaves the
     *  process up with readiness DOWN ({@link ReadinessChecks}) instead of failing the start. */
    @Inject
    Provider<FunctionRunner> runners;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent started) {
        UnaryOperator<String> s = FunctionBeans.settings();
        String adapter = s.apply("drey.adapter");
        boolean local = adapter == null ? System.getenv("AWS_LAMBDA_RUNTIME_API") == null
                : adapter.strip().equals("local");
        if (!local) {
            return;
        }
        Duration every = interval(s.apply(INTERVAL));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drey-tick");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        FunctionRunner runner;
        try {
            runner = runners.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tick skipped, the function is not ready: {0}", e.getMessage());
            return;
        }
        try {
            BatchOutcome o = runner.tick(Clock.systemUTC().instant().getEpochSecond());
            for (String note : o.notes()) {
                LOG.log(Level.WARNING, "{0} tick: {1}", new Object[] {runner.function().name(), note});
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0} tick failed (tried again at the next): {1}",
                    new Object[] {runner.function().name(), e.toString()});
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    static Duration interval(String v) {
        if (v == null || v.isBlank()) {
            return Duration.ofSeconds(5);
        }
        try {
            Duration d = Duration.parse(v.strip().toUpperCase(Locale.ROOT));
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(INTERVAL + " must be positive, was '" + v + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(INTERVAL + " must be an ISO-8601 duration such as PT5S, was '" + v + "'");
        }
    }
}
