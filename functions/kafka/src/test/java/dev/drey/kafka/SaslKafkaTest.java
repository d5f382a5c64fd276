package dev.drey.kafka;

import static org.junit.jupiter.api.Assertions.*;

import dev.drey.nostr.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A broker whose only client listener demands SASL/PLAIN: the log and its readers with and without the settings. */
class SaslKafkaTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().saslPlain("drey", "test-secret").build().start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static EventLogConfig config(KafkaClientSettings client) {
        return EventLogConfig.of(kafka.bootstrapServers()).withTopics(Topics.withPrefix("sasl"))
                .withDeliveryTimeout(Duration.ofSeconds(2)).withClientSettings(client);
    }

    @Test
    void theBrokerSaysHowToConnectWithoutShowingThePassword() {
        KafkaClientSettings s = kafka.clientSettings();
        assertEquals("SASL_PLAINTEXT", s.securityProtocol());
        assertEquals("PLAIN", s.values().get("sasl.mechanism"));
        assertTrue(s.values().get("sasl.jaas.config").contains("password=\"test-secret\""));
        assertFalse(s.toString().contains("test-secret"), s.toString());
        assertThrows(IllegalArgumentException.class, () -> EmbeddedKafka.builder().saslPlain("a\"b", "x"));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedKafka.builder().saslPlain("a", ""));
    }

    @Test
    void appendsAndReadsBackWithTheSettings() throws Exception {
        try (EventLog log = new EventLog(config(kafka.clientSettings()))) {
            log.ensureTopics();
            Event e = TestEvents.event(ProtocolKinds.SIGN_REQUEST, "over SASL");
            RecordPosition ack = log.append(e).get(10, TimeUnit.SECONDS);
            List<Event> read = new ArrayList<>();
            try (EventLogReader<LoggedEvent> reader = EventLogReader.events(kafka.bootstrapServers(),
                    kafka.clientSettings(), List.of(ack.topic()))) {
                assertTrue(reader.catchUp(reader.endOffsets(), Duration.ofSeconds(10), (v, p) -> read.add(v.event())));
            }
            assertEquals(List.of(e), read);
        }
    }

    @Test
    void withoutTheSettingsTheTopicCheckFailsWithinTheTimeoutSayingWhatWasUsed() {
        long t0 = System.nanoTime();
        try (EventLog log = new EventLog(config(KafkaClientSettings.NONE))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, log::ensureTopics);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 8_000, "must fail, not hang: " + ms + " ms");
            assertTrue(e.getMessage().startsWith("Kafka at " + kafka.bootstrapServers()
                    + " (security.protocol=PLAINTEXT): Kafka did not answer within 2000 ms"), e.getMessage());
            assertTrue(e.getMessage().endsWith("do the client security settings match its listener?"), e.getMessage());
        }
        IllegalStateException r = assertThrows(IllegalStateException.class, () -> new EventLogReader<>(
                kafka.bootstrapServers(), KafkaClientSettings.NONE, List.of("sasl.drey.sign"),
                new EventRecordCodec()::decode, Duration.ofSeconds(2)));
        assertTrue(r.getMessage().contains("(security.protocol=PLAINTEXT) did not answer within 2000 ms"),
                r.getMessage());
    }

    @Test
    void aWrongPasswordIsAnAuthenticationErrorNotATimeout() {
        KafkaClientSettings wrong = KafkaClientSettings.of(Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"drey\" password=\"nope\";"));
        long t0 = System.nanoTime();
        try (EventLog log = new EventLog(config(wrong))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, log::ensureTopics);
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 2_000, "an authentication error is immediate");
            assertTrue(e.getMessage().contains("(security.protocol=SASL_PLAINTEXT, sasl.mechanism=PLAIN): "
                    + "cannot list Kafka topics: Authentication failed"), e.getMessage());
            assertFalse(e.getMessage().contains("nope"), e.getMessage());
        }
    }
}
