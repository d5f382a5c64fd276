package dev.drey.miner;

import dev.drey.kv.KeyValueStore;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.RecipientRelays;
import dev.drey.vote.VoteParticipant;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The vote participant ({@link VoteParticipant}) as a deployable function: it files the vote events of the vote
 * topic in the KV store, and as a trustee publishes its partial decryption of each frozen tally to all relays.
 */
public final class VoteFunction {
    public static final String NAME = "vote";

    private VoteFunction() {
    }

    public static NostrFunction of(byte[] identityKey, String groupPubkey, KeyValueStore kv, SecureRandom rng,
            Clock clock, RecipientRelays relays) {
        VoteParticipant participant = new VoteParticipant(identityKey, groupPubkey, kv, rng, clock);
        return new RoutedFunction(NAME, event -> {
            VoteParticipant.Reaction r = participant.handle(event);
            return new RoutedFunction.Answer(r.events(), r.notes());
        }, relays);
    }
}
