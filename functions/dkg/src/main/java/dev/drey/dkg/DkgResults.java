package dev.drey.dkg;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.KeyPackage;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.crypto.pairing.DtaPublicKey;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import dev.drey.nostr.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A miner's DKG results in the KV store, under {@code dkg/result/<run>/<miner pubkey>}: a JSON object whose
 * public part (group key, verifying shares or DTA commitments) is readable, and whose secret share is sealed
 * with AES-256-GCM under the miner's identity-derived key, the additional data binding run, miner, key type
 * and identifier. Loading re-checks the share against the public part, and gives a result only for a run this
 * miner's state shows <b>complete</b>: every member confirmed the same round-1 transcript. A result of a run still
 * open, failed, or unknown to the state is never returned, whatever the KV store holds.
 *
 * <pre>
 * {"v":1,"run":R,"key":"frost-bip340","id":i,"threshold":t,"groupKey":"&lt;33 hex&gt;",
 *  "verifyingShares":[{"id":1,"share":"&lt;33 hex&gt;"},...],"sealed":"&lt;hex&gt;"}
 * {"v":1,"run":R,"key":"election-secp256k1", ... as frost-bip340 (groupKey is the election key K) ...}
 * {"v":1,"run":R,"key":"dta","id":i,"threshold":t,"curve":"bls381","commitments":["&lt;G1 hex&gt;",...],"sealed":"&lt;hex&gt;"}
 * {"v":1,"run":R,"key":"beacon-bls12381","id":i,"threshold":t,"commitments":["&lt;G1 hex&gt;",...],
 *  "groupKey":"&lt;G2 hex&gt;","sealed":"&lt;hex&gt;"}
 * </pre>
 */
public final class DkgResults {
    private final KeyValueStore kv;
    private final DkgIdentity identity;
    private final AtRestCipher cipher;
    private final SecureRandom rng;
    private final RunStateStore states;

    public DkgResults(KeyValueStore kv, DkgIdentity identity, SecureRandom rng) {
        this.kv = kv;
        this.identity = identity;
        this.cipher = identity.atRest();
        this.rng = rng;
        this.states = new RunStateStore(kv, identity, rng);
    }

    /**
     * The run's status at this miner: {@code waiting} (unknown or not started), {@code round1}, {@code round2}
     * (shares or confirmations outstanding), {@code complete} (confirmed by all) or {@code failed}.
     */
    public String status(String runId) {
        return states.load(DkgChecks.runId(runId)).state().status.wire;
    }

    /** The members this miner found at fault in the run (identifier → reason); empty unless it failed. */
    public Map<Integer, String> culprits(String runId) {
        return Map.copyOf(states.load(DkgChecks.runId(runId)).state().culprits);
    }

    public String key(String runId) {
        return "dkg/result/" + runId + "/" + identity.pubkey();
    }

    private byte[] aad(String runId, KeyType type, int id) {
        return (new String(AtRestCipher.aad("result", runId, identity.pubkey()), StandardCharsets.US_ASCII) + "|"
                + type.wireName() + "|" + id).getBytes(StandardCharsets.US_ASCII);
    }

    /** Stores a result unless one is there already (a replay recomputes the same one); true if stored. */
    boolean store(DkgResult r) {
        JsonWriter w = new JsonWriter(2048);
        w.rawAscii("{\"v\":1,\"run\":").string(r.runId()).rawAscii(",\"key\":").string(r.keyType().wireName());
        byte[] secret;
        int id;
        if (r instanceof DkgResult.Frost || r instanceof DkgResult.Election) {
            KeyPackage kp = r instanceof DkgResult.Frost f ? f.keyPackage() : ((DkgResult.Election) r).keyPackage();
            PublicKeyPackage pub = r instanceof DkgResult.Frost f ? f.publicKeyPackage()
                    : ((DkgResult.Election) r).publicKeyPackage();
            id = kp.identifier().value().toBigInteger().intValueExact();
            w.rawAscii(",\"id\":").number(id).rawAscii(",\"threshold\":").number(pub.minSigners())
                    .rawAscii(",\"groupKey\":").string(Hex.encode(pub.groupPublicKey().encodeCompressed()))
                    .rawAscii(",\"verifyingShares\":[");
            boolean first = true;
            for (Map.Entry<Identifier, Point> e : pub.verifyingShares().entrySet()) {
                if (!first) {
                    w.raw(',');
                }
                first = false;
                w.rawAscii("{\"id\":").number(e.getKey().value().toBigInteger().intValueExact())
                        .rawAscii(",\"share\":").string(Hex.encode(e.getValue().encodeCompressed())).raw('}');
            }
            w.raw(']');
            secret = kp.signingShare().encode();
        } else if (r instanceof DkgResult.Beacon b) {
            id = b.share().index();
            w.rawAscii(",\"id\":").number(id).rawAscii(",\"threshold\":").number(b.commitments().threshold())
                    .rawAscii(",\"commitments\":")
                    .stringArray(b.commitments().commitments().stream().map(Hex::encode).toList())
                    .rawAscii(",\"groupKey\":").string(Hex.encode(b.groupKey()));
            secret = b.share().curve().scalarBytes(b.share().value());
        } else {
            DkgResult.Dta d = (DkgResult.Dta) r;
            id = d.share().index();
            w.rawAscii(",\"id\":").number(id).rawAscii(",\"threshold\":").number(d.publicKey().threshold())
                    .rawAscii(",\"curve\":").string(d.share().curve().id()).rawAscii(",\"commitments\":")
                    .stringArray(d.publicKey().commitments().stream().map(Hex::encode).toList());
            secret = d.share().curve().scalarBytes(d.share().value());
        }
        byte[] sealed = cipher.seal(aad(r.runId(), r.keyType(), id), secret, rng);
        java.util.Arrays.fill(secret, (byte) 0);
        w.rawAscii(",\"sealed\":").string(Hex.encode(sealed)).raw('}');
        return kv.putIfAbsent(key(r.runId()), w.toBytes());
    }

