package dev.drey.dkg;

import dev.drey.crypto.pairing.DtaPublicKey;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingException;
import dev.drey.crypto.pairing.PairingGroup;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The beacon key on BLS12-381: the DTA scheme's G1 Feldman DKG (same proofs of knowledge, bound to the run by
 * {@link RunBinding}, whose key type differs) with one more element per dealer, the image a_0·g2 of its
 * constant term in G2. Round 1 carries the t G1 commitments followed by that G2 point; a dealer whose G2 point
 * fails e(C_0, g2) = e(g1, a_0·g2) is accused ({@link Fault#INVALID_COMMITMENT}). The group key is the sum of
 * the G2 images, so it lies in G2 while each member's verification share Σ C_k·j^k stays in G1.
 */
final class BeaconScheme implements KeyScheme {
    static final PairingCurve CURVE = PairingCurves.BLS381;
    private final DtaScheme g1;
    private final int threshold;

    BeaconScheme(int threshold, byte[] context) {
        this.g1 = new DtaScheme(CURVE, threshold, context);
        this.threshold = threshold;
    }

    @Override
    public Round1Message round1(Seed seed) {
        Round1Message m = g1.round1(seed);
        List<byte[]> all = new ArrayList<>(m.commitments());
        all.add(g1.own(seed).getKey().constantTermImage(CURVE.g2()));
        return new Round1Message(m.runId(), m.from(), all, m.proof());
    }

    @Override
    public byte[] shareFor(Seed seed, int j) {
        return g1.shareFor(seed, j);
    }

    /** The message's G1 part (what the DTA scheme checks); shape checked by {@link #checkRound1} first. */
    private static Round1Message g1Part(Round1Message m) {
        List<byte[]> cs = m.commitments();
        return new Round1Message(m.runId(), m.from(), cs.subList(0, cs.size() - 1), m.proof());
    }

    private static byte[] g2Image(Round1Message m) {
        List<byte[]> cs = m.commitments();
        return cs.get(cs.size() - 1);
    }

    @Override
    public Optional<Accusation> checkRound1(Round1Message m) {
        if (m.commitments().size() != threshold + 1) {
            return Optional.of(new Accusation(m.from(), Fault.INVALID_COMMITMENT, m.commitments().size()
                    + " elements, expected " + threshold + " G1 commitments and the G2 image of the constant term"));
        }
        Optional<Accusation> bad = g1.checkRound1(g1Part(m));
        if (bad.isPresent()) {
            return bad;
        }
        byte[] image = g2Image(m);
        try {
            CURVE.g2().validate(image, "G2 image of the constant term");
        } catch (PairingException e) {
            return Optional.of(new Accusation(m.from(), Fault.INVALID_COMMITMENT, e.getMessage()));
        }
        if (!sameLogarithm(m.commitments().get(0), image)) {
            return Optional.of(new Accusation(m.from(), Fault.INVALID_COMMITMENT,
                    "G2 image does not match the constant term: e(C_0, g2) != e(g1, image)"));
        }
        return Optional.empty();
    }

    /** e(c0, g2) = e(g1, image), checked as e(g2, c0)·e(image, -g1) = 1 with one final exponentiation. */
    static boolean sameLogarithm(byte[] c0, byte[] image) {
        PairingGroup gg1 = CURVE.g1();
        byte[] minusG1 = gg1.mul(gg1.generator(), CURVE.order().subtract(BigInteger.ONE));
        return CURVE.pairingProductIsOne(CURVE.g2().generator(), c0, image, minusG1);
    }

    @Override
    public Optional<Accusation> checkShare(Round1Message m, int recipient, byte[] share) {
        return g1.checkShare(g1Part(m), recipient, share);
    }

    @Override
    public DkgResult finalize(Seed seed, Map<Integer, Round1Message> others, Map<Integer, byte[]> shares) {
        Map<Integer, Round1Message> g1Parts = new HashMap<>();
        List<byte[]> images = new ArrayList<>();
        images.add(g1.own(seed).getKey().constantTermImage(CURVE.g2()));
        for (Map.Entry<Integer, Round1Message> e : others.entrySet()) {
            if (e.getValue().commitments().size() != threshold + 1) { // checked before: a caller error
                throw new DkgMessageException("round 1 of " + e.getKey() + " is not usable");
            }
            g1Parts.put(e.getKey(), g1Part(e.getValue()));
            images.add(g2Image(e.getValue()));
        }
        DkgResult.Dta r = (DkgResult.Dta) g1.finalize(seed, g1Parts, shares);
        BigInteger[] ones = new BigInteger[images.size()];
        java.util.Arrays.fill(ones, BigInteger.ONE);
        byte[] groupKey;
        try {
            groupKey = CURVE.g2().linearCombination(images.toArray(byte[][]::new), ones);
        } catch (PairingException e) {
            throw new DkgMessageException("the checked contributions do not combine: " + e.getMessage());
        }
        DtaPublicKey commitments = r.publicKey();
        if (!sameLogarithm(commitments.groupKey(), groupKey)) {
            throw new DkgMessageException("the G2 group key does not match the G1 commitments");
        }
        return new DkgResult.Beacon(seed.runId(), r.share(), commitments, groupKey);
    }
}
