package dev.drey.beacon;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.bls.Bls12381;
import dev.drey.crypto.bls.BlsException;
import dev.drey.crypto.bls.BlsGroupKey;
import dev.drey.crypto.bls.BlsKeyShare;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.G1Point;
import dev.drey.crypto.bls.HashToCurve;
import dev.drey.crypto.bls.PartialSignature;
import dev.drey.crypto.bls.ThresholdBls;
import dev.drey.crypto.bls.ThresholdMessage;
import dev.drey.crypto.pairing.PairingException;
import dev.drey.dkg.DkgResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The beacon's {@link ChainKey} on drand's scheme ({@code dev.drey.crypto.bls}): partials are
 * {@link PartialSignature}s (σ_i, 48 bytes, then the DLEQ proof c || z, 64 bytes), proofs bound to the chain hash
 * for rounds and to the VRF DST for VRF inputs ({@link ThresholdMessage}), the aggregate is Lagrange
 * interpolation ({@link ThresholdBls#interpolate}) and the check one pairing against the chain's G2 key.
 */
public final class BlsChainKey implements ChainKey {
    private final ChainInfo chain;
    private final BlsGroupKey key;
    private final BlsKeyShare share;
    private final SecureRandom rng;
    private final Bls12381.PreparedG2 prepared;

    /**
     * @throws BeaconException unless the chain's public key is the group key and the share is its holder's
     */
    public BlsChainKey(ChainInfo chain, BlsGroupKey key, BlsKeyShare share, SecureRandom rng) {
        if (!chain.publicKey().equals(key.publicKey())) {
            throw new BeaconException("the chain info's public key is not the beacon key's group key");
        }
        if (!key.verificationShares().containsKey(share.index())
                || !key.verificationShare(share.index()).equals(share.verificationShare())) {
            throw new BeaconException("the beacon share does not match verification share " + share.index());
        }
        this.chain = chain;
        this.key = key;
        this.share = share;
        this.rng = rng;
        this.prepared = new Bls12381.PreparedG2(key.publicKey());
    }

    /** The key a beacon DKG run left this miner, for the members {@code indices} of its roster. */
    public static BlsChainKey fromDkg(ChainInfo chain, DkgResult.Beacon result, Collection<Integer> indices,
            SecureRandom rng) {
        Map<Integer, G1Point> shares = new TreeMap<>();
        for (int i : indices) {
            shares.put(i, ZcashPoints.g1(result.verificationShare(i)));
        }
        BlsGroupKey key = new BlsGroupKey(result.commitments().threshold(), ZcashPoints.g2(result.groupKey()), shares);
        return new BlsChainKey(chain, key, new BlsKeyShare(result.share().index(), result.share().value()), rng);
    }

    /** The drand chain info a beacon DKG result gives, for the schedule and beacon id chosen. */
    public static ChainInfo chainInfo(DkgResult.Beacon result, int period, long genesisTime, String beaconId) {
        byte[] seed = Bytes.sha256(("drey/beacon/genesis-seed/v1|" + result.runId()).getBytes(StandardCharsets.US_ASCII));
        return new ChainInfo(ZcashPoints.g2(result.groupKey()), period, genesisTime, seed,
                dev.drey.crypto.bls.BeaconScheme.ID, beaconId);
    }

    public ChainInfo chain() {
        return chain;
    }

    public String chainHash() {
        return Hex.encode(chain.hash());
    }

    /** A round's proofs are bound to this chain's hash, a VRF input's to the VRF DST. */
    private ThresholdMessage message(Domain domain, byte[] message) {
        return domain == Domain.BEACON
                ? new ThresholdMessage(domain.dst().getBytes(StandardCharsets.US_ASCII), message, chain.hash())
                : ThresholdMessage.vrf(message);
    }

    @Override
    public int threshold() {
        return key.threshold();
    }

    @Override
    public boolean isMember(int index) {
        return key.verificationShares().containsKey(index);
    }

    @Override
    public int myIndex() {
        return share.index();
    }

    @Override
    public SignedPartial sign(Domain domain, byte[] message) {
        byte[] wire = ThresholdBls.sign(share, message(domain, message), rng).toBytes();
        return new SignedPartial(Arrays.copyOfRange(wire, 0, G1Point.BYTES),
                Arrays.copyOfRange(wire, G1Point.BYTES, wire.length));
    }

    private static PartialSignature decode(int index, byte[] partial, byte[] proof) {
        return PartialSignature.fromBytes(index, Bytes.concat(partial, proof));
    }

    @Override
    public boolean verifyPartial(Domain domain, byte[] message, int index, byte[] partial, byte[] proof) {
        if (!isMember(index)) {
            return false;
        }
        try {
            ThresholdMessage m = message(domain, message);
            return ThresholdBls.verifyPartial(key, m, m.point(), decode(index, partial, proof));
        } catch (BlsException | PairingException malformed) {
            return false;
        }
    }

    @Override
    public byte[] aggregate(Map<Integer, SignedPartial> partials) {
        List<PartialSignature> list = new ArrayList<>();
        partials.forEach((i, p) -> list.add(decode(i, p.partial(), p.proof())));
        return ThresholdBls.interpolate(list).toBytes();
    }

    @Override
    public boolean verify(Domain domain, byte[] message, byte[] signature) {
        try {
            G1Point sig = G1Point.fromBytesNonIdentity(signature, "signature");
            return Bls12381.verifyPairing(sig, HashToCurve.hashToG1(message, domain.dst()), prepared);
        } catch (BlsException malformed) {
            return false;
        }
    }
}
