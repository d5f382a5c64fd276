package dev.drey.crypto.pairing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pedersen DKG of the DTA master secret over Z_r with Feldman commitments in G1 only (the FROST DKG's
 * shape on the pairing group): round 1 broadcasts commitments and a proof of knowledge of the constant
 * term; round 2 sends f_i(j) to each j privately (the transport encrypts it, NIP-44); finalize checks
 * every received share against its dealer's commitments and names the dealer of a bad one.
 *
 * <p>The proof of knowledge is bound to the dealer's index and to a caller's {@code context} (a DKG run and
 * its roster), so a proof from one run cannot be replayed into another; the methods without a context use the
 * empty one (simulations with no run).
 */
public final class PairingDkg {
    private PairingDkg() {
    }

    /** What participant {@code index} broadcasts in round 1. */
    public record Round1Package(int index, DtaPublicKey commitments, DleqProof proofOfKnowledge) {
    }

    /** A participant's secret polynomial between rounds. Never printed. */
    public static final class Round1Secret {
        private final PairingCurve curve;
        private final int index;
        private final BigInteger[] coefficients;

        private Round1Secret(PairingCurve curve, int index, BigInteger[] coefficients) {
            this.curve = curve;
            this.index = index;
            this.coefficients = coefficients;
        }

        public int index() {
            return index;
        }

        /** f_i(j): the share for participant j, to be sent encrypted to j alone. */
        public BigInteger shareFor(int j) {
            if (j < 1) {
                throw new PairingException("DKG: participant index must be at least 1");
            }
            return PairingDealer.evaluate(coefficients, j, curve.order());
        }

        /** a_0 times {@code group}'s generator: the beacon key publishes the constant term's image in G2. */
        public byte[] constantTermImage(PairingGroup group) {
            return group.mul(group.generator(), coefficients[0]);
        }

        @Override
        public String toString() {
            return "Round1Secret[index=" + index + ", <secret>]";
        }
    }

    /** No binding beyond the dealer's index. */
    public static final byte[] NO_CONTEXT = new byte[0];

    /** Round 1 for participant {@code index}: the secret polynomial and the broadcast package. */
    public static Map.Entry<Round1Secret, Round1Package> round1(PairingCurve curve, int index, int threshold,
            SecureRandom rng) {
        return round1(curve, index, threshold, NO_CONTEXT, rng);
    }

    /** Round 1 with the proof of knowledge bound to {@code context} as well as to {@code index}. */
    public static Map.Entry<Round1Secret, Round1Package> round1(PairingCurve curve, int index, int threshold,
            byte[] context, SecureRandom rng) {
        if (context == null) {
            throw new PairingException("DKG: missing proof-of-knowledge context");
        }
        if (index < 1 || threshold < 1) {
            throw new PairingException("DKG: index and threshold must be at least 1");
        }
        BigInteger[] a = new BigInteger[threshold];
        List<byte[]> c = new ArrayList<>();
        for (int k = 0; k < threshold; k++) {
            a[k] = curve.randomScalar(rng);
            c.add(curve.g1().mul(curve.g1().generator(), a[k]));
        }
        DtaPublicKey commitments = new DtaPublicKey(curve, c);
        DleqProof pok = DleqProof.prove(curve, a[0], statement(curve, c.get(0)), statement(curve, c.get(0)),
                pokContext(index, context), rng);
        return Map.entry(new Round1Secret(curve, index, a), new Round1Package(index, commitments, pok));
    }

    /**
     * Finalize for participant {@code me}: checks every round-1 proof and every received share f_i(me),
     * then returns the master secret share and the joint public key.
     *
     * @param received f_i(me) by dealer index i (including me's own)
     * @throws DkgCheatException naming the dealer whose proof or share is wrong
     */
    public static Map.Entry<MasterSecretShare, DtaPublicKey> finalize(PairingCurve curve, int me,
            List<Round1Package> round1, Map<Integer, BigInteger> received) {
        return finalize(curve, me, round1, received, NO_CONTEXT);
    }

    /** Finalize with every proof of knowledge checked under {@code context} (the one round 1 used). */
    public static Map.Entry<MasterSecretShare, DtaPublicKey> finalize(PairingCurve curve, int me,
            List<Round1Package> round1, Map<Integer, BigInteger> received, byte[] context) {
        if (context == null) {
            throw new PairingException("DKG: missing proof-of-knowledge context");
        }
        Map<Integer, Round1Package> byIndex = new TreeMap<>();
        for (Round1Package p : round1) {
            if (byIndex.put(p.index(), p) != null) {
                throw new DkgCheatException(p.index(), "sent two round-1 packages");
            }
            byte[] c0 = p.commitments().commitments().get(0);
            if (!p.proofOfKnowledge().verify(curve, statement(curve, c0), statement(curve, c0),
                    pokContext(p.index(), context))) {
                throw new DkgCheatException(p.index(), "proof of knowledge of its secret does not verify");
            }
        }
        BigInteger sum = BigInteger.ZERO;
        for (Round1Package p : byIndex.values()) {
            BigInteger share = received.get(p.index());
            if (share == null) {
                throw new DkgCheatException(p.index(), "sent no round-2 share");
            }
            byte[] expected = p.commitments().publicShare(me);
            BigInteger s = share.mod(curve.order());
            if (s.signum() == 0 || !java.util.Arrays.equals(curve.g1().mul(curve.g1().generator(), s), expected)) {
                throw new DkgCheatException(p.index(), "round-2 share does not match its commitments");
            }
            sum = sum.add(s);
        }
        List<DtaPublicKey> parts = byIndex.values().stream().map(Round1Package::commitments).toList();
        return Map.entry(new MasterSecretShare(curve, me, sum.mod(curve.order())), DtaPublicKey.sum(curve, parts));
    }

    private static DleqProof.Statement statement(PairingCurve curve, byte[] c0) {
        return new DleqProof.Statement(curve.g1(), curve.g1().generator(), c0);
    }

    /** tag || index || context: the empty context gives the unbound proof's bytes unchanged. */
    private static byte[] pokContext(int index, byte[] context) {
        byte[] tag = "drey/dta/dkg/pok".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(tag.length + 4 + context.length).put(tag).putInt(index).put(context).array();
    }

    /** A DKG participant misbehaved; {@link #dealer()} names it. */
    public static final class DkgCheatException extends PairingException {
        private final int dealer;

        public DkgCheatException(int dealer, String what) {
            super("DKG participant " + dealer + " " + what);
            this.dealer = dealer;
        }

        public int dealer() {
            return dealer;
        }
    }
}
