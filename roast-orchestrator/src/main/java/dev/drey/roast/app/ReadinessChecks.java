package dev.drey.roast.app;

import dev.drey.kv.KeyValueStore;
import dev.drey.miner.MinerFunctions;
import dev.drey.runtime.FunctionRunner;
import dev.drey.secrets.SecretStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The function's readiness at {@code /q/health/ready}, one check per thing it needs, so an operator sees which
 * one is missing: the KV store reachable ({@code kv}), the key file opened ({@code key-file}), the federation
 * file valid ({@code federation-file}, the ROAST functions only) and the function built from them and its
 * settings ({@code function}). The Kafka consumer's own check (SmallRye Reactive Messaging, {@code drey-in})
 * adds "consumer connected and assigned" with the local adapter. A check that fails says why (the exception's
 * message: paths and setting names, never a secret); the beans are tried again at the next probe, so a store
 * that comes back turns the check UP without a restart.
 */
@ApplicationScoped
public class ReadinessChecks {
    /** The key the KV check reads: a read proves the store answers; nothing is ever written there. */
    static final String PROBE_KEY = "drey/health/probe";

    @Inject
    Instance<KeyValueStore> kv;

    @Inject
    Instance<SecretStore> secrets;

    @Inject
    Instance<FunctionRunner> runner;

    private final AtomicBoolean federationValid = new AtomicBoolean();

    @Produces
    @Readiness
    HealthCheck kvReachable() {
        return () -> check("kv", () -> {
            kv.get().get(PROBE_KEY);
            return "reachable";
        });
    }

    @Produces
    @Readiness
    HealthCheck keyFileOpened() {
        return () -> check("key-file", () -> {
            secrets.get();
            return "opened";
        });
    }

    @Produces
    @Readiness
    HealthCheck federationFileValid() {
        return () -> check("federation-file", () -> {
            String function = FunctionBeans.settings().apply(MinerFunctions.FUNCTION);
            if (!List.of(MinerFunctions.ORCHESTRATOR, MinerFunctions.SIGNER).contains(function)) {
                return "not used by " + function;
            }
            if (!federationValid.get()) { // parsed once; the file does not change under a running function
                MinerFunctions.federation(FunctionBeans.settings());
                federationValid.set(true);
            }
            return "valid";
        });
    }

    @Produces
    @Readiness
    HealthCheck functionBuilt() {
        return () -> check("function", () -> runner.get().function().name());
    }

    private static HealthCheckResponse check(String name, Supplier<String> probe) {
        try {
            return HealthCheckResponse.named(name).up().withData("state", probe.get()).build();
        } catch (RuntimeException e) {
            // The innermost message says what is missing (CDI wraps a producer's exception).
            String why = e.getClass().getSimpleName();
            for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c.getMessage() != null && !c.getMessage().isBlank()) {
                    why = c.getMessage();
                }
            }
            return HealthCheckResponse.named(name).down().withData("error", why).build();
        }
    }
}
