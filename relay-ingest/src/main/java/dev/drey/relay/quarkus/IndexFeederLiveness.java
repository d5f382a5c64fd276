package dev.drey.relay.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the index feeder thread runs: once it died (out of memory, a bug) the index no
 * longer follows the log, and only a restart repairs that.
 */
@Liveness
@ApplicationScoped
public class IndexFeederLiveness implements HealthCheck {

    @Inject
    RelayRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        var feeder = runtime.node().feeder();
        return check(feeder.isRunning(), feeder.failure(), feeder.rejectedCount());
    }

    static HealthCheckResponse check(boolean running, String failure, long rejectedRecords) {
        var b = HealthCheckResponse.named("index-feeder").status(running).withData("rejectedRecords", rejectedRecords);
        if (!failure.isEmpty()) {
            b.withData("failure", failure);
        }
        return b.build();
    }
}
