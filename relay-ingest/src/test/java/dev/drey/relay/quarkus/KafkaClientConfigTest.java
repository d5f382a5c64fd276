package dev.drey.relay.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drey.kafka.KafkaClientSettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The names the deployment sets (infra/terraform/aws/relay.tf: KAFKA_SECURITY_PROTOCOL, ...) reach
 * the relay's Kafka clients through the same configuration machinery Quarkus uses.
 */
class KafkaClientConfigTest {

    private static SmallRyeConfig config(Map<String, String> env, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, 300), new PropertiesConfigSource(properties, "test", 250))
                .build();
    }

    @Test
    void theMskIamEnvironmentOfTheAwsDeploymentBecomesTheClientSettings() {
        // As infra/terraform/aws/relay.tf sets them on the task.
        SmallRyeConfig c = config(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "b-1.example:9098",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "AWS_MSK_IAM",
                "KAFKA_SASL_JAAS_CONFIG", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS", "software.amazon.msk.auth.iam.IAMClientCallbackHandler",
                "DREY_KMS_KEY_ID", "arn:aws:kms:eu-west-1:1:key/x"), Map.of());
        assertEquals(KafkaClientSettings.of(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "AWS_MSK_IAM",
                "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler")),
                KafkaClientConfig.read(c));
    }

    @Test
    void propertiesWorkToo_environmentWins_blankIsUnset_andNothingMeansPlainText() {
        SmallRyeConfig c = config(Map.of("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SSL_TRUSTSTORE_TYPE", ""),
                Map.of("kafka.security.protocol", "SASL_SSL",
                        "kafka.sasl.mechanism", "PLAIN",
                        "kafka.ssl.truststore.location", "/certs/ca.p12",
                        "kafka.sasl.login.connect.timeout.ms", "15000",
                        "kafka.bootstrap.servers", "ignored:9092"));
        assertEquals(KafkaClientSettings.of(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/certs/ca.p12",
                "sasl.login.connect.timeout.ms", "15000")), KafkaClientConfig.read(c));
        assertEquals(KafkaClientSettings.NONE, KafkaClientConfig.read(config(Map.of(), Map.of())));
    }
}
