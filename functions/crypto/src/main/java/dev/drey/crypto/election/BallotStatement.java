package dev.drey.crypto.election;

/** A ballot with what it must prove: its context, the number of options and the selection limit of the proposal. */
public record BallotStatement(BallotContext context, EncryptedBallot ballot, int options, int limit) {
    public BallotStatement {
        if (context == null || ballot == null) {
            throw new ElectionException("ballot statement: context or ballot missing");
        }
    }
}
