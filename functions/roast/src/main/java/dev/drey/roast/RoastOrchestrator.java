package dev.drey.roast;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
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

    public RoastOrchestrator(Federation federation, byte[] secretKey, RoastStateStore store, Clock clock,
            SecureRandom rng) {
        if (federation == null || secretKey == null || store == null || clock == null || rng == null) {
            throw new IllegalArgumentException("orchestrator: missing argument");
        }
        this.federation = federation;
        this.secretKey = secretKey.clone();
        this.pubkey = Hex.encode(Schnorr.publicKey(secretKey));
        this.store = store;
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
        RoastStateStore.Applied applied = store.apply(pubkey, m.requestId(), input);
        return new Reaction(events(applied.state(), applied.outputs()), notes(applied.outputs()), applied.state());
    }

    /**
     * How long the host waits before handing this coordinator the request: its position among the
     * request's coordinators times {@code stagger} (0 for the first; null if it is not named).
     */
    public java.time.Duration startDelay(SignRequest request, java.time.Duration stagger) {
        int j = request.coordinators().indexOf(pubkey);
        return j < 0 ? null : stagger.multipliedBy(j);
    }

    /** The run's deadline passed: fail it (if still open) and publish the failure. */
    public Reaction deadline(String requestId) {
        RoastStateStore.Applied applied = store.apply(pubkey, requestId, new RoastInput.Deadline());
        return new Reaction(events(applied.state(), applied.outputs()), notes(applied.outputs()), applied.state());
    }

    /** After a crash: the events the stored run still waits on, signed again. */
    public Reaction resume(String requestId) {
        List<RoastOutput> outputs = store.resume(pubkey, requestId);
        RunState state = store.load(pubkey, requestId).orElse(null);
        return new Reaction(events(state, outputs), notes(outputs), state);
    }

    private boolean addressedToMe(Event e) {
        return e.hasTag("p", pubkey);
    }

    private List<Event> events(RunState state, List<RoastOutput> outputs) {
        List<Event> events = new ArrayList<>();
        long now = clock.instant().getEpochSecond();
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
