package dev.drey.relay.quarkus;

import dev.drey.kafka.KafkaClientSettings;
import org.eclipse.microprofile.config.Config;

/**
 * The relay's Kafka client settings (security protocol, SASL, TLS) from {@code kafka.<client
 * setting>}, the names the functions read too: {@code kafka.security.protocol} or
 * {@code KAFKA_SECURITY_PROTOCOL}, {@code kafka.sasl.jaas.config} or {@code KAFKA_SASL_JAAS_CONFIG},
 * ... (every name of {@link KafkaClientSettings#NAMES} works as an environment variable; other
 * {@code kafka.sasl.*}, {@code kafka.ssl.*} and {@code kafka.security.*} names work from
 * application.properties or {@code -D}). Every Kafka client of the relay gets them.
 */
final class KafkaClientConfig {
    static final String PREFIX = "kafka.";

    private KafkaClientConfig() {
    }

    static KafkaClientSettings read(Config config) {
        return KafkaClientSettings.fromConfig(PREFIX, name -> config.getOptionalValue(name, String.class),
                config.getPropertyNames());
    }
}
