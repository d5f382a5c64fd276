package dev.drey.runtime;

import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The one loop every adapter runs: each decoded event through the function, in delivery order, then all
 * outputs to the outbox at once. A function that throws on one event does not stop the others: that record
 * is reported as a {@link RecordFailure} (stage FUNCTION) beside the decode failures, so the adapter can log
 * it and the operator replay it (functions are idempotent, so replaying the topic is safe). Publishing is
 * all or nothing from the adapter's view: if the outbox does not acknowledge, {@link #run} throws and the
 * platform redelivers the whole delivery (again safe, by idempotence).
 */
public final class FunctionRunner {
    private final NostrFunction function;
    private final OutboxSink outbox;

    public FunctionRunner(NostrFunction function, OutboxSink outbox) {
        if (function == null || outbox == null) {
            throw new IllegalArgumentException("runner: missing function or outbox");
        }
        this.function = function;
        this.outbox = outbox;
    }

    public NostrFunction function() {
        return function;
    }

    public BatchOutcome run(DecodedBatch batch) {
        List<OutboxRecord> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<RecordFailure> failures = new ArrayList<>(batch.failures());
        int handled = 0;
        for (LoggedEvent e : batch.events()) {
            FunctionResult r;
            try {
                r = function.handle(e.event());
            } catch (RuntimeException ex) {
                failures.add(new RecordFailure(e.position().toString(), RecordFailure.Stage.FUNCTION,
                        function.name() + " failed on event " + e.event().id() + ": " + ex));
                continue;
            }
            handled++;
            out.addAll(r.outbox());
            for (String n : r.notes()) {
                notes.add(e.position() + ": " + n);
            }
        }
        outbox.publish(out);
        return new BatchOutcome(batch.size(), handled, out, notes, failures);
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
}
