package dev.drey.vote;

import dev.drey.nostr.StrictContent;

/** The vote module's strict JSON readers: one for message contents, one (larger) for a whole record. */
final class VoteJson {
    /** A ballot of 256 options with 0/1 proofs is about 140 KB of hex. */
    static final StrictContent CONTENT = new StrictContent(512 * 1024, 4, VoteException::new);
    /** A record of a few hundred voters: the events as objects, tags nested two deep below them. */
    static final StrictContent RECORD = new StrictContent(256 * 1024 * 1024, 6, VoteException::new);

    private VoteJson() {
    }
}
