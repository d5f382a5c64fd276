package dev.drey.dkg;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.pairing.DleqProof;
import dev.drey.crypto.pairing.DtaPublicKey;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingDkg;
import dev.drey.crypto.pairing.PairingException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DTA master secret: {@link PairingDkg} over {@code curve}, G1 commitments only, proofs of knowledge bound
 * to the run ({@link RunBinding}). Shares are the curve's
 * fixed-length scalars; the proof is c || z of the DLEQ proof of knowledge.
 */
final class DtaScheme implements KeyScheme {
    private final PairingCurve curve;
    private final int threshold;
    private final byte[] context;

    DtaScheme(PairingCurve curve, int threshold, byte[] context) {
        this.curve = curve;
        this.threshold = threshold;
        this.context = context.clone();
    }

    Map.Entry<PairingDkg.Round1Secret, PairingDkg.Round1Package> own(Seed seed) {
        return PairingDkg.round1(curve, seed.me(), threshold, context, seed.random());
    }

    @Override
    public Round1Message round1(Seed seed) {
        PairingDkg.Round1Package p = own(seed).getValue();
        return new Round1Message(seed.runId(), seed.me(), p.commitments().commitments(), Bytes.concat(
                curve.scalarBytes(p.proofOfKnowledge().c()), curve.scalarBytes(p.proofOfKnowledge().z())));
    }

    @Override
    public byte[] shareFor(Seed seed, int j) {
        return curve.scalarBytes(own(seed).getKey().shareFor(j));
    }

    private Object decode(Round1Message m) {
        if (m.commitments().size() != threshold) {
            return new Accusation(m.from(), Fault.INVALID_COMMITMENT,
                    m.commitments().size() + " commitments, the threshold is " + threshold);
        }
        DtaPublicKey commitments;
        try {
            commitments = new DtaPublicKey(curve, m.commitments());
        } catch (PairingException e) {
            return new Accusation(m.from(), Fault.INVALID_COMMITMENT, e.getMessage());
        }
        int egs = curve.mpin().scalarLength();
        byte[] proof = m.proof();
        try {
            if (proof.length != 2 * egs) {
                throw new PairingException("proof must be " + 2 * egs + " bytes (c || z)");
            }
            return new PairingDkg.Round1Package(m.from(), commitments, new DleqProof(
                    curve.scalarFromBytes(Arrays.copyOfRange(proof, 0, egs), "proof c"),
                    curve.scalarFromBytes(Arrays.copyOfRange(proof, egs, 2 * egs), "proof z")));
        } catch (PairingException e) {
            return new Accusation(m.from(), Fault.INVALID_PROOF, "proof of knowledge: " + e.getMessage());
        }
    }

    private PairingDkg.Round1Package packageOf(Round1Message m) {
        Object o = decode(m);
        if (o instanceof Accusation a) {
            throw new DkgMessageException("round 1 of " + m.from() + " is not usable: " + a.detail());
        }
        return (PairingDkg.Round1Package) o;
    }

    @Override
    public Optional<Accusation> checkRound1(Round1Message m) {
        // PairingDkg checks the proof of knowledge only together with a share (see checkShare).
        return decode(m) instanceof Accusation a ? Optional.of(a) : Optional.empty();
    }

    @Override
    public Optional<Accusation> checkShare(Round1Message m, int recipient, byte[] share) {
        PairingDkg.Round1Package p = packageOf(m);
        try {
            BigInteger s = curve.scalarFromBytes(share, "share");
            // One dealer alone: its proof of knowledge, then its share against its commitments.
            PairingDkg.finalize(curve, recipient, List.of(p), Map.of(m.from(), s), context);
            return Optional.empty();
        } catch (PairingException e) {
            return Optional.of(new Accusation(m.from(), Fault.INVALID_SHARE, e.getMessage()));
        }
    }

    @Override
    public DkgResult finalize(Seed seed, Map<Integer, Round1Message> others, Map<Integer, byte[]> shares) {
        Map.Entry<PairingDkg.Round1Secret, PairingDkg.Round1Package> own = own(seed);
        List<PairingDkg.Round1Package> all = new ArrayList<>();
        Map<Integer, BigInteger> received = new HashMap<>();
        all.add(own.getValue());
        received.put(seed.me(), own.getKey().shareFor(seed.me()));
        for (Map.Entry<Integer, Round1Message> e : others.entrySet()) {
            all.add(packageOf(e.getValue()));
            byte[] share = shares.get(e.getKey());
            if (share == null) {
                throw new DkgMessageException("no share from " + e.getKey());
            }
            received.put(e.getKey(), curve.scalarFromBytes(share, "share"));
        }
        try {
            Map.Entry<MasterSecretShare, DtaPublicKey> r = PairingDkg.finalize(curve, seed.me(), all, received, context);
            return new DkgResult.Dta(seed.runId(), r.getKey(), r.getValue());
        } catch (PairingException e) {
            throw new DkgMessageException("the checked contributions do not combine: " + e.getMessage());
        }
    }
}
