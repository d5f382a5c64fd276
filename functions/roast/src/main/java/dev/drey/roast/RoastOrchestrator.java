package dev.drey.roast;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The roast-orchestrator function: one nostr event in, signed events out, run state in the KV store
 * through {@link RoastStateStore}. Stateless itself, so any number of instances may share the work.
 * It reacts to sign requests (3420) that name its key as a coordinator, and to presignatures, shares and
 * refusals (3421, 3423) from federation members addressed to it, and to signature results (3424) addressed
 * to it (another coordinator of the same request won, or a signer forwards the result): a result whose
 * group signature verifies ends this coordinator's run. Everything else is ignored with a note. Its own
 * result goes to every member and to the request's other coordinators, so they stop.
 *
 * <p>With k coordinators the request lists them in order; the one at position j starts
 * {@link #startDelay} = j · stagger after the request (the host delays the request by that much), so in the
 * common case the first finishes before the others begin and their only cost is the presignatures.
 */
public final class RoastOrchestrator {
    private final Federation federation;
    private final byte[] secretKey;
    private final String pubkey;
    private final RoastStateStore store;
    private final Clock clock;
    private final SecureRandom rng;
    private final Duration runTimeout;
    private final RunDeadlines deadlines;

    /** How long a run may take by default (drey.roast.run-timeout). */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(10);

    public RoastOrchestrator(Federation federation, byte[] secretKey, RoastStateStore store, Clock clock,
            SecureRandom rng) {
        this(federation, secretKey, store, clock, rng, DEFAULT_RUN_TIMEOUT);
    }

    /**
     * @param runTimeout how long a run may take from the arrival of its request; after that a {@link #tick}
     *     fails it (naming the signers that held it up) and publishes the failure
     */
    public RoastOrchestrator(Federation federation, byte[] secretKey, RoastStateStore store, Clock clock,
            SecureRandom rng, Duration runTimeout) {
        if (federation == null || secretKey == null || store == null || clock == null || rng == null
                || runTimeout == null || runTimeout.isNegative() || runTimeout.isZero()) {
            throw new IllegalArgumentException("orchestrator: missing argument or a run timeout that is not positive");
        }
        this.runTimeout = runTimeout;
        this.federation = federation;
        this.secretKey = secretKey.clone();
        this.pubkey = Hex.encode(Schnorr.publicKey(secretKey));
        this.store = store;
        this.deadlines = new RunDeadlines(store.kv(), store.prefix(), pubkey);
        this.clock = clock;
        this.rng = rng;
    }

    /** This coordinator's nostr public key. */
    public String pubkey() {
        return pubkey;
    }

    public RoastStateStore store() {
        return store;
    }

    public Reaction handle(Event e) {
        if (!RoastKinds.isSigningKind(e.kind())) {
            return Reaction.ignored("kind " + e.kind() + " is not for the orchestrator");
        }
        if (e.kind() == RoastKinds.SESSION_START) {
            return Reaction.ignored("kind " + e.kind() + " is a coordinator's own message");
        }
        if (e.kind() == RoastKinds.SIGNATURE_RESULT && (e.pubkey().equals(pubkey) || !addressedToMe(e))) {
            return Reaction.ignored("result " + e.id() + " is this coordinator's own or not addressed to it");
        }
        if (e.verify() != Verification.VALID) {
            return Reaction.ignored("event " + e.id() + " has a bad id or signature");
        }
        RoastMessage m;
        try {
            m = RoastCodec.decode(e);
        } catch (RoastMessageException ex) {
            return Reaction.ignored("event " + e.id() + ": " + ex.getMessage());
        }
        RoastInput input;
        if (m instanceof SignRequest r) {
            if (!r.coordinators().contains(pubkey)) {
                return Reaction.ignored("request " + r.requestId() + " names other coordinators");
            }
            // Every run that starts gets a deadline, or does not start: none waits for ever.
            if (!deadlines.register(r.requestId(), clock.instant().getEpochSecond() + runTimeout.toSeconds())) {
                return Reaction.ignored("request " + r.requestId() + ": this coordinator has "
                        + RunDeadlines.MAX_OPEN_RUNS + " open runs; refused until some end");
            }
            input = new RoastInput.Request(r);
        } else if (m instanceof SignatureResult r) {
            input = new RoastInput.ResultSeen(e.id(), r);
        } else {
            Optional<Identifier> signer = federation.identifierOf(e.pubkey());
            if (signer.isEmpty()) {
                return Reaction.ignored("event " + e.id() + " is not from a federation member");
            }
            if (!addressedToMe(e)) {
                return Reaction.ignored("event " + e.id() + " is for another coordinator");
            }
            input = new RoastInput.FromSigner(e.id(), signer.get(), m);
        }
        return run(m.requestId(), e.id(), e.createdAt(), input);
    }

    /**
     * Applies one input and returns the events to send. The events are signed with the input's created_at and
     * kept in the store, keyed by the input's id, before the state that sends them is written; when the
     * input turns out to be a duplicate (a redelivery after a crash or a failed publish, the state already
     * written) the kept events are sent again, byte for byte, so the session start or result is never lost
     * and a signer never sees two session starts for one session.
     */
    private Reaction run(String requestId, String inputKey, long createdAt, RoastInput input) {
        String keptKey = store.headerKey(pubkey, requestId) + "/out/" + inputKey;
        List<List<Event>> signed = new ArrayList<>(List.of(List.of()));
        RoastStateStore.Applied applied = store.apply(pubkey, requestId, input, tr -> {
            List<Event> events = events(tr.state(), tr.outputs(), createdAt);
            signed.set(0, events);
            // An earlier attempt's events were never sent (its state lost the race): replace them.
            keep(keptKey, events);
        });
        List<String> notes = notes(applied.outputs());
        if (applied.state().finished()) {
            deadlines.remove(requestId);
        }
        if (applied.transition().changed()) {
            // Again after the write: another instance racing on the same input may have kept the events of a
            // state that lost; the stored state's are these. (One read when nothing raced.)
            keep(keptKey, signed.get(0));
            return new Reaction(signed.get(0), notes, applied.state());
        }
        List<Event> kept = kept(keptKey);
        if (kept.isEmpty()) {
            return new Reaction(List.of(), notes, applied.state());
        }
        List<String> more = new ArrayList<>(notes);
        more.add("input " + inputKey + " was applied before; re-sent the " + kept.size() + " event(s) it produced");
        return new Reaction(kept, more, applied.state());
    }

    /** Overwrites the events kept for one input (length-prefixed event JSON). */
    private void keep(String key, List<Event> events) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (Event e : events) {
            byte[] json = e.toJson().getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes(ByteBuffer.allocate(4).putInt(json.length).array());
            bytes.writeBytes(json);
        }
        byte[] value = bytes.toByteArray();
        KeyValueStore kv = store.kv();
        for (int attempt = 0; attempt < RoastStateStore.MAX_ATTEMPTS; attempt++) {
            Optional<Versioned> old = kv.get(key);
            if (old.isPresent() ? Arrays.equals(old.get().value(), value) : value.length == 0) {
                return;
            }
            if (kv.compareAndSet(key, old.map(Versioned::version).orElse(0L), value, store.ttl()).isPresent()) {
                return;
            }
        }
        throw new RunStateException("could not keep the events of " + key + " (contention)");
    }

    private List<Event> kept(String key) {
        Optional<Versioned> v = store.kv().get(key);
        if (v.isEmpty()) {
            return List.of();
        }
        List<Event> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(v.get().value());
        while (b.remaining() >= 4) {
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new RunStateException("kept events under " + key + " are truncated");
            }
            byte[] json = new byte[length];
            b.get(json);
            out.add(Event.fromStoredJson(json));
        }
        return out;
    }

    /**
     * How long the host waits before handing this coordinator the request: its position among the
     * request's coordinators times {@code stagger} (0 for the first; null if it is not named).
     */
    public java.time.Duration startDelay(SignRequest request, java.time.Duration stagger) {
        int j = request.coordinators().indexOf(pubkey);
        return j < 0 ? null : stagger.multipliedBy(j);
    }

    /**
     * The run's deadline passed at {@code now} (epoch seconds): fail it (if still open) and publish the failure,
     * dated {@code now}; a repeated call re-sends that same failure event.
     */
    public Reaction deadline(String requestId, long now) {
        return run(requestId, "deadline", now, new RoastInput.Deadline());
    }

    /**
     * The periodic tick (the host calls it every few seconds with its clock; any instance may): every run of
     * this coordinator whose deadline is at or before {@code now} (epoch seconds) and that has not ended is
     * failed, naming the signers that held it up, and its failure result (kind 3424, to every member and
     * the request's other coordinators) is returned to publish; one note per failed run says so.
     */
    public Reaction tick(long now) {
        List<Event> events = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String requestId : deadlines.due(now)) {
            Reaction r = deadline(requestId, now);
            events.addAll(r.events());
            if (r.state() != null && r.state().status() == RunState.Status.FAILED && !r.events().isEmpty()) {
                notes.add("run " + requestId + " failed at its deadline: " + r.state().outcome() + "; culprits "
                        + r.state().culprits());
            }
            notes.addAll(r.notes());
            deadlines.remove(requestId);
        }
        return new Reaction(events, notes, null);
    }

    /** After a crash: the events the stored run still waits on, signed again (dated by the clock). */
    public Reaction resume(String requestId) {
        List<RoastOutput> outputs = store.resume(pubkey, requestId);
        RunState state = store.load(pubkey, requestId).orElse(null);
        return new Reaction(events(state, outputs, clock.instant().getEpochSecond()), notes(outputs), state);
    }

    private boolean addressedToMe(Event e) {
        return e.hasTag("p", pubkey);
    }

    private List<Event> events(RunState state, List<RoastOutput> outputs, long now) {
        List<Event> events = new ArrayList<>();
        for (RoastOutput o : outputs) {
            if (o instanceof RoastOutput.StartSession s) {
                List<String> to = new ArrayList<>();
                for (Identifier id : s.message().signers()) {
                    to.add(federation.pubkeyOf(id));
                }
                events.add(RoastCodec.template(s.message(), now, to).sign(secretKey, rng));
            } else if (o instanceof RoastOutput.Finished f) {
                List<String> to = new ArrayList<>(federation.memberPubkeys().values());
                for (String c : state == null ? List.<String>of() : state.coordinators()) {
                    if (!c.equals(pubkey) && !to.contains(c)) {
                        to.add(c);
                    }
                }
                events.add(RoastCodec.template(f.result(), now, to).sign(secretKey, rng));
            }
        }
        return events;
    }

    private static List<String> notes(List<RoastOutput> outputs) {
        List<String> notes = new ArrayList<>();
        for (RoastOutput o : outputs) {
            if (o instanceof RoastOutput.Flagged f) {
                notes.add("signer " + f.signer() + ": " + f.reason());
            } else if (o instanceof RoastOutput.Stopped st) {
                notes.add("stopped: " + st.reason());
            } else if (o instanceof RoastOutput.Ignored i) {
                notes.add("ignored " + i.eventId() + ": " + i.reason());
            }
        }
        return notes;
    }
}
