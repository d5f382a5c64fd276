package dev.drey.pol.protocol;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.kv.KeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The checks every DTA / M-Pin request passes before a miner answers: signed (valid id and BIP-340
 * signature), by a configured PoL service key, sealed to this miner (DTA requests: p-tagged to it alone
 * and NIP-44 encrypted to its key; one it cannot open is malformed), well formed for this miner's curve,
 * not expired and expiring at most {@link #MAX_AHEAD} ahead, a permit only for the current or the next
 * UTC month by this miner's clock, and never seen before (the request id is recorded with the KV store's
 * putIfAbsent, so a replay is refused even across restarts and concurrent instances).
 */
public final class RequestCheck {
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    /** Request ids are kept well past any request's expiry, after which the expiry check refuses it anyway. */
    static final Duration SEEN_TTL = Duration.ofHours(1);

    private final Set<String> polServiceKeys;
    private final String curve;
    private final int fieldBytes;
    private final KeyValueStore kv;
    private final Clock clock;
    private final String scope;
    private final byte[] minerSecretKey;
    private final String minerPubkey;

    /**
     * @param minerSecretKey this miner's identity key: DTA requests are sealed to its public key
     * @param scope names this miner's request-id space in a shared store (e.g. its public key)
     */
    public RequestCheck(Set<String> polServiceKeys, String curve, int fieldBytes, KeyValueStore kv, Clock clock,
            byte[] minerSecretKey, String scope) {
        if (polServiceKeys == null || polServiceKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one PoL service key must be configured");
        }
        this.minerSecretKey = minerSecretKey.clone();
        this.minerPubkey = Hex.encode(Schnorr.publicKey(this.minerSecretKey));
        this.polServiceKeys = Set.copyOf(polServiceKeys);
        this.curve = curve;
        this.fieldBytes = fieldBytes;
        this.kv = kv;
        this.clock = clock;
        this.scope = scope;
    }

    /** The checked request, or {@link RequestRefusedException} naming the first failed check. */
    public ShareRequest check(Event e) {
        authenticate(e);
        return checkAuthenticated(e);
    }

    /** A valid id and signature by a configured PoL service key, or {@link RequestRefusedException} saying which not. */
    public void authenticate(Event e) {
        Verification v = e.verify();
        if (!v.isValid()) {
            throw new RequestRefusedException(RefusalReason.BAD_SIGNATURE, null,
                    v == Verification.BAD_ID ? "event id is not the hash of the event" : "signature does not verify");
        }
        if (!polServiceKeys.contains(e.pubkey())) {
            throw new RequestRefusedException(RefusalReason.UNKNOWN_REQUESTER, null,
                    "signer is not a configured PoL service key");
        }
    }

    /**
     * Whether {@code e} is for this miner at all: a sealed DTA request p-tagged to another miner is that miner's
     * business and gets no answer from here (not even a refusal); every other request is.
     */
    public boolean addressedHere(Event e) {
        if (!DtaMessages.isSealedKind(e.kind())) {
            return true;
        }
        List<String> to = e.tagValues("p");
        return to.isEmpty() || to.contains(minerPubkey);
    }

    /**
     * The rest of {@link #check} for an event {@link #authenticate} accepted: sealed to this miner, shape,
     * curve, expiry, permit month, replay.
     */
    public ShareRequest checkAuthenticated(Event e) {
        ShareRequest r = DtaMessages.parseRequest(e, open(e), fieldBytes);
        if (!curve.equals(r.curve())) {
            throw new RequestRefusedException(RefusalReason.WRONG_CURVE, r.requestId(),
                    "this miner issues on " + curve + ", not " + r.curve());
        }
        long now = clock.instant().getEpochSecond();
        if (r.kind() == ProtocolKinds.DTA_TIME_PERMIT_REQUEST) {
            // a permit for a past month is useless to an investor, one far ahead would outlive a revocation
            YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
            YearMonth asked = DtaMessages.monthOfDate(r.date());
            if (!asked.equals(current) && !asked.equals(current.plusMonths(1))) {
                throw new RequestRefusedException(RefusalReason.MONTH_OUT_OF_RANGE, r.requestId(),
                        "permits are issued for " + current + " or " + current.plusMonths(1) + " only");
            }
        }
        if (r.expiresAt() <= now) {
            throw new RequestRefusedException(RefusalReason.EXPIRED, r.requestId(), "request expired");
        }
        if (r.expiresAt() > now + MAX_AHEAD.toSeconds()) {
            throw new RequestRefusedException(RefusalReason.EXPIRY_TOO_FAR, r.requestId(),
                    "expiresAt is more than " + MAX_AHEAD.toMinutes() + " minutes ahead");
        }
        String key = "dta/" + scope + "/request/" + r.requestId();
        byte[] eventId = e.id().getBytes(StandardCharsets.US_ASCII);
        if (!kv.putIfAbsent(key, eventId, SEEN_TTL)) {
            // The very same event again (a redelivery after a crash before its answer was stored) may be
            // answered; another event reusing the request id is a replay.
            boolean sameEvent = kv.get(key).map(v -> java.util.Arrays.equals(v.value(), eventId)).orElse(false);
            if (!sameEvent) {
                throw new RequestRefusedException(RefusalReason.REPLAY, r.requestId(), "request id already used");
            }
        }
        return r;
    }

    /** The plaintext content: a sealed DTA request opened with this miner's key, any other as it is. */
    private String open(Event e) {
        if (!DtaMessages.isSealedKind(e.kind())) {
            return e.content();
        }
        List<String> to = e.tagValues("p");
        if (to.size() != 1 || !to.get(0).equals(minerPubkey)) {
            throw new RequestRefusedException(RefusalReason.MALFORMED, null,
                    "a DTA request must be p-tagged to exactly this miner and encrypted to it");
        }
        try {
            // e.pubkey() is a configured PoL service key: authenticate ran first
            return Nip44.decrypt(e.content(), Nip44.conversationKey(minerSecretKey, Hex.decode(e.pubkey())));
        } catch (RuntimeException notSealedToMe) {
            throw new RequestRefusedException(RefusalReason.MALFORMED, null,
                    "content is not NIP-44 encrypted from the PoL service to this miner");
        }
    }

    /** Where the answer to request event {@code eventId} is kept, so a redelivery re-sends the very same event. */
    String answerKey(String eventId) {
        return "dta/" + scope + "/answer/" + eventId;
    }

    /** The answer already given to request event {@code eventId}, if any. */
    java.util.Optional<Event> storedAnswer(String eventId) {
        return kv.get(answerKey(eventId)).map(v -> Event.fromStoredJson(v.value()));
    }

    /** Keeps the answer to request event {@code eventId} (first writer wins); returns the one kept. */
    Event keepAnswer(String eventId, Event answer) {
        if (kv.putIfAbsent(answerKey(eventId), answer.toJson().getBytes(StandardCharsets.UTF_8), SEEN_TTL)) {
            return answer;
        }
        return storedAnswer(eventId).orElse(answer);
    }
}
