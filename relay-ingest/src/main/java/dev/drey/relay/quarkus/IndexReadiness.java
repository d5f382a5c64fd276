package dev.drey.relay.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the query index is open and has replayed what the log held at start. */
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
        var b = HealthCheckResponse.named("event-index").status(open && caughtUp)
                .withData("caughtUp", caughtUp);
        if (open) {
            b.withData("events", node.index().size());
        }
        return b.build();
    }
}
