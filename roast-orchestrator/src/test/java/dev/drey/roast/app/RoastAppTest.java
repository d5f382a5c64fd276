package dev.drey.roast.app;

import dev.drey.miner.MinerFunctions;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.drey.crypto.frost.Identifier;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.Topics;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import dev.drey.roast.RoastKinds;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The app as deployed (roast-orchestrator, key file sealed with a passphrase, MVStore KV) against a real
 * Kafka broker: the SmallRye consumer path end to end through Kafka, and the Knative path as binary-mode
 * CloudEvent POSTs. Both must publish what the core function, called directly, makes of the same events
 * (the same session start: kind, author, tags and content; its created_at and signature are the app's own).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndKeysResource.class, restrictToAnnotatedClass = true)
class RoastAppTest {
    final TestFederation fed = new TestFederation();
    final Topics topics = KafkaAndKeysResource.TOPICS;

    /** Request {@code n} and t presignatures for it, and what the core function makes of them. */
    record Scenario(List<Event> inputs, Event expected) {
    }

    Scenario scenario(int n) throws Exception {
        Path tmp = Files.createTempDirectory("scenario");
        Event request = fed.signRequest(n);
        List<Event> inputs = new ArrayList<>();
        inputs.add(request);
        for (int i = 1; i <= 3; i++) {
            NostrFunction signer = fed.function(MinerFunctions.SIGNER, Identifier.of(i), tmp.resolve("s" + i + ".mv.db"), n * 10 + i);
            inputs.add(signer.handle(request).outbox().get(0).event());
        }
        NostrFunction direct = fed.function(MinerFunctions.ORCHESTRATOR, null, tmp.resolve("o.mv.db"), 1);
        Event expected = null;
        for (Event e : inputs) {
            FunctionResult r = direct.handle(e);
            if (!r.outbox().isEmpty()) {
                expected = r.outbox().get(0).event();
            }
        }
        assertNotNull(expected);
        assertEquals(RoastKinds.SESSION_START, expected.kind());
        return new Scenario(inputs, expected);
    }

    static void assertSameAnswer(Event expected, Event actual) {
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.pubkey(), actual.pubkey());
        assertEquals(expected.tags(), actual.tags());
        assertEquals(expected.content(), actual.content());
        assertEquals(Verification.VALID, actual.verify());
    }

    /** The outbox record of the session start for {@code expected}'s request. */
    static OutboxRecord awaitOutbox(Event expected) {
        return KafkaAndKeysResource.awaitOutbox(e -> e.content().equals(expected.content()), "session start");
    }

    @Test
    void theKafkaConsumerPathPublishesWhatTheCoreMakes() throws Exception {
        Scenario s = scenario(11);
        KafkaAndKeysResource.append(s.inputs());
        OutboxRecord out = awaitOutbox(s.expected());
        assertSameAnswer(s.expected(), out.event());
        assertEquals(List.of(TestFederation.DEFAULT_RELAY), out.relays());
    }

    @Test
    void theKnativePathAcceptsKafkaSourceCloudEvents() throws Exception {
        Scenario s = scenario(12);
        String published = null;
        long offset = 1000;
        for (Event e : s.inputs()) {
            String body = e.toJson();
            String response = cloudEvent(e, offset++).body(body).post("/").then().statusCode(200)
                    .body(startsWith("{\"records\":1,\"handled\":1,")).extract().asString();
            if (!response.contains("\"published\":[]")) {
                published = response;
            }
        }
        assertNotNull(published, "the last presignature starts a session");
        OutboxRecord out = awaitOutbox(s.expected());
        assertSameAnswer(s.expected(), out.event());
        org.junit.jupiter.api.Assertions.assertTrue(published.contains(out.event().id()), published);
    }

    @Test
    void aMalformedCloudEventIsRefusedWithItsReason() throws Exception {
        Event e = fed.signRequest(13);
        cloudEvent(e, 5).body(e.toJson().replace("\"kind\":3420", "\"kind\":3421")).post("/").then().statusCode(400)
                .body(containsString("\"stage\":\"decode\""))
                .body(containsString("qt.drey.sign-0@5: header drey.kind says 3420 but the event's kind is 3421"));
        cloudEvent(e, 6).body("{\"id\":1}").post("/").then().statusCode(400)
                .body(containsString("qt.drey.sign-0@6: CloudEvent data is not a nostr event"));
        given().header("Content-Type", "application/json").body("{}").post("/").then().statusCode(400)
                .body(containsString("header ce-specversion is missing"));
    }

    /**
     * A PingSource CloudEvent (binary mode, no data: no body, no content type) runs the tick at its ce-time:
     * no run is past its deadline (drey.roast.run-timeout, default PT10M) at the present time.
     */
    @Test
    void theKnativePathTicksOnAPingSourceCloudEvent() {
        long now = Instant.now().getEpochSecond();
        ping(Instant.ofEpochSecond(now).toString()).post("/").then().statusCode(200)
                .contentType(io.restassured.http.ContentType.JSON)
                .body(equalTo("{\"tick\":" + now + ",\"published\":[]}"));
        ping(Instant.ofEpochSecond(now + 3600).toString()).post("/").then().statusCode(400)
                .body(containsString("ahead of this host's clock"));
        ping(null).post("/").then().statusCode(400).body(containsString("header ce-time is missing"));
    }

    static RequestSpecification ping(String time) {
        RequestSpecification r = given().header("Ce-Specversion", "1.0").header("Ce-Type", "dev.knative.sources.ping")
                .header("Ce-Source", "/apis/v1/namespaces/drey/pingsources/roast-orchestrator-tick")
                .header("Ce-Id", "5f1d2c0e-7a4b-4e53-9d0c-2b1e6f3a9c10");
        return time == null ? r : r.header("Ce-Time", time);
    }

    /** /q/metrics exposes the domain metrics, and they move as records are handled (the Knative path: synchronous). */
    @Test
    void metricsMoveWhenRecordsAreHandled() throws Exception {
        String handled = "drey_function_records_total{function=\"roast-orchestrator\",kind=\"3420\",outcome=\"handled\"}";
        String skipped = "drey_function_records_total{function=\"roast-orchestrator\",kind=\"undecodable\",outcome=\"skipped\"}";
        String before = Scrape.metrics();
        Scenario s = scenario(14);
        long offset = 2000;
        for (Event e : s.inputs()) {
            cloudEvent(e, offset++).body(e.toJson()).post("/").then().statusCode(200);
        }
        cloudEvent(s.inputs().get(0), offset).body("{\"id\":1}").post("/").then().statusCode(400);
        String after = Scrape.metrics();
        assertEquals(1, Scrape.value(after, handled) - Scrape.value(before, handled), after);
        assertEquals(1, Scrape.value(after, skipped) - Scrape.value(before, skipped), after);
        assertEquals(1, Scrape.value(after, "drey_roast_sessions_started_total")
                - Scrape.value(before, "drey_roast_sessions_started_total"), after);
        for (dev.drey.runtime.metrics.DreyMetric m : dev.drey.runtime.metrics.DreyMetric.values()) {
            if (m.labels().isEmpty() && !m.readAtScrape()) {
                org.junit.jupiter.api.Assertions.assertTrue(after.contains(m.exportedNames().get(0)),
                        m.metricName() + " is exported from the start");
            }
        }
    }

    @Test
    void readiness() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    RequestSpecification cloudEvent(Event e, long offset) {
        RequestSpecification r = given().header("Content-Type", "application/json");
        for (Map.Entry<String, String> h : CloudEvents.headers(e, topics.topicFor(e.kind()), 0, offset,
                Instant.ofEpochMilli(1_760_000_000_000L)).entrySet()) {
            r = r.header(h.getKey(), h.getValue());
        }
        return r;
    }
}
