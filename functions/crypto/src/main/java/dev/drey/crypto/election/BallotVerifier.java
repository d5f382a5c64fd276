package dev.drey.crypto.election;

import dev.drey.crypto.Point;
import java.util.List;

/** Checks one ballot completely: shape, every 0/1 proof, the selection-limit proof; names the first bad part. */
public final class BallotVerifier {
    private BallotVerifier() {
    }

    public static BallotCheck verify(Point publicKey, BallotStatement s) {
        BallotCheck shape = cheapChecks(publicKey, s);
        if (!shape.valid()) {
            return shape;
        }
        List<EncryptedSelection> sel = s.ballot().selections();
        for (int i = 0; i < sel.size(); i++) {
            EncryptedSelection e = sel.get(i);
            if (!e.proof().verify(publicKey, e.ciphertext(), 1, s.context().selection(i))) {
                return BallotCheck.bad(i, "the 0/1 proof does not verify");
            }
        }
        if (!s.ballot().limitProof().verify(publicKey, s.ballot().total(), s.limit(), s.context().limit(s.options()))) {
            return BallotCheck.bad(BallotCheck.LIMIT_PROOF, "the selection-limit proof does not verify");
        }
        return BallotCheck.ok();
    }

    /** Everything but the group equations: shape, points not at infinity, and every Fiat–Shamir challenge sum. */
    static BallotCheck cheapChecks(Point publicKey, BallotStatement s) {
        ElGamalCiphertext.requireKey(publicKey);
        if (s.options() < 1 || s.options() > RangeProof.MAX_LIMIT || s.limit() < 1 || s.limit() > s.options()) {
            return BallotCheck.bad(BallotCheck.SHAPE, "options " + s.options() + " and limit " + s.limit()
                    + " are not a valid proposal (1 <= limit <= options <= " + RangeProof.MAX_LIMIT + ")");
        }
        EncryptedBallot b = s.ballot();
        if (b.selections().size() != s.options()) {
            return BallotCheck.bad(BallotCheck.SHAPE, b.selections().size() + " selections for " + s.options()
                    + " options");
        }
        for (int i = 0; i < b.selections().size(); i++) {
            EncryptedSelection e = b.selections().get(i);
            if (e.proof().limit() != 1) {
                return BallotCheck.bad(i, "a selection proof must be a 0/1 proof");
            }
            if (!e.proof().challengeHolds(publicKey, e.ciphertext(), 1, s.context().selection(i))) {
                return BallotCheck.bad(i, "the 0/1 proof's challenge does not match its context and ciphertext");
            }
        }
        if (b.limitProof().limit() != s.limit()) {
            return BallotCheck.bad(BallotCheck.LIMIT_PROOF, "proves the limit " + b.limitProof().limit()
                    + " instead of " + s.limit());
        }
        if (!b.limitProof().challengeHolds(publicKey, b.total(), s.limit(), s.context().limit(s.options()))) {
            return BallotCheck.bad(BallotCheck.LIMIT_PROOF,
                    "the selection-limit proof's challenge does not match its context and ballot");
        }
        return BallotCheck.ok();
    }
}
