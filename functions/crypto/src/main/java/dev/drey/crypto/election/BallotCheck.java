package dev.drey.crypto.election;

/**
 * The outcome of checking one ballot: valid, or the first bad part named: a selection index (0-based),
 * {@link #LIMIT_PROOF} or {@link #SHAPE} (wrong number of options or proof sizes), with the reason.
 */
public record BallotCheck(boolean valid, int selection, String reason) {
    public static final int LIMIT_PROOF = -1;
    public static final int SHAPE = -2;
    private static final BallotCheck OK = new BallotCheck(true, 0, "");

    public static BallotCheck ok() {
        return OK;
    }

    static BallotCheck bad(int selection, String reason) {
        return new BallotCheck(false, selection, reason);
    }

    /** What failed, in words (for a refusal message); empty when valid. */
    public String describe() {
        if (valid) {
            return "";
        }
        String where = selection == LIMIT_PROOF ? "selection-limit proof"
                : selection == SHAPE ? "ballot shape" : "selection " + selection;
        return where + ": " + reason;
    }
}
