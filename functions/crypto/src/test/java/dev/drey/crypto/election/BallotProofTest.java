package dev.drey.crypto.election;

import static dev.drey.crypto.election.ElectionTestSupport.seeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BallotProofTest {
    private final SecureRandom rng = seeded(2);
    private final Point key = Point.mulG(Scalar.random(rng));
    private final BallotContext ctx = new BallotContext("proposal-1", "voter-a");

    @Test
    void zeroOneProofVerifiesForBothValuesAndOnlyInItsContext() {
        for (int m = 0; m <= 1; m++) {
            Scalar r = Scalar.random(rng);
            ElGamalCiphertext ct = ElGamalCiphertext.encrypt(key, m, r);
            RangeProof p = RangeProof.prove(key, ct, m, r, 1, ctx.selection(0), rng);
            assertTrue(p.verify(key, ct, 1, ctx.selection(0)));
            assertTrue(RangeProof.decode(p.encode()).verify(key, ct, 1, ctx.selection(0)));
            assertFalse(p.verify(key, ct, 1, ctx.selection(1)), "lifted to another option");
            assertFalse(p.verify(key, ct, 1, new BallotContext("proposal-1", "voter-b").selection(0)),
                    "lifted to another voter");
            assertFalse(p.verify(key, ct, 1, new BallotContext("proposal-2", "voter-a").selection(0)),
                    "lifted to another proposal");
            assertFalse(p.verify(Point.mulG(Scalar.random(rng)), ct, 1, ctx.selection(0)), "another key");
            assertFalse(p.verify(key, ElGamalCiphertext.encrypt(key, m, Scalar.random(rng)), 1, ctx.selection(0)),
                    "another ciphertext");
        }
    }

    @Test
    void rangeProofCoversEveryValueUpToTheLimit() {
        int limit = 4;
        for (int m = 0; m <= limit; m++) {
            Scalar r = Scalar.random(rng);
            ElGamalCiphertext ct = ElGamalCiphertext.encrypt(key, m, r);
            RangeProof p = RangeProof.prove(key, ct, m, r, limit, ctx.limit(5), rng);
            assertEquals(limit, p.limit());
            assertTrue(p.verify(key, ct, limit, ctx.limit(5)));
            assertFalse(p.verify(key, ct, limit, ctx.limit(6)));
        }
    }

    @Test
    void proverRefusesAValueOutOfRangeOrAWrongNonce() {
        Scalar r = Scalar.random(rng);
        ElGamalCiphertext two = ElGamalCiphertext.encrypt(key, 2, r);
        assertThrows(ElectionException.class, () -> RangeProof.prove(key, two, 2, r, 1, ctx.selection(0), rng));
        ElGamalCiphertext one = ElGamalCiphertext.encrypt(key, 1, r);
        // claiming 0 for an encryption of 1: refused rather than a proof that would fail
        assertThrows(ElectionException.class, () -> RangeProof.prove(key, one, 0, r, 1, ctx.selection(0), rng));
        assertThrows(ElectionException.class,
                () -> RangeProof.prove(key, one, 1, Scalar.random(rng), 1, ctx.selection(0), rng));
        assertThrows(ElectionException.class,
                () -> BallotEncryptor.encrypt(key, ctx, new int[] {1, 1, 0}, 1, rng), "over the limit");
        assertThrows(ElectionException.class, () -> BallotEncryptor.encrypt(key, ctx, new int[] {2, 0}, 2, rng));
    }

    /** A cheater who simulates every branch (the honest way to forge) cannot make Σ c_j match the hash. */
    @Test
    void forgedProofForTwoFails() {
        Scalar r = Scalar.random(rng);
        ElGamalCiphertext two = ElGamalCiphertext.encrypt(key, 2, r);
        // The prover for value 1 run on the ciphertext of 2 with the nonce: produce it by proving the
        // ciphertext (α, β − G) encrypts 1, then present it for (α, β).
        ElGamalCiphertext shifted = new ElGamalCiphertext(two.alpha(), two.beta().subtract(Point.G));
        RangeProof forShifted = RangeProof.prove(key, shifted, 1, r, 1, ctx.selection(0), rng);
        assertFalse(forShifted.verify(key, two, 1, ctx.selection(0)));
        // And a whole ballot with two selections under limit 1, its limit proof forged the same way.
        int[] choices = {1, 1};
        List<EncryptedSelection> sel = new ArrayList<>();
        Scalar sum = Scalar.ZERO;
        for (int i = 0; i < 2; i++) {
            Scalar ri = Scalar.random(rng);
            ElGamalCiphertext ct = ElGamalCiphertext.encrypt(key, choices[i], ri);
            sel.add(new EncryptedSelection(ct, RangeProof.prove(key, ct, 1, ri, 1, ctx.selection(i), rng)));
            sum = sum.add(ri);
        }
        ElGamalCiphertext total = ElGamalCiphertext.sum(sel.stream().map(EncryptedSelection::ciphertext).toList());
        RangeProof limitForged = RangeProof.prove(key,
                new ElGamalCiphertext(total.alpha(), total.beta().subtract(Point.G)), 1, sum, 1, ctx.limit(2), rng);
        BallotStatement st = new BallotStatement(ctx, new EncryptedBallot(sel, limitForged), 2, 1);
        BallotCheck c = BallotVerifier.verify(key, st);
        assertFalse(c.valid());
        assertEquals(BallotCheck.LIMIT_PROOF, c.selection());
        BatchCheck b = BatchVerifier.verify(key, List.of(st), rng);
        assertFalse(b.valid());
        assertEquals(0, b.ballot());
    }

    @Test
    void wholeBallotVerifiesAndTamperingIsNamed() {
        EncryptedBallot ballot = BallotEncryptor.encrypt(key, ctx, new int[] {0, 1, 0}, 1, rng);
        BallotStatement st = new BallotStatement(ctx, ballot, 3, 1);
        assertTrue(BallotVerifier.verify(key, st).valid());
        // another voter's context
        assertFalse(BallotVerifier.verify(key, new BallotStatement(new BallotContext("proposal-1", "voter-x"),
                ballot, 3, 1)).valid());
        // wrong option count / wrong limit
        assertEquals(BallotCheck.SHAPE, BallotVerifier.verify(key, new BallotStatement(ctx, ballot, 4, 1)).selection());
        assertEquals(BallotCheck.LIMIT_PROOF,
                BallotVerifier.verify(key, new BallotStatement(ctx, ballot, 3, 2)).selection());
        // swapped selections: each proof is bound to its option index
        List<EncryptedSelection> swapped = new ArrayList<>(ballot.selections());
        swapped.set(0, ballot.selections().get(1));
        swapped.set(1, ballot.selections().get(0));
        BallotCheck c = BallotVerifier.verify(key, new BallotStatement(ctx,
                new EncryptedBallot(swapped, ballot.limitProof()), 3, 1));
        assertFalse(c.valid());
        assertEquals(0, c.selection());
        // one changed byte anywhere in a selection proof fails, either at decoding or at verification
        byte[] enc = ballot.selections().get(2).proof().encode();
        for (int pos = 0; pos < enc.length; pos += 7) {
            byte[] t = enc.clone();
            t[pos] ^= 0x01;
            RangeProof tampered;
            try {
                tampered = RangeProof.decode(t);
            } catch (ElectionException refused) {
                continue;
            }
            List<EncryptedSelection> s = new ArrayList<>(ballot.selections());
            s.set(2, new EncryptedSelection(ballot.selections().get(2).ciphertext(), tampered));
            BallotCheck bc = BallotVerifier.verify(key, new BallotStatement(ctx,
                    new EncryptedBallot(s, ballot.limitProof()), 3, 1));
            assertFalse(bc.valid(), "byte " + pos);
            assertEquals(2, bc.selection(), "byte " + pos);
        }
        // a changed ciphertext fails its own proof
        List<EncryptedSelection> s = new ArrayList<>(ballot.selections());
        ElGamalCiphertext ct = ballot.selections().get(1).ciphertext();
        s.set(1, new EncryptedSelection(new ElGamalCiphertext(ct.alpha(), ct.beta().add(Point.G)),
                ballot.selections().get(1).proof()));
        assertEquals(1, BallotVerifier.verify(key, new BallotStatement(ctx,
                new EncryptedBallot(s, ballot.limitProof()), 3, 1)).selection());
    }

    @Test
    void multipleChoiceBallotsUpToTheLimit() {
        EncryptedBallot b = BallotEncryptor.encrypt(key, ctx, new int[] {1, 1, 0, 1}, 3, rng);
        assertTrue(BallotVerifier.verify(key, new BallotStatement(ctx, b, 4, 3)).valid());
        EncryptedBallot none = BallotEncryptor.encrypt(key, ctx, new int[] {0, 0, 0, 0}, 3, rng);
        assertTrue(BallotVerifier.verify(key, new BallotStatement(ctx, none, 4, 3)).valid());
    }

    @Test
    void batchCatchesOneBadBallotAmongManyAndNamesIt() {
        List<BallotStatement> all = new ArrayList<>();
        for (int v = 0; v < 12; v++) {
            BallotContext c = new BallotContext("proposal-1", "voter-" + v);
            int[] choices = new int[3];
            choices[v % 3] = 1;
            all.add(new BallotStatement(c, BallotEncryptor.encrypt(key, c, choices, 1, rng), 3, 1));
        }
        assertTrue(BatchVerifier.verify(key, all, rng).valid());
        // ballot 7: a selection's z changed (hash sums still hold, only the group equation breaks)
        BallotStatement good = all.get(7);
        EncryptedSelection sel = good.ballot().selections().get(2);
        List<RangeProof.Branch> br = new ArrayList<>(sel.proof().branches());
        RangeProof.Branch b0 = br.get(0);
        br.set(0, new RangeProof.Branch(b0.a(), b0.b(), b0.c(), b0.z().add(Scalar.ONE)));
        List<EncryptedSelection> sels = new ArrayList<>(good.ballot().selections());
        sels.set(2, new EncryptedSelection(sel.ciphertext(), new RangeProof(br)));
        List<BallotStatement> bad = new ArrayList<>(all);
        bad.set(7, new BallotStatement(good.context(), new EncryptedBallot(sels, good.ballot().limitProof()), 3, 1));
        BatchCheck check = BatchVerifier.verify(key, bad, rng);
        assertFalse(check.valid());
        assertEquals(7, check.ballot());
        assertEquals(2, check.failure().selection());
        assertTrue(check.describe().contains("ballot 7"), check.describe());
        // a later ballot failing the cheap (hash) check does not hide the earlier group-equation failure
        bad.set(10, new BallotStatement(new BallotContext("proposal-1", "someone-else"), all.get(10).ballot(), 3, 1));
        assertEquals(7, BatchVerifier.verify(key, bad, rng).ballot());
        // and alone it is named
        List<BallotStatement> onlyLate = new ArrayList<>(all);
        onlyLate.set(10, bad.get(10));
        assertEquals(10, BatchVerifier.verify(key, onlyLate, rng).ballot());
        assertTrue(BatchVerifier.verify(key, List.of(), rng).valid());
    }
}
