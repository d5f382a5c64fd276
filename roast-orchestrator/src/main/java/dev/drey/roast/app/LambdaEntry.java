package dev.drey.roast.app;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.MskBatchDecoder;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Lambda entry point: the CDI bean quarkus-amazon-lambda invokes ({@code quarkus.lambda.handler=drey},
 * built with {@code -Plambda}; Lambda's handler setting stays
 * {@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest}). Two kinds of invocation:
 * an EventBridge scheduled event ({@code "source":"aws.events"}, {@code "detail-type":"Scheduled Event"})
 * runs the periodic tick at the event's {@code time} ({@link ScheduledTick}) and answers
 * {@code {"tick":...,"published":[...]}}; anything else goes to {@link MskBatchHandler}, which refuses what
 * is not an MSK batch. A failed tick fails the invocation (Lambda retries the same event, at the same
 * time; the next scheduled tick comes anyway).
 */
@Named("drey")
@Singleton
public class LambdaEntry implements RequestStreamHandler {
    private static final Logger LOG = Logger.getLogger(LambdaEntry.class.getName());

    private final FunctionRunner runner;
    private final MskBatchHandler handler;
    private final Clock clock;

    @Inject
    public LambdaEntry(FunctionRunner runner) {
        this(runner, Clock.systemUTC());
    }

    /** {@code clock} only bounds a scheduled event's time (see {@link ScheduledTick}). */
    LambdaEntry(FunctionRunner runner, Clock clock) {
        this.runner = runner;
        this.handler = new MskBatchHandler(new MskBatchDecoder(), runner);
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readNBytes(MskBatchDecoder.MAX_BATCH_BYTES + 1);
        Optional<Long> tick = ScheduledTick.eventBridgeTime(payload, clock);
        String reply;
        if (tick.isPresent()) {
            BatchOutcome o;
            try {
                o = ScheduledTick.run(runner, tick.get());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: tick at {1} failed, failing the invocation: {2}",
                        new Object[] {runner.function().name(), tick.get().toString(), e.toString()});
                throw e;
            }
            reply = ScheduledTick.summary(tick.get(), o);
        } else {
            reply = handler.handle(payload).toJson();
        }
        output.write(reply.getBytes(StandardCharsets.UTF_8));
    }
}
