package dev.drey.vote;

import dev.drey.nostr.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vote events a miner has seen, by the proposal they belong to: what its signing policy recomputes a freeze
 * or a result from. The host feeds it from the vote topic; an implementation may keep it in memory or in the KV store.
 */
public interface VoteLedger {
    /** Every event seen that is the proposal {@code proposalId} or cites it (any order). */
    List<Event> eventsOf(String proposalId);

    /** A ledger in memory (tests, simulations, a single process); thread-safe. */
    static InMemory inMemory() {
        return new InMemory();
    }

    final class InMemory implements VoteLedger {
        private final Map<String, Map<String, Event>> byProposal = new LinkedHashMap<>();

        /** Files a vote event under its proposal; true if it was new. Other events are ignored. */
        public synchronized boolean add(Event e) {
            Optional<String> proposal = e.kind() == VoteKinds.PROPOSAL || e.kind() == VoteKinds.NIP88_POLL ? Optional.of(e.id()) : Ballot.proposalOf(e);
            boolean vote = e.kind() >= VoteKinds.PROPOSAL && e.kind() <= VoteKinds.RESULT
                    || e.kind() == VoteKinds.NIP88_RESPONSE || e.kind() == VoteKinds.NIP88_POLL;
            if (proposal.isEmpty() || !vote) {
                return false;
            }
            return byProposal.computeIfAbsent(proposal.get(), k -> new LinkedHashMap<>()).putIfAbsent(e.id(), e) == null;
        }

        @Override
        public synchronized List<Event> eventsOf(String proposalId) {
            return new ArrayList<>(byProposal.getOrDefault(proposalId, Map.of()).values());
        }
    }
}
