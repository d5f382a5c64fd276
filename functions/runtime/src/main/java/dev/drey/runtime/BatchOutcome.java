package dev.drey.runtime;

import dev.drey.kafka.OutboxRecord;
import dev.drey.nostr.JsonWriter;
import java.util.List;
import java.util.Locale;

/**
 * What an adapter did with one delivery: how many records it held, how many events the function handled,
 * the outbox records published, the notes, and every record that was not handled (never silently lost).
 */
public record BatchOutcome(int records, int handled, List<OutboxRecord> published, List<String> notes,
        List<RecordFailure> failures) {
    public BatchOutcome {
        published = List.copyOf(published);
        notes = List.copyOf(notes);
        failures = List.copyOf(failures);
    }

    /** A small JSON summary for a Lambda's response or an HTTP reply: counts, output ids, failures. */
    public String toJson() {
        JsonWriter w = new JsonWriter();
        w.raw('{').string("records").raw(':').number(records);
        w.raw(',').string("handled").raw(':').number(handled);
        w.raw(',').string("published").raw(':').stringArray(published.stream().map(r -> r.event().id()).toList());
        w.raw(',').string("failures").raw(':').raw('[');
        for (int i = 0; i < failures.size(); i++) {
            RecordFailure f = failures.get(i);
            if (i > 0) {
                w.raw(',');
            }
            w.raw('{');
            w.string("record").raw(':').string(f.where()).raw(',');
            w.string("stage").raw(':').string(f.stage().name().toLowerCase(Locale.ROOT)).raw(',');
            w.string("reason").raw(':').string(f.reason()).raw('}');
        }
        w.raw(']').raw('}');
        return w.toString();
    }
}
