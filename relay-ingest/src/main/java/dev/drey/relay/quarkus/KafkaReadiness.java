package dev.drey.relay.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Kafka answers: without it no event can be acknowledged. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    @Inject
    RelayRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        var result = runtime.node().kafkaHealth();
        var b = HealthCheckResponse.named("kafka").status(result.up()).withData("brokers", result.brokers());
        String feederError = runtime.node().feeder().lastError();
        if (!result.up()) {
            b.withData("error", result.error());
        }
        if (!feederError.isEmpty()) {
            b.withData("indexFeeder", feederError);
        }
        return b.build();
    }
}
