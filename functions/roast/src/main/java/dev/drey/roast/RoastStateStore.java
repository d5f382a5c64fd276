package dev.drey.roast;

import dev.drey.crypto.Hex;
import dev.drey.crypto.frost.Identifier;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Run states kept in a {@link KeyValueStore}, so any number of stateless orchestrator instances can process
 * a run's messages, concurrently or one after another, and a crash at any point resumes from the store.
 *
 * <p>{@link #apply} reads the run's header (version v), applies the input with the pure
 * {@link RoastCoordinator}, writes any new session blob (write-once, content-addressed) and then the new
 * header with compare-and-set on v; if another instance got there first it reads again and re-applies.
 * Outputs are returned only after the write succeeded, so nothing is ever sent for a state that was not
 * stored. An instance that crashes after the write but before sending calls {@link #resume} (or any
 * instance does) to re-send what the stored state still waits for.
 *
 * <p>Keys: {@code <prefix>/<coordinator>/<request>} (header) and
 * {@code <prefix>/<coordinator>/<request>/s/<session>/<blob hash>} (sessions).
 */
public final class RoastStateStore {
    public static final String DEFAULT_PREFIX = "roast/run";
    /** Compare-and-set attempts before giving up (each loss means another instance made progress). */
    public static final int MAX_ATTEMPTS = 1000;

    private final KeyValueStore kv;
    private final RoastCoordinator coordinator;
    private final String prefix;
    private final Duration ttl;
    /** Session blobs are immutable and content-addressed: safe to keep per process. */
    private final Map<String, Session> sessionCache = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                    return size() > 4096;
                }
            });

    /** Per run, the last state this instance stored or decoded (only reused if the stored bytes are equal). */
    private final Map<String, Cached> lastSeen = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > 256;
                }
            });

    /** What {@link #apply} did: the transition, and how many compare-and-set attempts it took. */
    public record Applied(Transition transition, int attempts) {
        public RunState state() {
            return transition.state();
        }

        public List<RoastOutput> outputs() {
            return transition.outputs();
        }
    }

    public RoastStateStore(KeyValueStore kv, RoastCoordinator coordinator) {
        this(kv, coordinator, DEFAULT_PREFIX, null);
    }

    /** @param ttl how long a run's keys live after their last write, or null for ever */
    public RoastStateStore(KeyValueStore kv, RoastCoordinator coordinator, String prefix, Duration ttl) {
        if (kv == null || coordinator == null || prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("state store: missing store, coordinator or prefix");
        }
        this.kv = kv;
        this.coordinator = coordinator;
        this.prefix = prefix;
        this.ttl = ttl;
    }

    public RoastCoordinator coordinator() {
        return coordinator;
    }

    /** The store the runs are kept in (the orchestrator keeps its sent events beside them). */
    public KeyValueStore kv() {
        return kv;
    }

    /** The key prefix of this store's runs. */
    public String prefix() {
        return prefix;
    }

    /** How long a run's keys live after their last write, or null for ever. */
    public Duration ttl() {
        return ttl;
    }

    public String headerKey(String coordinatorPubkey, String requestId) {
        RoastChecks.pubkey(coordinatorPubkey, "coordinator");
        RoastChecks.requestId(requestId);
        return prefix + "/" + coordinatorPubkey + "/" + requestId;
    }

    private String sessionKey(String header, RunStateCodec.SessionRef ref) {
        return header + "/s/" + ref.id() + "/" + ref.hashHex();
    }

    /** The stored run, if any instance has stored it. */
    public Optional<RunState> load(String coordinatorPubkey, String requestId) {
        return read(headerKey(coordinatorPubkey, requestId)).map(Loaded::state);
    }

    private record Loaded(RunState state, long version) {
    }

    private Optional<Loaded> read(String header) {
        Optional<Versioned> v = kv.get(header);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = v.get().value();
        // The state this instance wrote or read last is reused when the stored bytes are the same: decoding
        // (point decompression of every presignature) is the costly part of a read.
        Cached c = lastSeen.get(header);
        if (c != null && c.version() == v.get().version() && Arrays.equals(c.bytes(), bytes)) {
            return Optional.of(new Loaded(c.state(), c.version()));
        }
        RunState state = RunStateCodec.decodeHeader(bytes, (ref, members) -> session(header, ref, members));
        remember(header, v.get().version(), bytes, state, null);
        return Optional.of(new Loaded(state, v.get().version()));
    }

    /** {@code encodings}: the slot and progress encodings of {@code state}, by identity, for the next write. */
    private record Cached(long version, byte[] bytes, RunState state, IdentityHashMap<Object, byte[]> encodings) {
    }

    private void remember(String header, long version, byte[] bytes, RunState state,
            IdentityHashMap<Object, byte[]> encodings) {
        lastSeen.put(header, new Cached(version, bytes, state, encodings));
    }

    private Session session(String header, RunStateCodec.SessionRef ref, List<Identifier> members) {
        String key = sessionKey(header, ref);
        Session cached = sessionCache.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] blob = kv.get(key).orElseThrow(() -> new RunStateException("stored run: session " + ref.id()
                + " blob " + ref.hashHex() + " is missing")).value();
        if (!Arrays.equals(RunStateCodec.sessionHash(blob), ref.hash())) {
            throw new RunStateException("stored run: session " + ref.id() + " blob does not match its hash");
        }
        Session s = RunStateCodec.decodeSession(blob, members);
        if (s.id() != ref.id()) {
            throw new RunStateException("stored run: session blob " + ref.hashHex() + " is for session " + s.id());
        }
        sessionCache.put(key, s);
        return s;
    }

    /**
     * Applies {@code input} to the run of {@code coordinatorPubkey} for {@code requestId} (creating it if
     * absent) and stores the result; returns the outputs to send.
     */
    public Applied apply(String coordinatorPubkey, String requestId, RoastInput input) {
        return apply(coordinatorPubkey, requestId, input, tr -> { });
    }

    /**
     * As {@link #apply(String, String, RoastInput)}, calling {@code beforeCommit} with each changed transition
     * just before its compare-and-set (once per attempt; only the last call's transition was stored), so the
     * caller can keep what it will send before the state that sends it exists.
     */
    public Applied apply(String coordinatorPubkey, String requestId, RoastInput input,
            Consumer<Transition> beforeCommit) {
        String header = headerKey(coordinatorPubkey, requestId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Loaded> loaded = read(header);
            RunState before = loaded.map(Loaded::state).orElseGet(() -> coordinator.start(requestId, coordinatorPubkey));
            long version = loaded.map(Loaded::version).orElse(0L);
            Transition tr = coordinator.apply(before, input);
            if (!tr.changed()) {
                return new Applied(tr, attempt);
            }
            RunState after = tr.state();
            for (int k = before.sessions().size(); k < after.sessions().size(); k++) {
                Session s = after.sessions().get(k);
                byte[] blob = s.blob(after.members());
                RunStateCodec.SessionRef ref = new RunStateCodec.SessionRef(s.id(), s.blobHash(after.members()));
                String key = sessionKey(header, ref);
                // Content-addressed: if it is there already it holds exactly these bytes.
                kv.putIfAbsent(key, blob, ttl);
                sessionCache.put(key, s);
            }
            // Unchanged slots are the same objects as in the state read: their encodings are reused.
            Cached last = lastSeen.get(header);
            IdentityHashMap<Object, byte[]> encodings = new IdentityHashMap<>();
            if (last != null && last.state() == before && last.encodings() != null) {
                encodings.putAll(last.encodings());
            }
            byte[] encoded = RunStateCodec.encodeHeader(after, encodings);
            beforeCommit.accept(tr);
            OptionalLong written = kv.compareAndSet(header, version, encoded, ttl);
            if (written.isPresent()) {
                remember(header, written.getAsLong(), encoded, after, encodings);
                return new Applied(tr, attempt);
            }
            backoff(attempt);
        }
        throw new RunStateException("run " + requestId + ": gave up after " + MAX_ATTEMPTS
                + " compare-and-set attempts");
    }

    /**
     * What the stored run still waits for, to send again after a crash: every session start with signers
     * still pending in it, or the result of a finished run. Signers treat repeats as duplicates.
     */
    public List<RoastOutput> resume(String coordinatorPubkey, String requestId) {
        return load(coordinatorPubkey, requestId).map(RoastStateStore::pendingOutputs).orElse(List.of());
    }

    static List<RoastOutput> pendingOutputs(RunState s) {
        List<RoastOutput> out = new java.util.ArrayList<>();
        if (s.status() == RunState.Status.COMPLETED) {
            out.add(new RoastOutput.Finished(SignatureResult.success(s.requestId(), s.successfulSession(),
                    s.signature())));
        } else if (s.status() == RunState.Status.FAILED) {
            out.add(new RoastOutput.Finished(SignatureResult.failure(s.requestId(), s.culprits(), s.outcome())));
        } else {
            for (Session session : s.sessions()) {
                if (!s.pendingIn(session.id()).isEmpty()) {
                    out.add(new RoastOutput.StartSession(new SessionStart(s.requestId(), session.id(),
                            session.signingPackage())));
                }
            }
        }
        return out;
    }

    private static void backoff(int attempt) {
        if (attempt < 3) {
            Thread.onSpinWait();
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStateException("interrupted while retrying a compare-and-set");
        }
    }

    static String hex(byte[] b) {
        return Hex.encode(b);
    }
}
