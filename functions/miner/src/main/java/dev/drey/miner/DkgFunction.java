package dev.drey.miner;

import dev.drey.dkg.DkgIdentity;
import dev.drey.dkg.DkgParticipant;
import dev.drey.dkg.DkgReaction;
import dev.drey.kv.KeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import dev.drey.runtime.metrics.DreyMetrics;
import dev.drey.runtime.metrics.Labels;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DKG participant ({@link DkgParticipant}) as a deployable function: its round messages, transcript
 * confirmations and complaints
 * routed to their recipients' relays; a completed or failed run is noted for the operator's log (never a
 * secret: the result stays sealed in the KV store).
 */
public final class DkgFunction {
    public static final String NAME = "dkg";
    /** The wire status of a failed run ({@link DkgReaction#status()}). */
    private static final String FAILED = "failed";

    private DkgFunction() {
    }

    /** The DKG of the miner with {@code identityKey}, answering start requests from {@code initiators}. */
    public static NostrFunction of(byte[] identityKey, Set<String> initiators, KeyValueStore kv, SecureRandom rng,
            RecipientRelays relays) {
        return of(identityKey, initiators, kv, rng, relays, DkgParticipant.DEFAULT_RUN_TIMEOUT, DreyMetrics.NONE);
    }

    /**
     * As above, runs failed by the tick {@code runTimeout} after their start (a run-status event published, see
     * {@link DkgParticipant}), and each run's end counted once per instance in {@code metrics}: completed,
     * failed, or timed out.
     */
    public static NostrFunction of(byte[] identityKey, Set<String> initiators, KeyValueStore kv, SecureRandom rng,
            RecipientRelays relays, java.time.Duration runTimeout, DreyMetrics metrics) {
        DkgParticipant participant = new DkgParticipant(new DkgIdentity(identityKey), initiators, kv, rng, runTimeout);
        MeteredFunction.Recent<String, Boolean> ended = new MeteredFunction.Recent<>();
        return new RoutedFunction(NAME, event -> {
            DkgReaction r = participant.handle(event);
            if (r.completed().isPresent()) {
                metrics.dkgRunEnded(Labels.COMPLETED);
            } else if (r.status().filter(FAILED::equals).isPresent()) {
                MeteredFunction.dkgRunId(event).filter(run -> ended.putIfAbsent(run, Boolean.TRUE) == null)
                        .ifPresent(run -> metrics.dkgRunEnded(Labels.FAILED));
            }
            List<String> notes = new ArrayList<>(r.notes());
            r.completed().ifPresent(done -> notes.add("run " + done.runId() + " completed: "
                    + done.keyType().wireName() + " key stored"));
            for (Map.Entry<Integer, String> c : r.culprits().entrySet()) {
                notes.add("culprit " + c.getKey() + ": " + c.getValue());
            }
            return new RoutedFunction.Answer(r.events(), notes);
        }, now -> {
            List<Event> events = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (Map.Entry<String, DkgReaction> run : participant.tick(now).entrySet()) {
                DkgReaction r = run.getValue();
                events.addAll(r.events());
                notes.addAll(r.notes());
                if (!r.events().isEmpty() && ended.putIfAbsent(run.getKey(), Boolean.TRUE) == null) {
                    metrics.dkgRunEnded(Labels.TIMED_OUT);
                }
            }
            return new RoutedFunction.Answer(events, notes);
        }, relays);
    }
}
