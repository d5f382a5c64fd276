package dev.drey.roast.app;

import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.MskBatchDecoder;
import dev.drey.runtime.RecordFailure;
import dev.drey.runtime.RedeliverException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The AWS Lambda adapter: one MSK event-source batch in (raw JSON, read by {@link MskBatchDecoder}: no
 * data binding, nothing to register for reflection), every record through the function, the outputs to
 * the outbox, a JSON summary out. A record that cannot be read or that the function refuses is logged,
 * listed in the summary and sent to the dead-letter topic, and the batch goes on. If the KV store or the
 * outbox fails past the runner's retries, the runner's {@link RedeliverException} fails the invocation and
 * Lambda retries the batch (safe: the functions are idempotent). Plain Java; {@link LambdaEntry} is the
 * {@code RequestStreamHandler} Lambda calls (a stream handler, so Quarkus's {@code QuarkusStreamHandler}
 * hands over the bytes as they came).
 */
public final class MskBatchHandler {
    private static final Logger LOG = Logger.getLogger(MskBatchHandler.class.getName());

    private final MskBatchDecoder decoder;
    private final FunctionRunner runner;

    public MskBatchHandler(MskBatchDecoder decoder, FunctionRunner runner) {
        this.decoder = decoder;
        this.runner = runner;
    }

    public void handleRequest(InputStream input, OutputStream output) throws IOException {
        byte[] batch = input.readNBytes(MskBatchDecoder.MAX_BATCH_BYTES + 1);
        BatchOutcome outcome = handle(batch);
        output.write(outcome.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws RedeliverException to fail the invocation, so Lambda retries the batch */
    public BatchOutcome handle(byte[] batch) {
        BatchOutcome outcome;
        try {
            outcome = runner.run(decoder.decode(batch));
        } catch (RedeliverException e) {
            LOG.log(Level.WARNING, "{0}: failing the invocation, the batch will be retried: {1}",
                    new Object[] {runner.function().name(), e.getMessage()});
            throw e;
        }
        for (RecordFailure f : outcome.failures()) {
            LOG.log(Level.WARNING, "{0}: record not handled, dead-lettered: {1}", new Object[] {runner.function().name(), f});
        }
        for (String n : outcome.notes()) {
            LOG.log(Level.FINE, "{0}: {1}", new Object[] {runner.function().name(), n});
        }
        return outcome;
    }
}
