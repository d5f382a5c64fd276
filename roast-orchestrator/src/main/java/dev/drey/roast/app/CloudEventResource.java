package dev.drey.roast.app;

import dev.drey.kafka.RecordPosition;
import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.CloudEventDecoder;
import dev.drey.runtime.DecodedBatch;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.InboundException;
import dev.drey.runtime.RecordFailure;
import dev.drey.runtime.RedeliverException;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Knative adapter: a KafkaSource POSTs each record to the service's root as a binary-mode CloudEvent
 * ({@link CloudEventDecoder}). Answers: 200 with the summary once the outputs are on the outbox; 400 for a
 * record that is not a Drey event record and 422 for one the function refuses, each once it is on the
 * dead-letter topic (KafkaSource does not retry these and hands them to its own dead-letter sink if one is
 * configured); 503 when the KV store or the outbox (or the dead-letter topic) failed past the runner's
 * retries, so KafkaSource retries with back-off (safe, the functions are idempotent).
 *
 * <p>A PingSource CloudEvent ({@code ce-type: dev.knative.sources.ping}) runs the periodic tick at its
 * {@code ce-time} ({@link ScheduledTick}): 200 with {@code {"tick":...,"published":[...]}} once the outputs
 * are on the outbox, 400 for a missing, unreadable or future {@code ce-time}, 503 if the tick failed (the
 * next ping ticks again).
 */
@Path("/")
public class CloudEventResource {
    private static final Logger LOG = Logger.getLogger(CloudEventResource.class.getName());

    private final CloudEventDecoder decoder = new CloudEventDecoder();

    /**
     * Whether this process takes CloudEvents: {@code drey.cloudevents.enabled}, by default only with
     * {@code drey.adapter=knative}. Elsewhere the endpoint answers 404, so a relay-side or in-VPC caller cannot
     * feed a Lambda or local-consumer process records that bypassed Kafka.
     */
    static final String ENABLED = "drey.cloudevents.enabled";

    @Inject
    FunctionRunner runner;

    /** Set from configuration when CDI builds the resource ({@link #configure}); false until then. */
    boolean enabled;

    @jakarta.annotation.PostConstruct
    void configure() {
        org.eclipse.microprofile.config.Config c = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String adapter = FunctionTopicsConfig.adapter(c.getOptionalValue(FunctionTopicsConfig.ADAPTER, String.class).orElse(null));
        enabled = enabled(c.getOptionalValue(ENABLED, Boolean.class), adapter);
    }

    static boolean enabled(java.util.Optional<Boolean> explicit, String adapter) {
        return explicit.orElse(adapter.equals("knative"));
    }

    /** Only bounds a ping's {@code ce-time} (see {@link ScheduledTick}); tests set a fixed one. */
    Clock clock = Clock.systemUTC();

    @POST
    public Response receive(@Context HttpHeaders headers, byte[] body) {
        if (!enabled) {
            return Response.status(404).type(MediaType.TEXT_PLAIN).entity("no CloudEvent endpoint: drey.adapter is not knative").build();
        }
        if (ScheduledTick.PING_TYPE.equals(headers.getHeaderString("ce-type"))) {
            return tick(headers);
        }
        DecodedBatch batch;
        boolean undecodable = false;
        try {
            batch = new DecodedBatch(List.of(decoder.decode(headers::getHeaderString, body)), List.of(), 1);
        } catch (InboundException e) {
            RecordPosition position = CloudEventDecoder.positionOf(headers::getHeaderString).orElse(null);
            RecordFailure f = new RecordFailure(position != null ? position.toString()
                    : String.valueOf(headers.getHeaderString("ce-id")), RecordFailure.Stage.DECODE, e.getMessage(),
                    position);
            batch = new DecodedBatch(List.of(), List.of(f), 1); // the runner dead-letters it
            undecodable = true;
        }
        BatchOutcome o;
        try {
            o = runner.run(batch);
        } catch (RedeliverException e) {
            LOG.log(Level.WARNING, "{0}: answering 503, KafkaSource will retry: {1}",
                    new Object[] {runner.function().name(), e.getMessage()});
            return Response.status(503).type(MediaType.TEXT_PLAIN).entity("unavailable, retry later").build();
        }
        if (!o.failures().isEmpty()) {
            LOG.log(Level.WARNING, "{0}: record not handled, dead-lettered: {1}", new Object[] {runner.function().name(), o.failures().get(0)});
            return json(undecodable ? 400 : 422, o);
        }
        ColdStart.firstEventHandled(runner.function().name());
        return json(200, o);
    }

    private Response tick(HttpHeaders headers) {
        long now;
        try {
            now = ScheduledTick.pingTime(headers.getHeaderString("ce-time"), headers.getHeaderString("ce-id"), clock);
        } catch (InboundException e) {
            LOG.log(Level.WARNING, "{0}: ping refused: {1}", new Object[] {runner.function().name(), e.getMessage()});
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
        }
        BatchOutcome o;
        try {
            o = ScheduledTick.run(runner, now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0}: tick at {1} failed, answering 503 (the next ping ticks again): {2}",
                    new Object[] {runner.function().name(), Long.toString(now), e.toString()});
            return Response.status(503).type(MediaType.TEXT_PLAIN).entity("tick failed, retry later").build();
        }
        return Response.status(200).type(MediaType.APPLICATION_JSON).entity(ScheduledTick.summary(now, o)).build();
    }

    private static Response json(int status, BatchOutcome o) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(o.toJson()).build();
    }
}
