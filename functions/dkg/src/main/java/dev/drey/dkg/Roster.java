package dev.drey.dkg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The participants of one run, ordered by identifier: distinct identifiers, distinct nostr keys. */
public record Roster(List<Participant> participants) {
    public static final int MAX_PARTICIPANTS = 256;

    public Roster {
        if (participants == null || participants.size() < 2 || participants.size() > MAX_PARTICIPANTS) {
            throw new DkgMessageException("roster must list 2 to " + MAX_PARTICIPANTS + " participants");
        }
        Map<Integer, Participant> byId = new TreeMap<>();
        Set<String> keys = new HashSet<>();
        for (Participant p : participants) {
            if (p == null) {
                throw new DkgMessageException("roster: missing participant");
            }
            if (byId.put(p.id(), p) != null) {
                throw new DkgMessageException("roster: identifier " + p.id() + " appears twice");
            }
            if (!keys.add(p.pubkey())) {
                throw new DkgMessageException("roster: nostr key " + p.pubkey() + " appears twice");
            }
        }
        participants = Collections.unmodifiableList(new ArrayList<>(byId.values()));
    }

    public int size() {
        return participants.size();
    }

    public Optional<Participant> byId(int id) {
        for (Participant p : participants) {
            if (p.id() == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Optional<Participant> byPubkey(String pubkey) {
        for (Participant p : participants) {
            if (p.pubkey().equals(pubkey)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public List<Integer> ids() {
        return participants.stream().map(Participant::id).toList();
    }

    public List<String> pubkeys() {
        return participants.stream().map(Participant::pubkey).toList();
    }
}
