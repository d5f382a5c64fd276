package dev.drey.relay.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drey.kafka.KafkaClientSettings;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * The relay image can authenticate to MSK with IAM: with the settings aws/relay.tf gives it, a Kafka client is
 * built (the IAM login module and callback handler load and configure) without contacting any broker.
 */
class MskIamClientTest {
    @Test
    void theIamSettingsOfTheAwsEnvironmentBuildAClient() {
        KafkaClientSettings iam = KafkaClientSettings.of(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "AWS_MSK_IAM",
                "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler"));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9098");
        iam.applyTo(p);
        try (Admin admin = Admin.create(p)) {
            assertEquals("AWS_MSK_IAM", p.get("sasl.mechanism"));
        }
    }
}
