package dev.drey.vote;

/**
 * The nostr kinds of actuary voting (DESIGN.md rows 3480–3484; the kafka module's {@code ProtocolKinds} holds the
 * whole table), and the signing purposes of the two group-signed ones.
 */
public final class VoteKinds {
    /** Proposal with NIP-88 poll tags (member → all). */
    public static final int PROPOSAL = 3480;
    /** Ballot: encrypted selections with proofs, or an open choice (member → all). */
    public static final int BALLOT = 3481;
    /** Freeze: the counted ballot ids and the tally hash (federation, group-signed). */
    public static final int FREEZE = 3482;
    /** Partial decryption of the frozen tally with proofs (miner → all). */
    public static final int PARTIAL_DECRYPTION = 3483;
    /** Result: the tally (federation, group-signed). */
    public static final int RESULT = 3484;
    /** NIP-88 poll: accepted as an open-mode proposal. */
    public static final int NIP88_POLL = 1068;
    /** NIP-88 poll response: accepted as an open-mode ballot. */
    public static final int NIP88_RESPONSE = 1018;

    /** The ROAST sign-request purpose of a freeze. */
    public static final String PURPOSE_FREEZE = "vote-freeze";
    /** The ROAST sign-request purpose of a result. */
    public static final String PURPOSE_RESULT = "vote-result";

    private VoteKinds() {
    }
}
