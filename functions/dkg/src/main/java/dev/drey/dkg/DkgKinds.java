package dev.drey.dkg;

/**
 * The nostr kinds of the DKG (DESIGN.md, "Protocol on nostr", rows 3410–3413; the kafka module's
 * {@code ProtocolKinds} holds the whole table). The start request travels as kind 3410 with
 * {@code "type":"start"}, so it is routed and replayed exactly like round 1 and needs no new kind.
 */
public final class DkgKinds {
    /** Start request (initiator → miners) and round 1: commitments + proof of knowledge (miner → all). */
    public static final int ROUND1 = 3410;
    /** Round 2: one NIP-44 encrypted share (miner → one, {@code p}-tagged). */
    public static final int ROUND2 = 3411;
    /** Complaint naming a culprit, with evidence anyone can check (miner → all). */
    public static final int COMPLAINT = 3412;
    /** Transcript confirmation: the hash of every round-1 event used (miner → all). */
    public static final int CONFIRMATION = 3413;
    /**
     * Run status (miner → members and initiator): a run this miner ended at its deadline ({@code drey.dkg.run-timeout})
     * and whom it was still waiting for. Informational: participants do not act on it ({@link #isDkgKind} is false),
     * operators and {@code drey dkg start} read it. A departure from DESIGN.md's table (3414 is not in it).
     */
    public static final int RUN_STATUS = 3414;

    private DkgKinds() {
    }

    public static boolean isDkgKind(int kind) {
        return kind >= ROUND1 && kind <= CONFIRMATION;
    }
}
