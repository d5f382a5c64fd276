package dev.drey.crypto.frost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sums of signature shares checked at once, directly or over the complement; the share-consistency check. */
class ShareSumTest {

    @Test
    void subsetSumsAgreeWithSingleShareChecksBothWays() {
        SecureRandom rng = FrostTestSupport.seeded(31);
        Random rnd = new Random(5);
        boolean oddR = false;
        boolean evenR = false;
        boolean oddY = false;
        boolean evenY = false;
        for (int iter = 0; iter < 16; iter++) {
            int t = 2 + rnd.nextInt(8);
            int n = t + rnd.nextInt(4);
            Dealer.Output dealt = Dealer.generate(t, n, rng);
            PublicKeyPackage pub = dealt.publicKeyPackage();
            assertTrue(pub.sharesInterpolate());
            List<Identifier> signers = FrostTestSupport.subset(dealt.keyPackages().keySet(), t, rnd);
            FrostTestSupport.Run run = FrostTestSupport.sign(Ciphersuite.BIP340, dealt.keyPackages(), signers,
                    ("sum " + iter).getBytes(StandardCharsets.UTF_8), rng);
            SigningSession session = run.session();
            oddR |= session.noncesNegated();
            evenR |= !session.noncesNegated();
            oddY |= session.sharesNegated();
            evenY |= !session.sharesNegated();
            Map<Identifier, Scalar> z = new HashMap<>();
            for (SignatureShare s : run.shares()) {
                z.put(s.identifier(), s.share());
            }
            List<Identifier> ids = session.signers();
            for (int mask = 1; mask < (1 << ids.size()) && mask < 64; mask++) {
                List<Identifier> covered = new ArrayList<>();
                Scalar sum = Scalar.ZERO;
                for (int k = 0; k < ids.size(); k++) {
                    if ((mask & (1 << k)) != 0) {
                        covered.add(ids.get(k));
                        sum = sum.add(z.get(ids.get(k)));
                    }
                }
                for (boolean complement : new boolean[] {false, true}) {
                    assertTrue(session.verifyShareSum(covered, sum, pub::verifyingShare, complement));
                    assertFalse(session.verifyShareSum(covered, sum.add(Scalar.ONE), pub::verifyingShare, complement));
                }
            }
            // One wrong share among the covered ones fails the sum; the same holds for each single share.
            Identifier bad = ids.get(0);
            Scalar wrong = z.get(bad).add(Scalar.of(7));
            assertFalse(session.verifyShare(new SignatureShare(bad, wrong), pub.verifyingShare(bad)));
            Scalar all = wrong;
            for (int k = 1; k < ids.size(); k++) {
                all = all.add(z.get(ids.get(k)));
            }
            assertFalse(session.verifyShareSum(ids, all, pub::verifyingShare, true));
            assertTrue(session.verifyShareSum(List.of(), Scalar.ZERO, pub::verifyingShare, true));
        }
        assertTrue(oddR && evenR && oddY && evenY, "all parities occurred");
    }

    @Test
    void inconsistentVerifyingSharesAreDetected() {
        SecureRandom rng = FrostTestSupport.seeded(32);
        Dealer.Output dealt = Dealer.generate(3, 5, rng);
        PublicKeyPackage pub = dealt.publicKeyPackage();
        assertTrue(pub.sharesInterpolate());
        Map<Identifier, Point> shares = new HashMap<>(pub.verifyingShares());
        Identifier last = new ArrayList<>(new java.util.TreeSet<>(shares.keySet())).get(4);
        shares.put(last, shares.get(last).add(Point.G));
        assertFalse(new PublicKeyPackage(shares, pub.groupPublicKey(), 3).sharesInterpolate());
        assertFalse(new PublicKeyPackage(pub.verifyingShares(), pub.groupPublicKey().add(Point.G), 3)
                .sharesInterpolate());
        assertEquals(true, new PublicKeyPackage(pub.verifyingShares(), pub.groupPublicKey(), 3).sharesInterpolate());
    }
}
