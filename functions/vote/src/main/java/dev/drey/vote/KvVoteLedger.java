package dev.drey.vote;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import dev.drey.nostr.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The vote events a miner has seen, in its KV store (so every function of the miner, and every invocation, reads
 * the same record): {@code vote/event/<id>} holds the event as stored JSON, {@code vote/index/<proposal>} the ids
 * of the proposal's events (one per line, appended by compare-and-set), {@code vote/results} the ids of every
 * result seen (for {@link VotedParameters}). Events are filed unchecked: every reader re-checks signatures.
 */
public final class KvVoteLedger implements VoteLedger {
    private static final String EVENT = "vote/event/";
    private static final String INDEX = "vote/index/";
    private static final String RESULTS = "vote/results";
    private final KeyValueStore kv;

    public KvVoteLedger(KeyValueStore kv) {
        this.kv = kv;
    }

    /** Files a vote event (kinds 3480–3484 and NIP-88 responses) under its proposal; true if it was new. */
    public boolean add(Event e) {
        boolean vote = e.kind() >= VoteKinds.PROPOSAL && e.kind() <= VoteKinds.RESULT
                || e.kind() == VoteKinds.NIP88_RESPONSE || e.kind() == VoteKinds.NIP88_POLL;
        Optional<String> proposal = e.kind() == VoteKinds.PROPOSAL || e.kind() == VoteKinds.NIP88_POLL ? Optional.of(e.id()) : Ballot.proposalOf(e);
        if (!vote || proposal.isEmpty() || !dev.drey.crypto.Hex.isLowerHex(proposal.get(), 32)) {
            return false;
        }
        if (!kv.putIfAbsent(EVENT + e.id(), e.toJson().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        append(INDEX + proposal.get(), e.id());
        if (e.kind() == VoteKinds.RESULT) {
            append(RESULTS, e.id());
        }
        return true;
    }

    private void append(String key, String id) {
        while (true) {
            Optional<Versioned> v = kv.get(key);
            String before = v.map(x -> new String(x.value(), StandardCharsets.US_ASCII)).orElse("");
            if (Arrays.asList(before.split("\n")).contains(id)) {
                return;
            }
            byte[] after = (before + id + "\n").getBytes(StandardCharsets.US_ASCII);
            if (kv.compareAndSet(key, v.map(Versioned::version).orElse(0L), after).isPresent()) {
                return;
            }
        }
    }

    private List<Event> load(String indexKey) {
        List<Event> out = new ArrayList<>();
        Optional<Versioned> v = kv.get(indexKey);
        if (v.isEmpty()) {
            return out;
        }
        for (String id : new String(v.get().value(), StandardCharsets.US_ASCII).split("\n")) {
            if (!id.isEmpty()) {
                kv.get(EVENT + id).ifPresent(x -> out.add(Event.fromStoredJson(x.value())));
            }
        }
        return out;
    }

    @Override
    public List<Event> eventsOf(String proposalId) {
        return load(INDEX + proposalId);
    }

    /** Every result event seen, of any proposal. */
    public List<Event> results() {
        return load(RESULTS);
    }
}
