package dev.drey.runtime;

import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kv.KvException;
import dev.drey.kv.KvTransientException;
import dev.drey.runtime.metrics.DreyMetrics;
import dev.drey.runtime.metrics.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one loop every adapter runs: each decoded event through the function, in delivery order, then all
 * outputs to the outbox at once, then the records that can never be handled to the dead-letter topic.
 * Failures are told apart, because skipping a record is only right when retrying cannot help:
 * <ul>
 *   <li><b>Transient</b> (a {@link KvTransientException} — timeout, lost connection, throttling — an
 *       {@link OutboxSink.OutboxException}, an I/O error, anywhere in the cause chain): the step is retried
 *       with bounded back-off ({@link RetryPolicy}); if it still fails, {@link #run} throws a
 *       {@link RedeliverException} and the adapter does not acknowledge the delivery.</li>
 *   <li><b>Backend</b> (any other {@link KvException}: a corrupt entry, a store refusing a consume it cannot
 *       make durable): not retried here, but not skipped either: {@link RedeliverException} at once. Fail
 *       closed; the operator fixes the store and the redelivery succeeds.</li>
 *   <li><b>Bad record</b> (anything else the function throws: malformed content, a bad signature, a policy
 *       refusal, and every decode failure): reported as a {@link RecordFailure}, skipped, and sent to the
 *       {@link DeadLetterSink} with its reason, so nothing is lost silently.</li>
 * </ul>
 * Redelivery is safe: functions are idempotent (see {@link NostrFunction}).
 */
public final class FunctionRunner {
    private final NostrFunction function;
    private final OutboxSink outbox;
    private final DeadLetterSink deadLetters;
    private final RetryPolicy retry;
    private final DreyMetrics metrics;

    /**
     * A runner whose bad records stay in the outcome only ({@link DeadLetterSink#OUTCOME_ONLY}), with the
     * default retry policy: for unit tests and the devnet. Deployables use the four-argument constructor.
     */
    public FunctionRunner(NostrFunction function, OutboxSink outbox) {
        this(function, outbox, DeadLetterSink.OUTCOME_ONLY, RetryPolicy.DEFAULT);
    }

    public FunctionRunner(NostrFunction function, OutboxSink outbox, DeadLetterSink deadLetters, RetryPolicy retry) {
        this(function, outbox, deadLetters, retry, DreyMetrics.NONE);
    }

    /** As the four-argument constructor, counting every record by kind and outcome in {@code metrics}. */
    public FunctionRunner(NostrFunction function, OutboxSink outbox, DeadLetterSink deadLetters, RetryPolicy retry,
            DreyMetrics metrics) {
        if (function == null || outbox == null || deadLetters == null || retry == null || metrics == null) {
            throw new IllegalArgumentException("runner: missing function, outbox, dead-letter sink, retry policy or metrics");
        }
        this.function = function;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.metrics = metrics;
    }

    public NostrFunction function() {
        return function;
    }

    /**
     * Runs the delivery.
     *
     * @throws RedeliverException if the delivery must not be acknowledged (see the class comment)
     */
    public BatchOutcome run(DecodedBatch batch) {
        List<OutboxRecord> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<RecordFailure> failures = new ArrayList<>(batch.failures());
        List<String> handledKinds = new ArrayList<>();
        List<String> skippedKinds = new ArrayList<>();
        for (RecordFailure ignored : batch.failures()) {
            skippedKinds.add(Labels.UNDECODABLE);
        }
        for (LoggedEvent e : batch.events()) {
            String what = function.name() + " on event " + e.event().id() + " at " + e.position();
            String kind = Integer.toString(e.event().kind());
            FunctionResult r;
            try {
                r = retrying(what, () -> function.handle(e.event()));
            } catch (BadRecord bad) {
                failures.add(RecordFailure.at(e.position(), RecordFailure.Stage.FUNCTION,
                        function.name() + " failed on event " + e.event().id() + ": " + bad.getCause()));
                skippedKinds.add(kind);
                continue;
            } catch (RedeliverException redeliver) {
                // Nothing of this delivery is acknowledged: every record in it will come again.
                count(handledKinds, Labels.FAILED);
                count(skippedKinds, Labels.FAILED);
                count(List.of(kind), Labels.FAILED);
                throw redeliver;
            }
            handledKinds.add(kind);
            out.addAll(r.outbox());
            for (String n : r.notes()) {
                notes.add(e.position() + ": " + n);
            }
        }
        try {
            publish("the outbox for " + function.name(), () -> outbox.publish(out));
            if (!failures.isEmpty()) {
                publish("the dead-letter topic for " + function.name(), () -> deadLetters.send(function.name(), failures));
            }
        } catch (RedeliverException redeliver) {
            // Nothing of this delivery is acknowledged: every record in it will come again.
            count(handledKinds, Labels.FAILED);
            count(skippedKinds, Labels.FAILED);
            throw redeliver;
        }
        count(handledKinds, Labels.HANDLED);
        count(skippedKinds, Labels.SKIPPED);
        return new BatchOutcome(batch.size(), handledKinds.size(), out, notes, failures);
    }

    private void count(List<String> kinds, String outcome) {
        for (String kind : kinds) {
            metrics.functionRecord(function.name(), kind, outcome);
        }
    }

    /** The periodic tick ({@link NostrFunction#tick}): its outputs to the outbox, as a batch's. */
    public BatchOutcome tick(long nowEpochSeconds) {
        FunctionResult r = function.tick(nowEpochSeconds);
        outbox.publish(r.outbox());
        return new BatchOutcome(0, 0, r.outbox(), r.notes(), List.of());
    }

    /** One event (the local consumer's unit). */
    public BatchOutcome run(LoggedEvent event) {
        return run(new DecodedBatch(List.of(event), List.of(), 1));
    }

    /** How a failure is handled; public so adapters and simulations classify the same way. */
    public enum FailureKind {
        /** May pass: retry, then redeliver. */
        TRANSIENT,
        /** The store failed in a way retrying here will not cure: redeliver, never skip. */
        BACKEND,
        /** The record itself is at fault: skip it and dead-letter it. */
        BAD_RECORD
    }

    public static FailureKind classify(Throwable t) {
        boolean backend = false;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KvTransientException || c instanceof OutboxSink.OutboxException
                    || c instanceof IOException || c instanceof UncheckedIOException
                    || c instanceof java.util.concurrent.TimeoutException || c instanceof RedeliverException) {
                return FailureKind.TRANSIENT;
            }
            backend |= c instanceof KvException;
        }
        return backend ? FailureKind.BACKEND : FailureKind.BAD_RECORD;
    }

    /** A bad record's exception, carried out of {@link #retrying}. */
    private static final class BadRecord extends RuntimeException {
        BadRecord(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private <T> T retrying(String what, Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                switch (classify(e)) {
                    case BAD_RECORD -> throw new BadRecord(e);
                    case BACKEND -> throw new RedeliverException(what + ": the store failed, not retried: "
                            + e.getMessage(), e);
                    case TRANSIENT -> {
                        if (attempt >= retry.attempts()) {
                            throw new RedeliverException(what + ": still failing after " + attempt
                                    + " attempts: " + e.getMessage(), e);
                        }
                        pause(what, retry.backoffAfter(attempt), e);
                    }
                }
            }
        }
    }

    /** Publishing is all or nothing: any failure after the retries fails the delivery. */
    private void publish(String what, Runnable step) {
        try {
            retrying(what, () -> {
                step.run();
                return null;
            });
        } catch (BadRecord e) { // a sink that refuses its input: no record of the delivery is at fault
            throw new RedeliverException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void pause(String what, Duration d, RuntimeException cause) {
        try {
            retry.sleeper().sleep(d);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new RedeliverException(what + ": interrupted while waiting to retry: " + cause.getMessage(), cause);
        }
    }
}
