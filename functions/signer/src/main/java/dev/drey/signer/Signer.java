package dev.drey.signer;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.FrostException;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.Round1;
import dev.drey.crypto.frost.Round2;
import dev.drey.crypto.frost.SignatureShare;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningNonces;
import dev.drey.crypto.frost.SigningSession;
import dev.drey.kv.KeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import dev.drey.roast.Federation;
import dev.drey.roast.Presignature;
import dev.drey.roast.Reaction;
import dev.drey.roast.Refusal;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastMessage;
import dev.drey.roast.RoastMessageException;
import dev.drey.roast.SessionStart;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import dev.drey.roast.SignatureShareMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The signer function: one nostr event in, signed events out, nonces in the KV store. Stateless itself.
 *
 * <ul>
 * <li>Sign request (3420) the policy accepts: the single-use authorisation it cites (a proof-of-life claim) is
 *     recorded as spent by this request; per trusted coordinator it names, a fresh nonce pair is stored
 *     (encrypted, bound to request, coordinator and signer) and a presignature (3421) sent. A request the
 *     policy refuses gets a signed refusal. A repeated request re-sends the same presignature event (same
 *     content and created_at, so the same event id, which the coordinator drops as a duplicate).</li>
 * <li>Session start (3422) from a trusted coordinator: checked (this signer is in the set of t members;
 *     its commitments are the ones it sent last; the message is the one it accepted), the nonce is
 *     consumed, the commitments recorded as answered (put-if-absent, an independent guard against a
 *     nonce that comes back), the share computed and sent with a fresh presignature (3423), which is
 *     advertised only if it was stored. A nonce already consumed or commitments already answered (replay,
 *     duplicate delivery, crash and restart, a rolled-back store) are never used again: the session is
 *     refused.</li>
 * <li>Signature result (3424) that verifies under the group key over the requested message: the request
 *     is done and the nonces for every coordinator dropped (with k coordinators, the first signature ends
 *     them all). A later session start, from a coordinator that has not heard yet, is answered with that
 *     result (3424, signed by this signer), which ends the coordinator's run; it is never refused as a
 *     fault.</li>
 * </ul>
 * Events' created_at is that of the event answered, so answers are reproducible.
 */
public final class Signer {
    private final Federation federation;
    private final SignerIdentity identity;
    private final Identifier me;
    private final SigningPolicy policy;
    private final Set<String> trustedCoordinators;
    private final NonceVault vault;
    private final KeyValueStore kv;
    private final KeyValueStore journal;
    private final SecureRandom rng;
    private final Duration answerTtl;

    /** A signer whose nonce-use journal is its KV store itself: for tests and simulations. */
    public Signer(Federation federation, SignerIdentity identity, SigningPolicy policy, Set<String> trustedCoordinators,
            KeyValueStore kv, SecureRandom rng, Duration nonceTtl) {
        this(federation, identity, policy, trustedCoordinators, kv, kv, rng, nonceTtl);
    }

    /**
     * @param journal where the commitments this signer answered are recorded (put-if-absent, before any share is
     *     made). A deployment gives it a store other than {@code kv}, so a rollback of the nonce store (a backup
     *     restored, an fsync the backend lost) cannot bring back both a nonce and the record that it was used.
     */
    public Signer(Federation federation, SignerIdentity identity, SigningPolicy policy, Set<String> trustedCoordinators,
            KeyValueStore kv, KeyValueStore journal, SecureRandom rng, Duration nonceTtl) {
        if (federation == null || identity == null || policy == null || trustedCoordinators == null || kv == null
                || journal == null || rng == null) {
            throw new IllegalArgumentException("signer: missing argument");
        }
        this.federation = federation;
        this.identity = identity;
        this.me = identity.key().identifier();
        if (!federation.pubkeyOf(me).equals(identity.pubkey())) {
            throw new IllegalArgumentException("signer: the federation lists another nostr key for " + me);
        }
        this.policy = policy;
        this.answerTtl = nonceTtl;
        this.trustedCoordinators = Set.copyOf(trustedCoordinators);
        this.kv = kv;
        this.journal = journal;
        this.vault = new NonceVault(kv, identity, rng, nonceTtl);
        this.rng = rng;
    }

