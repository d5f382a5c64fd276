package dev.drey.beacon;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.pairing.DleqProof;
import dev.drey.crypto.pairing.Lagrange;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingDealer;
import dev.drey.crypto.pairing.PairingException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real threshold BLS on the existing AMCL BLS12-381 groups, for the state machine's tests: partials s_i·H(m)
 * with a DLEQ proof against s_i·g1, Lagrange aggregation, and e(σ, g2) = e(H(m), s·g2). It is not drand's
 * encoding (AMCL's uncompressed points, Milagro's map to G1 rather than RFC 9380's hash): the production
 * binding wraps {@code dev.drey.crypto.bls}. Test-only for that reason.
 */
final class PairingChainKey implements ChainKey {
    static final PairingCurve CURVE = PairingCurves.BLS381;

    /** A dealt key: the shares, the G1 verification shares and the G2 group key. */
    record Key(int threshold, List<MasterSecretShare> shares, byte[] groupKey) {
        static Key deal(int t, int n, SecureRandom rng) {
            BigInteger secret = CURVE.randomScalar(rng);
            PairingDealer.Dealt d = PairingDealer.split(CURVE, secret, t, n, rng);
            return new Key(t, d.shares(), CURVE.g2().mul(CURVE.g2().generator(), secret));
        }

        PairingChainKey holder(int index, SecureRandom rng) {
            return new PairingChainKey(this, index, rng);
        }
    }

    private final Key key;
    private final MasterSecretShare mine;
    private final SecureRandom rng;

    private PairingChainKey(Key key, int index, SecureRandom rng) {
        this.key = key;
        this.mine = key.shares().get(index - 1);
        this.rng = rng;
    }

    static byte[] hashToG1(Domain domain, byte[] message) {
        try {
            MessageDigest h = MessageDigest.getInstance("SHA-384"); // Milagro's map takes an EFS (48-byte) hash
            h.update(domain.dst().getBytes(StandardCharsets.US_ASCII));
            h.update(message);
            return CURVE.hashToG1(h.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] verificationShare(int index) {
        return key.shares().get(index - 1).publicShare();
    }

    private static byte[] context(Domain domain) {
        return ("drey/beacon/partial|" + domain.dst()).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public int threshold() {
        return key.threshold();
    }

    @Override
    public boolean isMember(int index) {
        return index >= 1 && index <= key.shares().size();
    }

    @Override
    public int myIndex() {
        return mine.index();
    }

    @Override
    public SignedPartial sign(Domain domain, byte[] message) {
        byte[] h = hashToG1(domain, message);
        byte[] partial = CURVE.g1().mul(h, mine.value());
        DleqProof p = DleqProof.prove(CURVE, mine.value(),
                new DleqProof.Statement(CURVE.g1(), CURVE.g1().generator(), mine.publicShare()),
                new DleqProof.Statement(CURVE.g1(), h, partial), context(domain), rng);
        return new SignedPartial(partial, Bytes.concat(CURVE.scalarBytes(p.c()), CURVE.scalarBytes(p.z())));
    }

    @Override
    public boolean verifyPartial(Domain domain, byte[] message, int index, byte[] partial, byte[] proof) {
        int egs = CURVE.mpin().scalarLength();
        if (!isMember(index) || proof.length != 2 * egs) {
            return false;
        }
        try {
            DleqProof p = new DleqProof(CURVE.scalarFromBytes(Arrays.copyOfRange(proof, 0, egs), "c"),
                    CURVE.scalarFromBytes(Arrays.copyOfRange(proof, egs, 2 * egs), "z"));
            byte[] h = hashToG1(domain, message);
            return p.verify(CURVE, new DleqProof.Statement(CURVE.g1(), CURVE.g1().generator(), verificationShare(index)),
                    new DleqProof.Statement(CURVE.g1(), h, partial), context(domain));
        } catch (PairingException e) {
            return false;
        }
    }

    @Override
    public byte[] aggregate(Map<Integer, SignedPartial> partials) {
        List<Integer> indices = new ArrayList<>(partials.keySet());
        BigInteger[] lambda = Lagrange.atZero(indices, CURVE.order());
        byte[][] points = indices.stream().map(i -> partials.get(i).partial()).toArray(byte[][]::new);
        return CURVE.g1().linearCombination(points, lambda);
    }

    @Override
    public boolean verify(Domain domain, byte[] message, byte[] signature) {
        try {
            CURVE.g1().validate(signature, "signature");
            byte[] h = hashToG1(domain, message);
            byte[] minusH = CURVE.g1().mul(h, CURVE.order().subtract(BigInteger.ONE));
            return CURVE.pairingProductIsOne(CURVE.g2().generator(), signature, key.groupKey(), minusH);
        } catch (PairingException e) {
            return false;
        }
    }
}
