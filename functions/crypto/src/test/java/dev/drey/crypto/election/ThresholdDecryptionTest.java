package dev.drey.crypto.election;

import static dev.drey.crypto.election.ElectionTestSupport.seeded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdDecryptionTest {
    private static final String PROPOSAL = "proposal-7";
    private final SecureRandom rng = seeded(3);
    private final ElectionTestDealer.Dealt dealt = ElectionTestDealer.deal(3, 5, rng);
    private final ElectionKey key = dealt.key();

    /** 5 voters over 3 options: choices 0,1,1,2,- (the last abstains). */
    private Tally tally() {
        int[][] choices = {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 0}};
        List<EncryptedBallot> ballots = new ArrayList<>();
        for (int v = 0; v < choices.length; v++) {
            ballots.add(BallotEncryptor.encrypt(key.publicKey(), new BallotContext(PROPOSAL, "v" + v), choices[v], 1,
                    rng));
        }
        return Tally.of(key.publicKey(), 3, ballots);
    }

    private List<PartialDecryption> partials(Tally t, int... trustees) {
        List<PartialDecryption> out = new ArrayList<>();
        for (int i : trustees) {
            out.add(ThresholdDecryption.decryptShare(dealt.shares().get(i - 1), PROPOSAL, t, rng));
        }
        return out;
    }

    @Test
    void anyThresholdSubsetDecryptsTheTally() {
        Tally t = tally();
        int[][] subsets = {{1, 2, 3}, {1, 2, 4}, {1, 2, 5}, {1, 3, 4}, {1, 3, 5}, {1, 4, 5}, {2, 3, 4}, {2, 3, 5},
            {2, 4, 5}, {3, 4, 5}};
        for (int[] s : subsets) {
            TallyResult r = ThresholdDecryption.combine(key, PROPOSAL, t, partials(t, s), 5);
            assertEquals(List.of(1L, 2L, 1L), r.counts());
            assertEquals(3, r.trusteesUsed().size());
            assertTrue(r.culprits().isEmpty());
        }
        TallyResult all = ThresholdDecryption.combine(key, PROPOSAL, t, partials(t, 5, 4, 3, 2, 1), 5);
        assertEquals(List.of(1, 2, 3), all.trusteesUsed());
    }

    @Test
    void fewerThanThresholdDoNotDecrypt() {
        Tally t = tally();
        ElectionException e = assertThrows(ElectionException.class,
                () -> ThresholdDecryption.combine(key, PROPOSAL, t, partials(t, 2, 5), 5));
        assertTrue(e.getMessage().contains("2 valid partial decryptions, 3 needed"), e.getMessage());
    }

    @Test
    void badPartialsAreNamedAndTheTallyIsStillRight() {
        Tally t = tally();
        List<PartialDecryption> ps = partials(t, 1, 2, 3, 4, 5);
        // trustee 2: a wrong share with a proof for it made by another secret
        PartialDecryption honest2 = ps.get(1);
        List<DecryptionShare> wrong = new ArrayList<>(honest2.shares());
        wrong.set(1, new DecryptionShare(honest2.shares().get(1).share().add(Point.G), honest2.shares().get(1).proof()));
        ps.set(1, new PartialDecryption(2, wrong));
        // trustee 4: a valid partial of trustee 5 presented as its own
        ps.set(3, new PartialDecryption(4, ps.get(4).shares()));
        assertTrue(ThresholdDecryption.check(key, PROPOSAL, t, ps.get(1)).get().contains("trustee 2"));
        TallyResult r = ThresholdDecryption.combine(key, PROPOSAL, t, ps, 5);
        assertEquals(List.of(1L, 2L, 1L), r.counts());
        assertEquals(List.of(2, 4), r.culprits());
        assertEquals(List.of(1, 3, 5), r.trusteesUsed());
        // three bad: too few valid, culprits named in the error
        ps.set(0, new PartialDecryption(9, ps.get(0).shares()));
        ElectionException e = assertThrows(ElectionException.class,
                () -> ThresholdDecryption.combine(key, PROPOSAL, t, ps, 5));
        assertEquals(List.of(2, 4, 9), e.culprits());
    }

    @Test
    void partialIsBoundToItsTallyProposalAndTrustee() {
        Tally t = tally();
        PartialDecryption p = partials(t, 1).get(0);
        assertTrue(ThresholdDecryption.check(key, PROPOSAL, t, p).isEmpty());
        assertTrue(ThresholdDecryption.check(key, "proposal-8", t, p).isPresent());
        Tally other = tally();
        assertTrue(ThresholdDecryption.check(key, PROPOSAL, other, p).isPresent());
        // the same partial twice counts once; two different partials from one trustee name it and use neither
        List<PartialDecryption> resent = new ArrayList<>(partials(t, 2, 3));
        resent.add(p);
        resent.add(p);
        TallyResult once = ThresholdDecryption.combine(key, PROPOSAL, t, resent, 5);
        assertTrue(once.culprits().isEmpty());
        assertEquals(List.of(1, 2, 3), once.trusteesUsed());
        PartialDecryption again = partials(t, 1).get(0);
        List<PartialDecryption> dup = new ArrayList<>(partials(t, 2, 3, 4));
        dup.add(p);
        dup.add(again);
        TallyResult r = ThresholdDecryption.combine(key, PROPOSAL, t, dup, 5);
        assertEquals(List.of(1), r.culprits());
        assertEquals(List.of(2, 3, 4), r.trusteesUsed());
        assertEquals(List.of(1L, 2L, 1L), r.counts());
    }

    @Test
    void wireFormsRoundTripAndTallyHashIsStable() {
        Tally t = tally();
        DecryptionShare d = partials(t, 1).get(0).shares().get(0);
        assertEquals(d, DecryptionShare.decode(d.encode()));
        assertThrows(ElectionException.class, () -> DecryptionShare.decode(new byte[96]));
        byte[] h = t.hash(PROPOSAL);
        assertArrayEquals(h, new Tally(t.publicKey(), t.ciphertexts()).hash(PROPOSAL));
        assertEquals(32, h.length);
        assertNotEquals(t.hashHex(PROPOSAL), t.hashHex("proposal-8"));
        Tally empty = Tally.of(key.publicKey(), 3, List.of());
        TallyResult r = ThresholdDecryption.combine(key, PROPOSAL, empty, partials(empty, 1, 2, 3), 0);
        assertEquals(List.of(0L, 0L, 0L), r.counts());
        assertFalse(empty.hashHex(PROPOSAL).equals(t.hashHex(PROPOSAL)));
    }

    @Test
    void countAboveTheBoundIsAClearError() {
        Tally t = tally();
        ElectionException e = assertThrows(ElectionException.class,
                () -> ThresholdDecryption.combine(key, PROPOSAL, t, partials(t, 1, 2, 3), 1));
        assertTrue(e.getMessage().contains("not in 0..1"), e.getMessage());
    }

    @Test
    void trusteeSharesDoNotPrintTheirSecret() {
        assertFalse(dealt.shares().get(0).toString().contains(Scalar.class.getSimpleName() + "["));
        assertTrue(dealt.shares().get(0).toString().contains("redacted"));
    }
}
