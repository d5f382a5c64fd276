package dev.drey.beacon;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * One miner's beacon and VRF logic for one chain: plain Java over the KV store, the key's {@link ChainKey}
 * and times passed in (no clock, no transport), so it is tested alone and replayed safely.
 *
 * <ul>
 * <li>{@link #tick}: signs every round due by {@code now} (round r at genesis + (r−1)·period) not yet signed,
 *     at most {@code maxCatchUp} rounds back (after downtime the oldest missed rounds are skipped, not signed
 *     in a burst); never a round whose time has not come. Once per round per miner, through the KV store.</li>
 * <li>A partial (3471): accepted only from the member its index names, for this chain, for a round already due
 *     (up to {@link #MAX_CLOCK_SKEW}); its DLEQ proof is checked at once, so a bad one names its sender.
 *     At t checked partials the first t are aggregated and checked with one pairing, and the beacon (3472) or the
 *     VRF output (3474) is published, once per miner.</li>
 * <li>A beacon from another aggregator (3472) that verifies completes the round here too (nothing
 *     republished); outputs are unique, so duplicates are harmless.</li>
 * <li>A VRF request (3473) from an allowed requester gets this miner's partial, once per request; anyone else's
 *     is refused (an empty requester list answers none: fail closed). Only a miner that accepted a request
 *     aggregates its output.</li>
 * </ul>
 */
public final class BeaconNode {
    /** How many missed rounds a miner signs when it comes back, by default. */
    public static final int DEFAULT_MAX_CATCH_UP = 10;
    private static final int CAS_ATTEMPTS = 16;
    /** Seconds a member's clock may run ahead of this one before its partials count as early. */
    public static final long MAX_CLOCK_SKEW = 2;

    private final String chainHash;
    private final ChainSchedule schedule;
    private final ChainKey bls;
    private final Map<Integer, String> members;
    private final Set<String> vrfRequesters;
    private final KeyValueStore kv;
    private final int maxCatchUp;

    /**
     * @param members       every key holder's index → x-only nostr key (hex), from the beacon DKG's roster
     * @param vrfRequesters x-only keys allowed to ask for a VRF output
     */
    public BeaconNode(String chainHash, ChainSchedule schedule, ChainKey bls, Map<Integer, String> members,
            Set<String> vrfRequesters, KeyValueStore kv, int maxCatchUp) {
        this.chainHash = BeaconMessage.hash(chainHash, "chain hash");
        if (schedule == null || bls == null || members == null || vrfRequesters == null || kv == null) {
            throw new BeaconException("beacon node: missing chain schedule, key, roster, requester list or store");
        }
        if (maxCatchUp < 1 || maxCatchUp > 10_000) {
            throw new BeaconException("beacon node: catch-up bound must be 1..10000 rounds");
        }
        if (members.size() < bls.threshold() || !members.containsKey(bls.myIndex())) {
            throw new BeaconException("beacon node: the roster must hold at least t members, this miner among them");
        }
        this.schedule = schedule;
        this.bls = bls;
        this.members = Map.copyOf(members);
        this.vrfRequesters = Set.copyOf(vrfRequesters);
        this.kv = kv;
        this.maxCatchUp = maxCatchUp;
    }

    public String chainHash() {
        return chainHash;
    }

    /** What one input did: messages to publish, notes for the log, members found cheating (index → why). */
    public record Step(List<BeaconMessage> publish, List<String> notes, Map<Integer, String> culprits) {
        public Step {
            publish = List.copyOf(publish);
            notes = List.copyOf(notes);
            culprits = Map.copyOf(culprits);
        }

        static Step note(String note) {
            return new Step(List.of(), List.of(note), Map.of());
        }
    }

    private final class Builder {
        final List<BeaconMessage> publish = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<Integer, String> culprits = new TreeMap<>();

        Step build() {
            return new Step(publish, notes, culprits);
        }
    }

    /** The periodic tick at {@code now} (epoch seconds): this miner's partials of the rounds due. */
    public Step tick(long now) {
        Builder out = new Builder();
        long latest = schedule.latestRoundAt(now);
        if (latest == 0) {
            return Step.note("chain " + chainHash + " starts at " + schedule.genesisTime());
        }
        long lastSigned = lastSigned();
        long from = Math.max(lastSigned + 1, latest - maxCatchUp + 1);
        if (from > lastSigned + 1 && lastSigned > 0) {
            out.notes.add("rounds " + (lastSigned + 1) + ".." + (from - 1) + " missed: beyond the catch-up bound of "
                    + maxCatchUp);
        }
        for (long r = from; r <= latest; r++) {
            signOnce(new PartialMessage.Round(r), out);
        }
        raiseLastSigned(latest);
        return out.build();
    }

    /** A beacon event from the log, handled at {@code now} (epoch seconds). */
    public Step handle(Event e, long now) {
        if (!BeaconKinds.isBeaconKind(e.kind())) {
            return Step.note("kind " + e.kind() + " is not for the beacon");
        }
        if (e.kind() == BeaconKinds.CHAIN_INFO) {
            return Step.note("chain info " + e.id() + ": nothing to do (the key is the beacon DKG's)");
        }
        if (e.verify() != Verification.VALID) {
            return Step.note("event " + e.id() + " has a bad id or signature");
        }
        BeaconMessage m;
        try {
            m = BeaconCodec.decode(e, chainHash);
        } catch (BeaconException ex) {
            return Step.note("event " + e.id() + " from " + e.pubkey() + ": " + ex.getMessage());
        }
        Builder out = new Builder();
        if (m instanceof PartialMessage p) {
            onPartial(e, p, now, out);
        } else if (m instanceof BeaconOutput b) {
            onOutput(e, new PartialMessage.Round(b.round()), b.signature(), now, out);
        } else if (m instanceof VrfRequest r) {
            onVrfRequest(e, r, out);
        } else {
            VrfOutput o = (VrfOutput) m;
            onOutput(e, new PartialMessage.Vrf(o.requestId(), o.input()), o.proof(), now, out);
        }
        return out.build();
    }

    private void onPartial(Event e, PartialMessage p, long now, Builder out) {
        if (!e.pubkey().equals(members.get(p.index())) || !bls.isMember(p.index())) {
            out.notes.add("partial " + e.id() + ": " + e.pubkey() + " is not member " + p.index() + " of the key");
            return;
        }
        if (p.target() instanceof PartialMessage.Round r && schedule.timeOf(r.round()) > now + MAX_CLOCK_SKEW) {
            // A round signed early would let a time-locked payload open early; refused (a wrong clock, or worse).
            out.notes.add("partial " + e.id() + " of member " + p.index() + ": round " + r.round()
                    + " is not due yet; refused");
            return;
        }
        PartialPool pool = pool(p.target());
        switch (pool.fit(p.index(), p.partial())) {
            case DUPLICATE -> out.notes.add("partial of " + p.index() + " for " + p.target().key() + ": duplicate");
            case LATE -> out.notes.add("partial of " + p.index() + " for " + p.target().key() + ": output known");
            case CONFLICTING, NEW -> {
                if (!bls.verifyPartial(p.target().domain(), p.target().message(), p.index(), p.partial(), p.proof())) {
                    out.culprits.put(p.index(), "bad partial or DLEQ proof for " + p.target().key());
                    out.notes.add("partial " + e.id() + " of member " + p.index() + " for " + p.target().key()
                            + ": proof does not verify; refused");
                    return;
                }
                if (pool.fit(p.index(), p.partial()) == PartialPool.Fit.CONFLICTING) {
                    out.notes.add("partial of " + p.index() + " for " + p.target().key() + ": a second valid one?");
                    return; // unreachable for BLS (partials are unique); kept so nothing is overwritten
                }
                add(p.target(), p.index(), new ChainKey.SignedPartial(p.partial(), p.proof()), out);
            }
        }
    }

    private void onOutput(Event e, PartialMessage.Target target, byte[] signature, long now, Builder out) {
        if (target instanceof PartialMessage.Round r && schedule.timeOf(r.round()) > now + MAX_CLOCK_SKEW) {
            out.notes.add("beacon " + e.id() + " from " + e.pubkey() + ": round " + r.round() + " is not due yet");
            return;
        }
        if (!bls.verify(target.domain(), target.message(), signature)) {
            out.notes.add("output " + e.id() + " from " + e.pubkey() + " for " + target.key()
                    + " does not verify under the group key; ignored");
            return;
        }
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Optional<Versioned> v = kv.get(poolKey(target));
            PartialPool pool = v.map(x -> PartialPool.decode(x.value())).orElse(PartialPool.EMPTY);
            if (pool.complete()) {
                out.notes.add(target.key() + ": output already known");
                return;
            }
            if (store(target, v, pool.completed())) {
                out.notes.add(target.key() + ": output received from " + e.pubkey());
                return;
            }
        }
        throw new BeaconException("beacon node: too much contention on " + target.key());
    }

    private void onVrfRequest(Event e, VrfRequest r, Builder out) {
        if (!vrfRequesters.contains(e.pubkey())) {
            out.notes.add("VRF request " + e.id() + " from " + e.pubkey() + " refused: not an allowed requester");
            return;
        }
        signOnce(new PartialMessage.Vrf(e.id(), r.input()), out);
    }

    /** Signs {@code target} unless this miner did already (KV put-if-absent first: never twice, even in a race). */
    private void signOnce(PartialMessage.Target target, Builder out) {
        if (!kv.putIfAbsent(signedKey(target), new byte[] {1})) {
            return;
        }
        ChainKey.SignedPartial s = bls.sign(target.domain(), target.message());
        out.publish.add(new PartialMessage(chainHash, target, bls.myIndex(), s.partial(), s.proof()));
        add(target, bls.myIndex(), s, out);
    }

    /** Adds a checked partial; at t, aggregates, checks with one pairing and publishes the output once. */
    private void add(PartialMessage.Target target, int index, ChainKey.SignedPartial partial, Builder out) {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Optional<Versioned> v = kv.get(poolKey(target));
            PartialPool pool = v.map(x -> PartialPool.decode(x.value())).orElse(PartialPool.EMPTY);
            if (pool.fit(index, partial.partial()) != PartialPool.Fit.NEW) {
                return;
            }
            PartialPool next = pool.with(index, partial);
            Map<Integer, ChainKey.SignedPartial> t = next.firstT(bls.threshold());
            byte[] signature = null;
            // A VRF output is made only for a request this miner accepted itself (allowed requester): partials of
            // other requests wait in the pool, so a request that arrives after its partials still completes.
            boolean accepted = !(target instanceof PartialMessage.Vrf) || kv.get(signedKey(target)).isPresent();
            if (!t.isEmpty() && accepted) {
                signature = bls.aggregate(t);
                if (!bls.verify(target.domain(), target.message(), signature)) {
                    // Every pooled partial passed its DLEQ check, so this is a broken key binding, not a member.
                    out.notes.add(target.key() + ": aggregate of " + t.keySet() + " does not verify; not published");
                    signature = null;
                } else {
                    next = next.completed();
                }
            }
            if (store(target, v, next)) {
                if (signature != null) {
                    out.publish.add(target instanceof PartialMessage.Round r ? BeaconOutput.of(r.round(), signature)
                            : VrfOutput.of(((PartialMessage.Vrf) target).requestId(),
                                    ((PartialMessage.Vrf) target).input(), signature));
                }
                return;
            }
        }
        throw new BeaconException("beacon node: too much contention on " + target.key());
    }

    private PartialPool pool(PartialMessage.Target target) {
        return kv.get(poolKey(target)).map(x -> PartialPool.decode(x.value())).orElse(PartialPool.EMPTY);
    }

    private boolean store(PartialMessage.Target target, Optional<Versioned> was, PartialPool next) {
        if (was.isEmpty()) {
            return kv.putIfAbsent(poolKey(target), next.encode());
        }
        return kv.compareAndSet(poolKey(target), was.get().version(), next.encode()).isPresent();
    }

    private long lastSigned() {
        return kv.get(prefix() + "last-signed").map(v -> ByteBuffer.wrap(v.value()).getLong()).orElse(0L);
    }

    private void raiseLastSigned(long round) {
        String key = prefix() + "last-signed";
        byte[] value = ByteBuffer.allocate(8).putLong(round).array();
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Optional<Versioned> v = kv.get(key);
            if (v.isEmpty()) {
                if (kv.putIfAbsent(key, value)) {
                    return;
                }
                continue;
            }
            if (ByteBuffer.wrap(v.get().value()).getLong() >= round) {
                return;
            }
            OptionalLong done = kv.compareAndSet(key, v.get().version(), value);
            if (done.isPresent()) {
                return;
            }
        }
    }

    private String prefix() {
        return "beacon/" + chainHash + "/" + bls.myIndex() + "/";
    }

    private String signedKey(PartialMessage.Target target) {
        return prefix() + "signed/" + target.key();
    }

    private String poolKey(PartialMessage.Target target) {
        return prefix() + "pool/" + target.key();
    }
}
