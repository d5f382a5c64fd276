package dev.drey.dkg;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Dkg;
import dev.drey.crypto.frost.FrostException;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.VssCommitment;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The secp256k1 group key: {@link Dkg} with {@link Ciphersuite#BIP340}, proofs of knowledge bound to the run
 * ({@link RunBinding}). Shares are 32-byte scalars. The election key runs the same mathematics; its binding names
 * its own key type, so no contribution of one run type verifies in the other, and its result is typed apart.
 */
final class FrostScheme implements KeyScheme {
    static final Ciphersuite SUITE = Ciphersuite.BIP340;
    private final KeyType type;
    private final int threshold;
    private final int participants;
    private final byte[] context;

    FrostScheme(KeyType type, int threshold, int participants, byte[] context) {
        if (type != KeyType.FROST_BIP340 && type != KeyType.ELECTION_SECP256K1) {
            throw new IllegalArgumentException("not a secp256k1 key type: " + type);
        }
        this.type = type;
        this.threshold = threshold;
        this.participants = participants;
        this.context = context.clone();
    }

    private Dkg.Part1 part1(Seed seed) {
        return Dkg.part1(SUITE, Identifier.of(seed.me()), participants, threshold, context, seed.random());
    }

    @Override
    public Round1Message round1(Seed seed) {
        Dkg.Round1Package p = part1(seed).broadcast();
        List<byte[]> cs = new ArrayList<>();
        for (Point c : p.commitment().coefficients()) {
            cs.add(c.encodeCompressed());
        }
        return new Round1Message(seed.runId(), seed.me(), cs,
                Bytes.concat(p.proofR().encodeCompressed(), p.proofMu().encode()));
    }

    @Override
    public byte[] shareFor(Seed seed, int j) {
        return part1(seed).secret().polynomial().evaluate(Identifier.of(j)).encode();
    }

    /** The package a round-1 message carries, or the accusation it earns. */
    private Object decode(Round1Message m) {
        Identifier sender = Identifier.of(m.from());
        byte[] all = Bytes.concat(m.commitments().toArray(new byte[0][]));
        VssCommitment c;
        try {
            if (m.commitments().stream().anyMatch(b -> b.length != 33)) {
                throw new FrostException(FrostException.Fault.INVALID_ELEMENT, "commitments must be 33-byte points");
            }
            c = VssCommitment.decode(sender, all);
        } catch (FrostException e) {
            return new Accusation(m.from(), Fault.INVALID_COMMITMENT, e.getMessage());
        }
        if (c.size() != threshold) {
            return new Accusation(m.from(), Fault.INVALID_COMMITMENT,
                    "commitment has " + c.size() + " coefficients, the threshold is " + threshold);
        }
        byte[] proof = m.proof();
        try {
            if (proof.length != 65) {
                throw new CryptoException("proof must be 65 bytes (R || mu)");
            }
            return new Dkg.Round1Package(c, Point.decodeCompressed(Arrays.copyOfRange(proof, 0, 33)),
                    Scalar.decode(Arrays.copyOfRange(proof, 33, 65)));
        } catch (CryptoException e) {
            return new Accusation(m.from(), Fault.INVALID_PROOF, "proof of knowledge: " + e.getMessage());
        }
    }

    private Dkg.Round1Package packageOf(Round1Message m) {
        Object o = decode(m);
        if (o instanceof Accusation a) {
            throw new DkgMessageException("round 1 of " + m.from() + " is not usable: " + a.detail());
        }
        return (Dkg.Round1Package) o;
    }

    @Override
    public Optional<Accusation> checkRound1(Round1Message m) {
        Object o = decode(m);
        if (o instanceof Accusation a) {
            return Optional.of(a);
        }
        if (!Dkg.verifyProofOfKnowledge(SUITE, Identifier.of(m.from()), (Dkg.Round1Package) o, context)) {
            return Optional.of(new Accusation(m.from(), Fault.INVALID_PROOF,
                    "proof of knowledge does not verify for this run and roster"));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Accusation> checkShare(Round1Message m, int recipient, byte[] share) {
        Dkg.Round1Package p = packageOf(m);
        Scalar s;
        try {
            s = Scalar.decode(share);
        } catch (CryptoException e) {
            return Optional.of(new Accusation(m.from(), Fault.INVALID_SHARE, "share: " + e.getMessage()));
        }
        if (!p.commitment().verify(Identifier.of(recipient), s)) {
            return Optional.of(new Accusation(m.from(), Fault.INVALID_SHARE,
                    "share for " + recipient + " does not match its dealer's commitment"));
        }
        return Optional.empty();
    }

    @Override
    public DkgResult finalize(Seed seed, Map<Integer, Round1Message> others, Map<Integer, byte[]> shares) {
        Map<Identifier, Dkg.Round1Package> r1 = new HashMap<>();
        Map<Identifier, Dkg.Round2Package> r2 = new HashMap<>();
        for (Map.Entry<Integer, Round1Message> e : others.entrySet()) {
            r1.put(Identifier.of(e.getKey()), packageOf(e.getValue()));
            byte[] share = shares.get(e.getKey());
            if (share == null) {
                throw new DkgMessageException("no share from " + e.getKey());
            }
            r2.put(Identifier.of(e.getKey()), new Dkg.Round2Package(Scalar.decode(share)));
        }
        try {
            Dkg.Part2 part2 = Dkg.part2(SUITE, part1(seed).secret(), r1, context);
            Dkg.Result r = Dkg.part3(part2.secret(), r2, new SecureRandom());
            return type == KeyType.ELECTION_SECP256K1
                    ? new DkgResult.Election(seed.runId(), r.keyPackage(), r.publicKeyPackage())
                    : new DkgResult.Frost(seed.runId(), r.keyPackage(), r.publicKeyPackage());
        } catch (FrostException e) {
            throw new DkgMessageException("the checked contributions do not combine: " + e.getMessage());
        }
    }
}
