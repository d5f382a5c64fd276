package dev.drey.miner;

import dev.drey.dkg.DkgIdentity;
import dev.drey.dkg.DkgParticipant;
import dev.drey.dkg.DkgReaction;
import dev.drey.kv.KeyValueStore;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
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

    private DkgFunction() {
    }

    /** The DKG of the miner with {@code identityKey}, answering start requests from {@code initiators}. */
    public static NostrFunction of(byte[] identityKey, Set<String> initiators, KeyValueStore kv, SecureRandom rng,
            RecipientRelays relays) {
        DkgParticipant participant = new DkgParticipant(new DkgIdentity(identityKey), initiators, kv, rng);
        return new RoutedFunction(NAME, event -> {
            DkgReaction r = participant.handle(event);
            List<String> notes = new ArrayList<>(r.notes());
            r.completed().ifPresent(done -> notes.add("run " + done.runId() + " completed: "
                    + done.keyType().wireName() + " key stored"));
            for (Map.Entry<Integer, String> c : r.culprits().entrySet()) {
                notes.add("culprit " + c.getKey() + ": " + c.getValue());
            }
            return new RoutedFunction.Answer(r.events(), notes);
        }, relays);
    }
}
