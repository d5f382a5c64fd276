package dev.drey.relay.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.ClientMessage;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.TestKeys;
import dev.drey.relay.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaResource.class)
class RelayAppTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void nip11DocumentWithCorsAndTheRealLimits() {
        given().header("Accept", "application/nostr+json").get("/")
                .then().statusCode(200)
                .contentType("application/nostr+json")
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", "*")
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .body("name", equalTo("drey-miner relay"))
                .body("supported_nips", contains(1, 11, 42, 70))
                .body("limitation.max_message_length", equalTo(131072))
                .body("limitation.max_subscriptions", equalTo(50))
                .body("limitation.max_limit", equalTo(5000))
                .body("limitation.max_event_tags", equalTo(2000))
                .body("limitation.created_at_upper_limit", equalTo(900))
                .body("limitation.auth_required", equalTo(true))
                .body("limitation.restricted_writes", equalTo(true))
                .body("limitation.rate_limits.per_connection.per_second", equalTo(500));
    }

    @Test
    void plainGetAndPreflight() {
        given().header("Accept", "text/plain").get("/").then().statusCode(200).body(containsString("nostr"));
        given().header("Origin", "https://example.org").header("Access-Control-Request-Method", "GET")
                .options("/").then().statusCode(204).header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void readinessReportsTheIndex() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("event-index"))
                .body("checks.name", hasItem("kafka"));
    }

    @Test
    void livenessFollowsTheIndexFeeder() {
        given().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("index-feeder"));
    }

    @Test
    void websocketRelayAtTheRootPath() throws Exception {
        URI ws = URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/");
        try (WsClient c = new WsClient(ws)) {
            String challenge = assertInstanceOf(RelayMessage.AuthChallenge.class, c.next()).challenge();
            long now = System.currentTimeMillis() / 1000;
            // The relay tag names the URL as the client dialled it: Host header host and port.
            Event auth = TestKeys.ALICE.auth("ws://" + root.getHost() + ":" + root.getPort(), challenge, now);
            c.send(new ClientMessage.Auth(auth).toJson());
            assertEquals(new RelayMessage.Ok(auth.id(), true, ""), c.next());
            Event note = TestKeys.ALICE.sign(now, 1, List.of(List.of("t", "app-test")), "over a real websocket");
            c.send(new ClientMessage.EventMessage(note).toJson());
            assertEquals(new RelayMessage.Ok(note.id(), true, ""), c.next());
            c.send(new ClientMessage.Req("s", List.of(Filter.builder().tag('t', "app-test").build())).toJson());
            assertEquals(new RelayMessage.EventMessage("s", note), c.next());
            assertEquals(new RelayMessage.Eose("s"), c.next());
            c.send("{not json");
            RelayMessage.Notice n = assertInstanceOf(RelayMessage.Notice.class, c.next());
            assertTrue(n.message().startsWith("invalid: "));
            // Still connected and serving after the bad frame.
            c.send(new ClientMessage.Close("s").toJson());
            c.send(new ClientMessage.Req("t", List.of(Filter.builder().ids(note.id()).build())).toJson());
            assertEquals(new RelayMessage.EventMessage("t", note), c.next());
        }
    }

    /** /q/metrics: an accepted and a refused event move the relay's counters, its time to OK and append latency. */
    @Test
    void metricsMoveWhenEventsFlow() throws Exception {
        String before = metrics();
        try (WsClient c = new WsClient(URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/"))) {
            String challenge = assertInstanceOf(RelayMessage.AuthChallenge.class, c.next()).challenge();
            long now = System.currentTimeMillis() / 1000;
            Event auth = TestKeys.ALICE.auth("ws://" + root.getHost() + ":" + root.getPort(), challenge, now);
            c.send(new ClientMessage.Auth(auth).toJson());
            assertEquals(new RelayMessage.Ok(auth.id(), true, ""), c.next());
            Event note = TestKeys.ALICE.sign(now, 1, List.of(List.of("t", "metrics")), "counted " + System.nanoTime());
            c.send(new ClientMessage.EventMessage(note).toJson());
            assertEquals(new RelayMessage.Ok(note.id(), true, ""), c.next());
            Event stale = TestKeys.ALICE.sign(now - 400 * 24 * 3600, 1, List.of(), "far too old");
            c.send(new ClientMessage.EventMessage(stale).toJson());
            RelayMessage.Ok refused = assertInstanceOf(RelayMessage.Ok.class, c.next());
            assertEquals(false, refused.accepted(), refused.toString());
            assertTrue(refused.message().startsWith("invalid:"), refused.message());
        }
        String after = metrics();
        assertEquals(1, value(after, "drey_relay_events_accepted_total") - value(before, "drey_relay_events_accepted_total"), after);
        String invalid = "drey_relay_events_refused_total{reason=\"invalid\"}";
        assertEquals(1, value(after, invalid) - value(before, invalid), after);
        assertEquals(2, value(after, "drey_relay_time_to_ok_seconds_count") - value(before, "drey_relay_time_to_ok_seconds_count"), after);
        assertEquals(1, value(after, "drey_relay_kafka_append_seconds_count") - value(before, "drey_relay_kafka_append_seconds_count"), after);
        assertTrue(after.contains("drey_relay_time_to_ok_seconds_bucket{le="), "time to OK is a histogram");
        assertTrue(after.contains("drey_relay_outbox_backlog "), after);
        assertTrue(after.contains("drey_relay_peer_pull_lag_seconds{peer=\""), "one gauge per configured peer: " + after);
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double value(String body, String series) {
        var m = java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(series) + " ([0-9.eE+-]+)$",
                java.util.regex.Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void wrongHostInAuthIsRefused() throws Exception {
        try (WsClient c = new WsClient(URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/"))) {
            String challenge = ((RelayMessage.AuthChallenge) c.next()).challenge();
            Event auth = TestKeys.ALICE.auth("ws://" + root.getHost() + ":" + (root.getPort() + 1), challenge,
                    System.currentTimeMillis() / 1000);
            c.send(new ClientMessage.Auth(auth).toJson());
            assertEquals(new RelayMessage.Ok(auth.id(), false, "invalid: relay tag does not name this relay"), c.next());
        }
    }
}
