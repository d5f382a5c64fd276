package dev.drey.kafka;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The client settings value, reading it from a configuration, and every client of the log getting it. */
class KafkaClientSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"relay\" password=\"hunter2-very-secret\";";
    private static final KafkaClientSettings SCRAM = KafkaClientSettings.of(Map.of(
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS,
            "ssl.truststore.location", "/etc/kafka/truststore.p12", "ssl.truststore.password", "changeit-secret"));

    @Test
    void readsTheKnownNamesByLookupAndOtherDottedNamesFromTheListing() {
        Map<String, String> config = Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "AWS_MSK_IAM",
                "kafka.sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "kafka.sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler",
                "kafka.ssl.truststore.type", " ",
                "kafka.sasl.login.refresh.buffer.seconds", "120",
                "kafka.bootstrap.servers", "b-1:9098",
                "kafka.acks", "1",
                "relay.kafka.topic-prefix", "m1");
        // The lookup answers for any name (as environment variables do); the listing holds only
        // what property files name.
        List<String> listed = List.of("kafka.sasl.login.refresh.buffer.seconds", "kafka.acks",
                "kafka.bootstrap.servers", "relay.kafka.topic-prefix");
        KafkaClientSettings s = KafkaClientSettings.fromConfig("kafka.", n -> Optional.ofNullable(config.get(n)),
                listed);
        assertEquals(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "AWS_MSK_IAM",
                "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler",
                "sasl.login.refresh.buffer.seconds", "120"), s.values());
        assertEquals("SASL_SSL", s.securityProtocol());
        assertEquals("security.protocol=SASL_SSL, sasl.mechanism=AWS_MSK_IAM", s.describe());
        assertEquals(KafkaClientSettings.NONE,
                KafkaClientSettings.fromConfig("kafka.", n -> Optional.empty(), List.of()));
        assertEquals("security.protocol=PLAINTEXT", KafkaClientSettings.NONE.describe());
    }

    @Test
    void refusesWhatIsNotAClientSettingAndSaslWithoutASaslProtocol() {
        IllegalArgumentException notSecurity = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.of(Map.of("bootstrap.servers", "x:1")));
        assertEquals("Kafka client setting 'bootstrap.servers' is not a security.*, sasl.* or ssl.* setting",
                notSecurity.getMessage());
        IllegalArgumentException forgotProtocol = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.of(Map.of("sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS)));
        assertEquals("SASL settings are given but security.protocol is PLAINTEXT: set security.protocol to "
                + "SASL_SSL or SASL_PLAINTEXT", forgotProtocol.getMessage());
        assertFalse(forgotProtocol.getMessage().contains("hunter2"));
        assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.of(Map.of("security.protocol", "SSL", "sasl.mechanism", "PLAIN")));
        assertThrows(IllegalArgumentException.class, () -> KafkaClientSettings.of(null));
        // TLS without SASL is fine.
        assertEquals("SSL", KafkaClientSettings.of(Map.of("security.protocol", "SSL",
                "ssl.truststore.location", "/t.p12")).securityProtocol());
    }

    @Test
    void toStringAndErrorsNeverShowCredentials() {
        String shown = SCRAM.toString() + " " + new EventLogConfig("b:1", Topics.unprefixed(),
                Duration.ofSeconds(5), Duration.ZERO, 1, (short) 1, Map.of("sasl.jaas.config", JAAS,
                        "compression.type", "zstd"), SCRAM);
        assertFalse(shown.contains("hunter2"), shown);
        assertFalse(shown.contains("changeit"), shown);
        assertTrue(shown.contains("sasl.jaas.config=(redacted)"), shown);
        assertTrue(shown.contains("ssl.truststore.location=/etc/kafka/truststore.p12"), shown);
        assertTrue(shown.contains("compression.type=zstd"), shown);
    }

    /** Constructible without files (SASL_SSL would load a trust store when the client is built). */
    private static final KafkaClientSettings SCRAM_PLAINTEXT = KafkaClientSettings.of(Map.of(
            "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS,
            "ssl.endpoint.identification.algorithm", "https"));

    @Test
    void everyClientOfTheLogAndEveryReaderGetsTheSettings() {
        // Building clients does not connect: no broker needed to see what they were built with.
        EventLogConfig config = EventLogConfig.of("127.0.0.1:9").withDeliveryTimeout(Duration.ofSeconds(2))
                .withClientSettings(SCRAM_PLAINTEXT).withProducerOverrides(Map.of("compression.type", "zstd"));
        try (EventLog log = new EventLog(config)) {
            assertContainsAll(SCRAM_PLAINTEXT, log.producerProperties());
            assertContainsAll(SCRAM_PLAINTEXT, log.adminProperties());
            assertEquals("zstd", log.producerProperties().get("compression.type"));
            assertNull(log.adminProperties().get("compression.type"), "producer tuning stays the producer's");
            assertEquals(SCRAM_PLAINTEXT, log.config().clientSettings());
        }
        assertContainsAll(SCRAM_PLAINTEXT,
                EventLogReader.consumerProperties("127.0.0.1:9", SCRAM_PLAINTEXT, Duration.ofSeconds(2)));
        assertNull(EventLogReader.consumerProperties("127.0.0.1:9", KafkaClientSettings.NONE, Duration.ofSeconds(2))
                .get("security.protocol"));
    }

    @Test
    void securitySettingsPassedAsProducerOverridesReachTheAdminClientToo() {
        // How roast-orchestrator passes them: the topic check must connect the same way.
        try (EventLog log = new EventLog(EventLogConfig.of("127.0.0.1:9").withDeliveryTimeout(Duration.ofSeconds(2))
                .withProducerOverrides(SCRAM_PLAINTEXT.values()))) {
            assertContainsAll(SCRAM_PLAINTEXT, log.adminProperties());
        }
    }

    @Test
    void aCallbackHandlerThatIsNotOnTheClassPathFailsAtOnceNamingIt() {
        KafkaClientSettings iam = KafkaClientSettings.of(Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "AWS_MSK_IAM",
                "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new EventLog(
                EventLogConfig.of("127.0.0.1:9").withClientSettings(iam)).close());
        assertTrue(e.getMessage().startsWith("cannot create the Kafka producer for 127.0.0.1:9 "
                + "(security.protocol=SASL_SSL, sasl.mechanism=AWS_MSK_IAM): "), e.getMessage());
        assertTrue(e.getMessage().contains("software.amazon.msk.auth.iam.IAMClientCallbackHandler"), e.getMessage());
    }

    private static void assertContainsAll(KafkaClientSettings expected, Properties actual) {
        expected.values().forEach((k, v) -> assertEquals(v, actual.get(k), k));
    }
}
