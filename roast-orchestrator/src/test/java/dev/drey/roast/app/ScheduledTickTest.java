package dev.drey.roast.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.kafka.OutboxRecord;
import dev.drey.kv.KvTransientException;
import dev.drey.miner.MinerFunctions;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import dev.drey.roast.RoastKinds;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.InboundException;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.OutboxSink;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The periodic tick on Lambda (an EventBridge scheduled event through {@link LambdaEntry}) and on Knative (a
 * PingSource CloudEvent through {@link CloudEventResource}), as plain objects: the tick runs at the event's
 * time, the real orchestrator fails a run whose deadline has come and its failure reaches the outbox; what is
 * not a usable tick is refused and a failed tick is reported as the platform needs it.
 */
class ScheduledTickTest {
    /** The test federation's orchestrator clock; its runs time out {@code RUN_TIMEOUT} later. */
    static final long T = 1_760_000_000L;
    static final long RUN_TIMEOUT = 600;
    static final Clock HOST = Clock.fixed(Instant.ofEpochSecond(T + RUN_TIMEOUT), ZoneOffset.UTC);

    @TempDir
    Path dir;

    final TestFederation fed = new TestFederation();
    final AdaptersAgreeTest.Captured outbox = new AdaptersAgreeTest.Captured();

    /** A function that only ticks: it records each tick's time and fails when told to. */
    static final class Ticking implements NostrFunction {
        final List<Long> ticks = new ArrayList<>();
        RuntimeException failure;

        @Override
        public String name() {
            return "ticking";
        }

        @Override
        public FunctionResult handle(Event event) {
            throw new AssertionError("a tick is not an event: " + event.id());
        }

        @Override
        public FunctionResult tick(long now) {
            ticks.add(now);
            if (failure != null) {
                throw failure;
            }
            return new FunctionResult(List.of(), List.of("ticked at " + now));
        }
    }

    /** An EventBridge scheduled event as a rule with a schedule expression invokes its target with. */
    static String scheduledEvent(String time) {
        return "{\"version\":\"0\",\"id\":\"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"account\":\"123456789012\""
                + (time == null ? "" : ",\"time\":\"" + time + "\"")
                + ",\"region\":\"eu-west-1\",\"resources\":[\"arn:aws:events:eu-west-1:123456789012:rule/drey-roast-orchestrator-tick\"],"
                + "\"detail\":{}}";
    }

    static String at(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /** The binary-mode headers a PingSource sends (no data configured, so no body). */
    static Map<String, String> ping(String time) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Ce-Specversion", "1.0");
        h.put("Ce-Type", ScheduledTick.PING_TYPE);
        h.put("Ce-Source", "/apis/v1/namespaces/drey/pingsources/roast-orchestrator-tick");
        h.put("Ce-Id", "0b6cbd3a-4c55-4b6c-8b54-7f4a8e3b0a11");
        if (time != null) {
            h.put("Ce-Time", time);
        }
        return h;
    }

