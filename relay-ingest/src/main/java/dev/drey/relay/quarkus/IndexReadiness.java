package dev.drey.relay.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the query index is open, has replayed what the log held at start, and its feeder
 * still runs (a dead feeder means a frozen index: the relay would acknowledge writes it never serves).
 */
@Readiness
@ApplicationScoped
public class IndexReadiness implements HealthCheck {

    @Inject
    RelayRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        var node = runtime.node();
        boolean open = node.index().isReady();
        boolean caughtUp = node.feeder().caughtUp().isDone();
        boolean feeding = node.feeder().isRunning();
        var b = HealthCheckResponse.named("event-index").status(open && caughtUp && feeding)
                .withData("caughtUp", caughtUp).withData("feederRunning", feeding);
        if (open) {
            b.withData("events", node.index().size());
        }
        return b.build();
    }
}
