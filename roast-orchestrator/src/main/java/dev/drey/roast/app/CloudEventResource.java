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
 */
@Path("/")
public class CloudEventResource {
    private static final Logger LOG = Logger.getLogger(CloudEventResource.class.getName());

    private final CloudEventDecoder decoder = new CloudEventDecoder();

    @Inject
    FunctionRunner runner;

    @POST
    public Response receive(@Context HttpHeaders headers, byte[] body) {
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

    private static Response json(int status, BatchOutcome o) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(o.toJson()).build();
    }
}
