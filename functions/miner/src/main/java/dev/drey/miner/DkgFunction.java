package dev.drey.miner;

import dev.drey.dkg.DkgParticipant;
import dev.drey.dkg.DkgReaction;
import dev.drey.nostr.Event;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DKG participant ({@link DkgParticipant}) as a deployable function: its round messages and complaints
 * routed to their recipients' relays; a completed or failed run is noted for the operator's log (never a
 * secret: the result stays sealed in the KV store).
 */
public final class DkgFunction implements NostrFunction {
    public static final String NAME = "dkg";

    private final DkgParticipant participant;
    private final RecipientRelays relays;

    public DkgFunction(DkgParticipant participant, RecipientRelays relays) {
        this.participant = participant;
        this.relays = relays;
    }

    public DkgParticipant participant() {
        return participant;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionResult handle(Event event) {
        DkgReaction r = participant.handle(event);
        List<String> notes = new ArrayList<>(r.notes());
        r.completed().ifPresent(done -> notes.add("run " + done.runId() + " completed: " + done.keyType().wireName()
                + " key stored"));
        for (Map.Entry<Integer, String> c : r.culprits().entrySet()) {
            notes.add("culprit " + c.getKey() + ": " + c.getValue());
        }
        return new FunctionResult(relays.routeAll(r.events()), notes);
    }
}
