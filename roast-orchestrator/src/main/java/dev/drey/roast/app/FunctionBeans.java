package dev.drey.roast.app;

import dev.drey.metrics.MicrometerDreyMetrics;
import dev.drey.miner.MinerFunctions;
import dev.drey.miner.RequiredSettings;
import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogConfig;
import dev.drey.kafka.Topics;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.KeyValueStores;
import dev.drey.kv.KvConfig;
import dev.drey.runtime.EventLogOutbox;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.KafkaDeadLetters;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.OutboxSink;
import dev.drey.runtime.ReseedableRandom;
import dev.drey.runtime.RetryPolicy;
import dev.drey.runtime.metrics.DreyMetrics;
import dev.drey.secrets.SecretStore;
import dev.drey.secrets.SecretStores;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Quarkus side of the wiring: every object is built by the plain-Java factories ({@link KeyValueStores},
 * {@link SecretStores}, {@link MinerFunctions}) from MicroProfile Config, so application.properties,
 * {@code -D} properties and environment variables ({@code DREY_KV_BACKEND}, {@code DREY_KMS_KEY_ID},
 * {@code KAFKA_BOOTSTRAP_SERVERS}, ...) all work, and nothing here is reflective.
 */
@Singleton
public class FunctionBeans {
    public static final String TOPIC_PREFIX = "drey.kafka.topic-prefix";
    /** Kafka client settings passed on to the outbox producer (MSK IAM auth on AWS). */
    static final List<String> KAFKA_CLIENT_SETTINGS = List.of("security.protocol", "sasl.mechanism",
            "sasl.jaas.config", "sasl.client.callback.handler.class");

    static UnaryOperator<String> settings() {
        Config c = ConfigProvider.getConfig();
        return name -> c.getOptionalValue(name, String.class).filter(v -> !v.isBlank()).orElse(null);
    }

    @Produces
    @Singleton
    KeyValueStore keyValueStore() {
        UnaryOperator<String> s = settings();
        Map<String, String> props = new HashMap<>();
        for (String k : List.of(KvConfig.BACKEND, KvConfig.PATH, KvConfig.FSYNC, KvConfig.REDIS_URL,
                KvConfig.REDIS_PREFIX, KvConfig.DYNAMODB_TABLE, KvConfig.DYNAMODB_REGION, KvConfig.DYNAMODB_ENDPOINT,
                KvConfig.DYNAMODB_CREATE_TABLE)) {
            String v = s.apply(k);
            if (v != null) {
                props.put(k, v);
            }
        }
        return KeyValueStores.open(KvConfig.from(props, Map.of()));
    }

    void close(@Disposes KeyValueStore kv) {
        kv.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    SecretStore secretStore() {
        return SecretStores.open(settings());
    }

    /**
     * The domain metrics on Quarkus' Micrometer registry (Prometheus at /q/metrics); made at start so the metrics
     * are scraped (at zero) even while the function itself cannot be built (readiness DOWN).
     */
    @Produces
    @Singleton
    @Startup
    DreyMetrics metrics(MeterRegistry registry) {
        return new MicrometerDreyMetrics(registry);
    }

    /**
     * The process's only random source, replaced after every snapshot restore ({@link RestoreReseed}; Lambda
     * SnapStart): nothing else in the artifact may make its own {@code SecureRandom}.
     */
    @Produces
    @Singleton
    ReseedableRandom random() {
        ReseedableRandom random = ReseedableRandom.fromOs();
        restoreHook = RestoreReseed.register(random);
        return random;
    }

    /** Held here because CRaC's context references its resources weakly. */
    private RestoreReseed restoreHook;

    @Produces
    @Singleton
    NostrFunction function(KeyValueStore kv, SecretStore secrets, ReseedableRandom random, DreyMetrics metrics) {
        UnaryOperator<String> s = settings();
        String name = s.apply(MinerFunctions.FUNCTION);
        if (name != null) {
            RequiredSettings.check(name.strip(), RequiredSettings.Scope.DEPLOYMENT, s);
        }
        return MinerFunctions.create(s, kv, kv, secrets, random, Clock.systemUTC(), metrics);
    }

    @Produces
    @Singleton
    EventLog eventLog() {
        UnaryOperator<String> s = settings();
        String servers = s.apply("kafka.bootstrap.servers");
        if (servers == null) {
            throw new IllegalArgumentException("kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) is not set");
        }
        String prefix = s.apply(TOPIC_PREFIX);
        Map<String, String> overrides = new HashMap<>();
        for (String k : KAFKA_CLIENT_SETTINGS) {
            String v = s.apply("kafka." + k);
            if (v != null) {
                overrides.put(k, v);
            }
        }
        return new EventLog(EventLogConfig.of(servers).withTopics(Topics.withPrefix(prefix == null ? "" : prefix))
                .withProducerOverrides(overrides));
    }

    void close(@Disposes EventLog log) {
        log.close();
    }

    @Produces
    @Singleton
    OutboxSink outbox(EventLog log) {
        return new EventLogOutbox(log);
    }

    @Produces
    @Singleton
    KafkaDeadLetters deadLetters(EventLog log) {
        return new KafkaDeadLetters(log);
    }

    void close(@Disposes KafkaDeadLetters deadLetters) {
        deadLetters.close();
    }

    @Produces
    @Singleton
    FunctionRunner runner(NostrFunction function, OutboxSink outbox, KafkaDeadLetters deadLetters, DreyMetrics metrics) {
        return new FunctionRunner(function, outbox, deadLetters, RetryPolicy.DEFAULT, metrics);
    }
}