    static String invoke(LambdaEntry entry, String payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    static Response post(CloudEventResource resource, Map<String, String> headers) {
        return resource.receive(new HeaderMap(headers), new byte[0]);
    }

    CloudEventResource resource(FunctionRunner runner) {
        CloudEventResource r = new CloudEventResource();
        r.runner = runner;
        r.clock = HOST;
        r.enabled = true; // as drey.adapter=knative sets it
        return r;
    }

    /** The real orchestrator (fixed clock T) with one open run, its request arrived at T. */
    FunctionRunner orchestratorWithAnOpenRun(String kvFile) {
        NostrFunction orchestrator = fed.function(MinerFunctions.ORCHESTRATOR, null, dir.resolve(kvFile), 1);
        FunctionRunner runner = new FunctionRunner(orchestrator, outbox);
        assertEquals(List.of(), orchestrator.handle(fed.signRequest(1)).outbox(), "the run waits for presignatures");
        return runner;
    }

    static void assertRunFailure(Event e, long now) {
        assertEquals(RoastKinds.SIGNATURE_RESULT, e.kind());
        assertEquals(now, e.createdAt(), "dated by the tick");
        assertEquals(Verification.VALID, e.verify());
    }

    @Test
    void anEventBridgeScheduledEventTicksTheOrchestratorAtTheEventsTime() throws IOException {
        LambdaEntry lambda = new LambdaEntry(orchestratorWithAnOpenRun("o.mv.db"), HOST);

        assertEquals("{\"tick\":" + (T + RUN_TIMEOUT - 1) + ",\"published\":[]}",
                invoke(lambda, scheduledEvent(at(T + RUN_TIMEOUT - 1))), "a second before the deadline");
        assertEquals(List.of(), outbox.records);

        String reply = invoke(lambda, scheduledEvent(at(T + RUN_TIMEOUT)));
        assertEquals(1, outbox.records.size());
        OutboxRecord failure = outbox.records.get(0);
        assertRunFailure(failure.event(), T + RUN_TIMEOUT);
        assertEquals("{\"tick\":" + (T + RUN_TIMEOUT) + ",\"published\":[\"" + failure.event().id() + "\"]}", reply);

        invoke(lambda, scheduledEvent(at(T + RUN_TIMEOUT)));
        assertTrue(outbox.records.stream().allMatch(r -> r.event().id().equals(failure.event().id())),
                "the same event again, redelivered: nothing new");
    }

    @Test
    void aPingSourceCloudEventTicksTheOrchestratorAtItsCeTime() {
        CloudEventResource knative = resource(orchestratorWithAnOpenRun("o.mv.db"));

        Response r = post(knative, ping(at(T + RUN_TIMEOUT - 1)));
        assertEquals(200, r.getStatus());
        assertEquals("{\"tick\":" + (T + RUN_TIMEOUT - 1) + ",\"published\":[]}", r.getEntity());

        r = post(knative, ping(Instant.ofEpochSecond(T + RUN_TIMEOUT, 250_000_000).toString()));
        assertEquals(200, r.getStatus(), String.valueOf(r.getEntity()));
        assertEquals(1, outbox.records.size());
        Event failure = outbox.records.get(0).event();
        assertRunFailure(failure, T + RUN_TIMEOUT);
        assertEquals("{\"tick\":" + (T + RUN_TIMEOUT) + ",\"published\":[\"" + failure.id() + "\"]}", r.getEntity());
    }

    @Test
    void lambdaAndKnativeTickAtTheSameInstantsForTheSameTimes() throws IOException {
        Ticking f = new Ticking();
        FunctionRunner runner = new FunctionRunner(f, outbox);
        LambdaEntry lambda = new LambdaEntry(runner, HOST);
        CloudEventResource knative = resource(runner);
        invoke(lambda, scheduledEvent("2025-10-09T09:03:20Z"));
        post(knative, ping("2025-10-09T09:03:20Z"));
        post(knative, ping("2025-10-09T09:03:20.999999999Z"));
        post(knative, ping("2025-10-09T11:03:20+02:00"));
        invoke(lambda, scheduledEvent(at(T - 86_400)));
        assertEquals(List.of(T + 600, T + 600, T + 600, T + 600, T - 86_400), f.ticks,
                "seconds of the event's own time, not the host clock's; a late tick is still run");
    }

    @Test
    void lambdaRefusesAScheduledEventWithoutAUsableTimeAndAnythingThatIsNotAnMskBatch() throws IOException {
        Ticking f = new Ticking();
        LambdaEntry lambda = new LambdaEntry(new FunctionRunner(f, outbox), HOST);
        InboundException e = assertThrows(InboundException.class, () -> invoke(lambda, scheduledEvent(null)));
        assertTrue(e.getMessage().contains("\"time\" must be an ISO-8601 instant"), e.getMessage());
        e = assertThrows(InboundException.class, () -> invoke(lambda, scheduledEvent("yesterday")));
        assertTrue(e.getMessage().contains("is not an ISO-8601 instant: 'yesterday'"), e.getMessage());
        e = assertThrows(InboundException.class, () -> invoke(lambda, scheduledEvent(at(T + RUN_TIMEOUT + 121))));
        assertTrue(e.getMessage().contains("more than 120 s ahead of this host's clock"), e.getMessage());
        invoke(lambda, scheduledEvent(at(T + RUN_TIMEOUT + 120)));
        assertEquals(List.of(T + RUN_TIMEOUT + 120), f.ticks, "skew up to the limit is accepted");

        e = assertThrows(InboundException.class, () -> invoke(lambda,
                scheduledEvent(at(T)).replace("Scheduled Event", "EC2 Instance State-change Notification")));
        assertTrue(e.getMessage().contains("eventSource must be aws:kafka or SelfManagedKafka"), e.getMessage());
        e = assertThrows(InboundException.class, () -> invoke(lambda, scheduledEvent(at(T)).replace("aws.events", "my.app")));
        assertTrue(e.getMessage().contains("eventSource must be aws:kafka or SelfManagedKafka"), e.getMessage());
        assertThrows(InboundException.class, () -> invoke(lambda, "not json"));
        assertEquals(1, f.ticks.size(), "nothing else ticked");
    }

    @Test
    void aFailedTickFailsTheLambdaInvocation() {
        Ticking f = new Ticking();
        f.failure = new KvTransientException("dynamodb: throttled");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEntry lambda = new LambdaEntry(new FunctionRunner(f, outbox), HOST);
        KvTransientException e = assertThrows(KvTransientException.class, () -> lambda.handleRequest(
                new ByteArrayInputStream(scheduledEvent(at(T)).getBytes(StandardCharsets.UTF_8)), out, null));
        assertEquals("dynamodb: throttled", e.getMessage());
        assertEquals(0, out.size(), "no summary: the invocation failed and Lambda retries it");
    }

    @Test
    void knativeAnswers400ForAnUnusableCeTimeAnd503ForAFailedTick() {
        Ticking f = new Ticking();
        CloudEventResource knative = resource(new FunctionRunner(f, outbox));
        Response r = post(knative, ping(null));
        assertEquals(400, r.getStatus());
        assertTrue(String.valueOf(r.getEntity()).contains("header ce-time is missing"), String.valueOf(r.getEntity()));
        r = post(knative, ping("1760000600"));
        assertEquals(400, r.getStatus());
        assertTrue(String.valueOf(r.getEntity()).contains("is not an ISO-8601 instant"), String.valueOf(r.getEntity()));
        r = post(knative, ping(at(T + RUN_TIMEOUT + 3600)));
        assertEquals(400, r.getStatus());
        assertTrue(String.valueOf(r.getEntity()).contains("ahead of this host's clock"), String.valueOf(r.getEntity()));
        assertEquals(List.of(), f.ticks);

        f.failure = new IllegalStateException("a bug in the tick");
        assertEquals(503, post(knative, ping(at(T))).getStatus());

        f.failure = null;
        OutboxSink down = records -> {
            throw new OutboxSink.OutboxException("outbox: no acknowledgement within PT10S", null);
        };
        CloudEventResource outboxDown = resource(new FunctionRunner(new NostrFunction() {
            @Override
            public String name() {
                return "publishing";
            }

            @Override
            public FunctionResult handle(Event event) {
                throw new AssertionError();
            }

            @Override
            public FunctionResult tick(long now) {
                return new FunctionResult(List.of(new OutboxRecord(fed.signRequest(2), List.of(TestFederation.DEFAULT_RELAY))), List.of());
            }
        }, down));
        assertEquals(503, post(outboxDown, ping(at(T))).getStatus());
    }
}
