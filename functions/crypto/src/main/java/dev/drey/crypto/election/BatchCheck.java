package dev.drey.crypto.election;

/** The outcome of a batch: all valid, or the index of the first bad ballot (in input order) and its check. */
public record BatchCheck(boolean valid, int ballot, BallotCheck failure) {
    static final BatchCheck OK = new BatchCheck(true, -1, BallotCheck.ok());

    public String describe() {
        return valid ? "" : "ballot " + ballot + ": " + failure.describe();
    }
}