    public Identifier identifier() {
        return me;
    }

    public String pubkey() {
        return identity.pubkey();
    }

    public NonceVault vault() {
        return vault;
    }

    public Reaction handle(Event e) {
        if (e.kind() != RoastKinds.SIGN_REQUEST && e.kind() != RoastKinds.SESSION_START
                && e.kind() != RoastKinds.SIGNATURE_RESULT) {
            return Reaction.ignored("kind " + e.kind() + " is not for the signer");
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
        if (m instanceof SignRequest r) {
            return request(r, e);
        }
        if (!trustedCoordinators.contains(e.pubkey())) {
            return Reaction.ignored("event " + e.id() + " is not from a trusted coordinator");
        }
        if (m instanceof SessionStart s) {
            return sessionStart(s, e);
        }
        return result((SignatureResult) m, e);
    }

    private Reaction request(SignRequest r, Event e) {
        List<Event> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (done(r.requestId())) {
            return Reaction.ignored("request " + r.requestId() + " is already signed");
        }
        PolicyDecision d = null;
        for (String coordinator : r.coordinators()) {
            if (!trustedCoordinators.contains(coordinator)) {
                notes.add("request " + r.requestId() + ": coordinator " + coordinator + " is not trusted");
                continue;
            }
            // A request this signer accepted before is answered as then, without asking the policy again
            // (its clock moved on, and the claim it cites is now spent by this very request).
            Optional<NonceVault.Entry> existing = vault.peek(r.requestId(), coordinator);
            if (existing.isPresent()) {
                if (existing.get().generation() == 0) {
                    // Same content and created_at: the same event id, a duplicate to the coordinator.
                    out.add(sign(new Presignature(r.requestId(), existing.get().commitments().encode()),
                            existing.get().createdAt(), coordinator));
                } else {
                    notes.add("request " + r.requestId() + ": already answered, presignature not repeated");
                }
                continue;
            }
            if (d == null) {
                d = spend(r, policy.evaluate(r, e));
            }
            if (!d.accepted()) {
                notes.add("refused request " + r.requestId() + ": " + d.reason());
                out.add(sign(new Refusal(r.requestId(), 0, d.reason()), e.createdAt(), coordinator));
                continue;
            }
            SigningNonces nonces = Round1.commit(Ciphersuite.BIP340, identity.key(), rng);
            if (!vault.putIfAbsent(r.requestId(), coordinator, 0, e.createdAt(), r.message(), nonces)) {
                // Another delivery of the request stored its nonce first and answers it.
                notes.add("request " + r.requestId() + ": answered concurrently, presignature not repeated");
                continue;
            }
            out.add(sign(new Presignature(r.requestId(), nonces.commitments().encode()), e.createdAt(), coordinator));
        }
        return new Reaction(out, notes, null);
    }

    /**
     * Records the single-use authorisation an accepted decision spends (put-if-absent keyed by its id, holding
     * the request id): the first request citing it keeps it, a redelivery of that request still passes, any
     * other request is refused.
     */
    private PolicyDecision spend(SignRequest r, PolicyDecision d) {
        if (!d.accepted() || d.claim() == null) {
            return d;
        }
        String key = "signer/" + identity.pubkey() + "/spent-claim/" + d.claim().id();
        byte[] request = r.requestId().getBytes(StandardCharsets.US_ASCII);
        if (kv.putIfAbsent(key, request, d.claim().keepFor())) {
            return d;
        }
        Optional<byte[]> holder = kv.get(key).map(v -> v.value());
        if (holder.isPresent() && Arrays.equals(holder.get(), request)) {
            return d;
        }
        return PolicyDecision.refuse("authorisation " + d.claim().id() + " was already used by "
                + holder.map(h -> "request " + new String(h, StandardCharsets.US_ASCII)).orElse("another request"));
    }

    private Reaction sessionStart(SessionStart s, Event e) {
        // A redelivered session start gets the very share event it got the first time (same id: a duplicate to
        // the coordinator), never a second share from another nonce, nor a refusal.
        Optional<Event> answered = kv.get(answerKey(e.id())).map(v -> Event.fromStoredJson(v.value()));
        if (answered.isPresent()) {
            return new Reaction(List.of(answered.get()), List.of("session start " + e.id()
                    + " already answered; re-sent the same share event"), null);
        }
        String coordinator = e.pubkey();
        if (!addressedToMe(e)) {
            return Reaction.ignored("session start " + e.id() + " is not addressed to this signer");
        }
        SigningCommitments mine = s.commitmentsOf(me);
        if (mine == null) {
            return Reaction.ignored("session " + s.sessionId() + " of " + s.requestId() + " does not include this signer");
        }
        String problem = check(s);
        if (problem == null) {
            Optional<SignatureResult> signed = doneResult(s.requestId());
            if (signed.isPresent()) {
                return new Reaction(List.of(sign(signed.get(), e.createdAt(), coordinator)),
                        List.of("session " + s.sessionId() + " of " + s.requestId()
                                + ": already signed; sent the result to its coordinator"), null);
            }
            if (done(s.requestId())) {
                problem = "the request is already signed";
            }
        }
        Optional<NonceVault.Entry> entry = problem == null ? vault.peek(s.requestId(), coordinator) : Optional.empty();
        if (problem == null && entry.isEmpty()) {
            problem = "no unused nonce for this request and coordinator (already consumed, or never made)";
        }
        if (problem == null && !Arrays.equals(entry.get().message(), s.message())) {
            problem = "the session's message is not the requested one";
        }
        if (problem == null && !entry.get().commitments().equals(mine)) {
            problem = "the session carries commitments this signer did not send last (stale or replayed session)";
        }
        Optional<NonceVault.Opened> opened = Optional.empty();
        if (problem == null) {
            opened = vault.consume(s.requestId(), coordinator);
            if (opened.isEmpty() || !opened.get().entry().commitments().equals(mine)) {
                problem = "the nonce was consumed concurrently; it is never used twice";
            }
        }
        // Independent of the vault (another store in deployments): commitments answered once are never answered
        // again, even if their nonce came back (a store restored from a backup, a consume the backend lost).
        if (problem == null && !journal.putIfAbsent(usedKey(mine), e.id().getBytes(StandardCharsets.US_ASCII),
                answerTtl)) {
            problem = "these commitments were already answered; a nonce is never used twice";
        }
        if (problem != null) {
            return new Reaction(List.of(sign(new Refusal(s.requestId(), s.sessionId(), problem), e.createdAt(),
                    coordinator)), List.of("refused session " + s.sessionId() + " of " + s.requestId() + ": "
                    + problem), null);
        }
        SignatureShare share;
        try {
            SigningSession session = new SigningSession(Ciphersuite.BIP340, s.signingPackage(),
                    identity.key().groupPublicKey());
            share = Round2.sign(session, opened.get().nonces(), identity.key());
        } catch (FrostException ex) {
            return new Reaction(List.of(sign(new Refusal(s.requestId(), s.sessionId(), "cannot sign: "
                    + ex.fault()), e.createdAt(), coordinator)), List.of("session " + s.sessionId() + ": "
                    + ex.getMessage()), null);
        }
        SigningNonces next = Round1.commit(Ciphersuite.BIP340, identity.key(), rng);
        // From the consume on, a write that fails transiently is retried here, not by redelivering the session
        // start: a redelivery would find the nonce consumed and could only refuse.
        boolean kept = afterConsume("keeping the next nonce", () -> vault.putIfAbsent(s.requestId(), coordinator,
                s.sessionId(), e.createdAt(), s.message(), next) || vault.peek(s.requestId(), coordinator)
                .map(n -> n.commitments().equals(next.commitments())).orElse(false));
        if (!kept) {
            // Another nonce took the slot (a racing delivery of the request): advertising this one would offer
            // commitments the signer does not hold. The share is not sent; the consumed nonce stays unused.
            String why = "cannot keep a fresh nonce: another is outstanding for this request and coordinator";
            return new Reaction(List.of(sign(new Refusal(s.requestId(), s.sessionId(), why), e.createdAt(),
                    coordinator)), List.of("session " + s.sessionId() + " of " + s.requestId() + ": " + why), null);
        }
        Event answer = sign(new SignatureShareMessage(s.requestId(), s.sessionId(), share.encode(),
                next.commitments().encode()), e.createdAt(), coordinator);
        afterConsume("keeping the answer", () -> kv.putIfAbsent(answerKey(e.id()),
                answer.toJson().getBytes(StandardCharsets.UTF_8), answerTtl));
        return new Reaction(List.of(answer), List.of(), null);
    }

    /** Attempts at a write after the nonce was consumed, when the backend fails transiently. */
    static final int WRITES_AFTER_CONSUME_ATTEMPTS = 8;

    /**
     * Runs {@code write}, again on a transient backend failure (each attempt must be idempotent); a write that
     * still fails throws, and the redelivered session start is then refused (the nonce stays consumed).
     */
    private static boolean afterConsume(String what, java.util.function.BooleanSupplier write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.getAsBoolean();
            } catch (dev.drey.kv.KvTransientException ex) {
                if (attempt >= WRITES_AFTER_CONSUME_ATTEMPTS) {
                    throw new dev.drey.kv.KvTransientException(what + ": " + attempt + " attempts failed", ex);
                }
            }
        }
    }

    private String usedKey(SigningCommitments commitments) {
        return "signer/" + identity.pubkey() + "/used-commitments/" + Hex.encode(commitments.encode());
    }

    private String answerKey(String sessionStartId) {
        return "signer/" + identity.pubkey() + "/answered/" + sessionStartId;
    }

    /** The session's shape: t federation members, this signer among them. Null if fine. */
    private String check(SessionStart s) {
        List<Identifier> signers = s.signers();
        if (signers.size() != federation.threshold()) {
            return "the session has " + signers.size() + " signers, the threshold is " + federation.threshold();
        }
        for (Identifier id : signers) {
            if (!federation.memberPubkeys().containsKey(id)) {
                return "the session names a signer outside the federation";
            }
        }
        return null;
    }

    private Reaction result(SignatureResult r, Event e) {
        if (!r.succeeded()) {
            vault.discard(r.requestId(), e.pubkey());
            return Reaction.ignored("request " + r.requestId() + " failed at coordinator " + e.pubkey());
        }
        // The message this signer accepted, from any of its outstanding nonces for the request.
        byte[] message = null;
        for (String c : trustedCoordinators) {
            Optional<NonceVault.Entry> entry = vault.peek(r.requestId(), c);
            if (entry.isPresent()) {
                message = entry.get().message();
                break;
            }
        }
        if (message == null) {
            return Reaction.ignored("result for " + r.requestId() + ": no outstanding nonce, nothing to check it against");
        }
        if (!Schnorr.verify(federation.groupKeyXOnly(), message, r.signature())) {
            return Reaction.ignored("result for " + r.requestId() + " does not verify; kept the nonces");
        }
        kv.putIfAbsent(doneKey(r.requestId()), ByteBuffer.allocate(68).putInt(r.sessionId()).put(r.signature())
                .array());
        for (String c : trustedCoordinators) {
            vault.discard(r.requestId(), c);
        }
        return Reaction.ignored("request " + r.requestId() + " signed; nonces dropped");
    }

    /** The verified result this signer recorded for the request, if any. */
    private Optional<SignatureResult> doneResult(String requestId) {
        return kv.get(doneKey(requestId)).filter(v -> v.value().length == 68).map(v -> {
            ByteBuffer b = ByteBuffer.wrap(v.value());
            int session = b.getInt();
            byte[] sig = new byte[64];
            b.get(sig);
            return SignatureResult.success(requestId, Math.max(1, session), sig);
        });
    }

    private boolean done(String requestId) {
        return kv.get(doneKey(requestId)).isPresent();
    }

    private String doneKey(String requestId) {
        return "roast/done/" + requestId + "/" + Hex.encode(me.encode());
    }

    private boolean addressedToMe(Event e) {
        return e.hasTag("p", identity.pubkey());
    }

    private Event sign(RoastMessage m, long createdAt, String coordinator) {
        return RoastCodec.template(m, createdAt, List.of(coordinator)).sign(identity.nostrSecretKey(), rng);
    }
}
