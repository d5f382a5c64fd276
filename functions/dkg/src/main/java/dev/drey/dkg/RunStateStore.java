package dev.drey.dkg;

import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a participant keeps its runs: one KV entry per (run, miner), sealed with {@link AtRestCipher}, written
 * with compare-and-set so concurrent handlers of one miner never lose an update. A run still waiting for its
 * start request expires after {@link #WAITING_TTL} (anyone can address events to an unknown run id).
 */
final class RunStateStore {
    static final Duration WAITING_TTL = Duration.ofDays(1);
    private final KeyValueStore kv;
    private final DkgIdentity identity;
    private final AtRestCipher cipher;
    private final SecureRandom rng;

    RunStateStore(KeyValueStore kv, DkgIdentity identity, SecureRandom rng) {
        this.kv = kv;
        this.identity = identity;
        this.cipher = identity.atRest();
        this.rng = rng;
    }

    String key(String runId) {
        return "dkg/state/" + runId + "/" + identity.pubkey();
    }

    /** The run's state and its version (0 and a fresh state when there is none). */
    Loaded load(String runId) {
        Optional<Versioned> v = kv.get(key(runId));
        if (v.isEmpty()) {
            return new Loaded(new RunState(runId), 0);
        }
        byte[] plain = cipher.open(AtRestCipher.aad("state", runId, identity.pubkey()), v.get().value());
        RunState s = RunStateCodec.decode(new String(plain, StandardCharsets.UTF_8));
        if (!s.runId.equals(runId)) {
            throw new DkgStateException("stored DKG state belongs to another run");
        }
        return new Loaded(s, v.get().version());
    }

    /** Writes {@code s} if the entry is still at {@code version}; false if another writer came first. */
    boolean compareAndSet(RunState s, long version) {
        byte[] sealed = cipher.seal(AtRestCipher.aad("state", s.runId, identity.pubkey()),
                RunStateCodec.encode(s).getBytes(StandardCharsets.UTF_8), rng);
        Duration ttl = s.status == RunState.Status.WAITING_FOR_START ? WAITING_TTL : null;
        return kv.compareAndSet(key(s.runId), version, sealed, ttl).isPresent();
    }

    record Loaded(RunState state, long version) {
    }
}
