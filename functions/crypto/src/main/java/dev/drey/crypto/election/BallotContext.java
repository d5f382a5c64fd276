package dev.drey.crypto.election;

/**
 * What a ballot's proofs are bound to (ElectionGuard's extended base hash idea): the proposal (election) id and
 * the voter, plus the option index for a selection proof or the number of options for the limit proof. The
 * Fiat–Shamir hashes take these bytes, so a proof made for one voter, option or proposal fails for any other.
 * Both strings are opaque here (the vote protocol passes the proposal event id and the voter's x-only key in hex).
 */
public record BallotContext(String proposalId, String voter) {
    public BallotContext {
        if (proposalId == null || proposalId.isEmpty() || voter == null || voter.isEmpty()) {
            throw new ElectionException("ballot context: proposal id and voter are required");
        }
    }

    /** The context of the 0/1 proof of option {@code option} (0-based). */
    public byte[] selection(int option) {
        return new Transcript("selection-context").put(proposalId).put(voter).put(option).digest();
    }

    /** The context of the selection-limit proof of a ballot with {@code options} options. */
    public byte[] limit(int options) {
        return new Transcript("limit-context").put(proposalId).put(voter).put(options).digest();
    }
}
