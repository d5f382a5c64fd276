package dev.drey.relay.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the query index is open (the Kafka check joins it with the Kafka-backed log). */
@Readiness
@ApplicationScoped
public class IndexReadiness implements HealthCheck {

    @Inject
    RelayRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        boolean ready = runtime.index().isReady();
        var b = HealthCheckResponse.named("event-index").status(ready);
        if (ready) {
            b.withData("events", runtime.index().size());
        }
        return b.build();
    }
}