    /** Drops a result (its run failed after all). */
    boolean delete(String runId) {
        return kv.delete(key(runId));
    }

    /**
     * This miner's result of run {@code runId} once the run is complete (every member confirmed the same
     * round-1 transcript); empty while it is unknown or still open.
     *
     * @throws DkgStateException if the run failed (naming its culprits, if any), or a complete run's result is
     *     missing, altered, belongs elsewhere or does not parse
     */
    public Optional<DkgResult> load(String runId) {
        RunState s = states.load(DkgChecks.runId(runId)).state();
        if (s.status == RunState.Status.FAILED) {
            throw new DkgStateException("run " + runId + " failed" + (s.culprits.isEmpty()
                    ? " without a named culprit" : "; culprits " + s.culprits) + ": it has no result");
        }
        if (s.status != RunState.Status.COMPLETE) {
            return Optional.empty(); // not confirmed (yet): whatever is stored is not a result
        }
        Optional<Versioned> v = kv.get(key(runId));
        if (v.isEmpty()) {
            throw new DkgStateException("run " + runId + " is complete but its result is missing from the KV store");
        }
        try {
            Map<String, Object> m = DkgJson.READ.parseObject(new String(v.get().value(), StandardCharsets.UTF_8));
            DkgJson.READ.requireVersion(m);
            if (!DkgJson.READ.string(m, "run").equals(runId)) {
                throw new DkgStateException("stored DKG result belongs to another run");
            }
            KeyType type = KeyType.fromWire(DkgJson.READ.string(m, "key"));
            int id = DkgJson.READ.integer(m, "id", 1, Participant.MAX_ID);
            int t = DkgJson.READ.integer(m, "threshold", 1, Roster.MAX_PARTICIPANTS);
            byte[] secret = cipher.open(aad(runId, type, id), Hex.decode(DkgJson.READ.string(m, "sealed")));
            if (type == KeyType.FROST_BIP340 || type == KeyType.ELECTION_SECP256K1) {
                Map<Identifier, Point> shares = new TreeMap<>();
                for (Object o : DkgJson.READ.array(m, "verifyingShares")) {
                    Map<String, Object> e = DkgJson.READ.asObject(o, "verifyingShares[]");
                    shares.put(Identifier.of(DkgJson.READ.integer(e, "id", 1, Participant.MAX_ID)),
                            Point.decodeCompressed(DkgJson.READ.hexExact(e, "share", 33)));
                }
                PublicKeyPackage pub = new PublicKeyPackage(shares,
                        Point.decodeCompressed(DkgJson.READ.hexExact(m, "groupKey", 33)), t);
                KeyPackage kp = KeyPackage.of(Identifier.of(id), Scalar.decodeNonZero(secret), pub);
                return Optional.of(type == KeyType.ELECTION_SECP256K1 ? new DkgResult.Election(runId, kp, pub)
                        : new DkgResult.Frost(runId, kp, pub));
            }
            PairingCurve curve = type == KeyType.BEACON_BLS12381 ? BeaconScheme.CURVE
                    : PairingCurves.byName(DkgJson.READ.string(m, "curve"));
            List<byte[]> cs = new ArrayList<>();
            for (Object o : DkgJson.READ.array(m, "commitments")) {
                cs.add(DkgJson.READ.hex(o, "commitments[]", Round1Message.MAX_ELEMENT_BYTES));
            }
            DtaPublicKey pub = new DtaPublicKey(curve, cs);
            MasterSecretShare share = new MasterSecretShare(curve, id, curve.scalarFromBytes(secret, "stored share"));
            if (!java.util.Arrays.equals(share.publicShare(), pub.publicShare(id)) || pub.threshold() != t) {
                throw new DkgStateException("stored DTA share does not match its public key");
            }
            if (type == KeyType.BEACON_BLS12381) {
                byte[] groupKey = DkgJson.READ.hexExact(m, "groupKey", curve.g2().encodedLength());
                curve.g2().validate(groupKey, "stored beacon group key");
                if (!BeaconScheme.sameLogarithm(pub.groupKey(), groupKey)) {
                    throw new DkgStateException("stored beacon group key does not match its commitments");
                }
                return Optional.of(new DkgResult.Beacon(runId, share, pub, groupKey));
            }
            return Optional.of(new DkgResult.Dta(runId, share, pub));
        } catch (DkgMessageException | CryptoException | IllegalArgumentException e) {
            throw new DkgStateException("stored DKG result is not usable: " + e.getMessage());
        }
    }
}
