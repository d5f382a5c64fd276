package dev.drey.pol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.MpinPrimitives;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.Versioned;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.pol.protocol.DtaMessages;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PoL service's M-Pin server: holds the recombined server secret s·Q, checks a client's proof with
 * this month's time permit (date = first day of the current UTC month), locks an identity after
 * {@link #MAX_FAILURES} consecutive failures, and on success returns a signed proof-of-life claim (kind
 * 3450). A wrong PIN's size (found by KANGAROO) goes only to the server-side {@link PinErrorAudit}; the
 * {@link Verdict} for the client never carries it.
 *
 * <p>Every guess first reserves an attempt with a compare-and-set on the identity's failure counter, which
 * refuses at the limit, so parallel guesses can never get more than {@link #MAX_FAILURES} evaluated; a
 * success resets the counter only by compare-and-set against the version it reserved, so a concurrent
 * failure is never erased. A 1-pass message is accepted once (its commitment is remembered in the KV store
 * for the whole time window); a 2-pass challenge is issued by this server, bound to the identity and the
 * pass-1 commitment, and consumed by the first pass 2 that names it.
 */
public final class PolVerifier {
    public static final int MAX_FAILURES = 3;
    /** How far a 1-pass time value may be from the server's clock. */
    public static final int ONE_PASS_WINDOW_SECONDS = 60;
    /** A used 1-pass commitment is remembered until its time value can no longer be inside the window. */
    static final Duration ONE_PASS_REPLAY_TTL = Duration.ofSeconds(2L * ONE_PASS_WINDOW_SECONDS + 5);
    /** How long a 2-pass challenge may wait for its pass 2. */
    public static final Duration CHALLENGE_TTL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the client is told. */
    public enum Status {
        AUTHENTICATED, REJECTED, LOCKED, STALE_TIME_VALUE,
        /** A 1-pass message (its commitment) that was already presented. */
        REPLAYED,
        /** A pass 2 whose challenge this server did not issue for that identity and pass 1, or already used. */
        UNKNOWN_CHALLENGE
    }

    /** The outcome for the client: a status and, on success, the signed claim. */
    public record Verdict(Status status, Optional<Event> claim) {
    }

    /** Server-side record of a wrong PIN's offset (fraud analytics); must never reach the client. */
    public interface PinErrorAudit {
        void wrongPin(String identityHash, int pinError);
    }

    /** The pairing check e(Q, V)·e(sQ, yH+U) = 1 (AMCL's SERVER_2 or a faster equivalent). */
    public interface ServerCheck {
        int check(int date, byte[] hid, byte[] htid, byte[] y, byte[] u, byte[] ut, byte[] v);
    }

    /** Builds a {@link ServerCheck} for one server secret (AMCL's, or a precomputed faster one). */
    public interface ServerCheckFactory {
        ServerCheck forSecret(PairingCurve curve, byte[] serverSecret);

        /** AMCL's own SERVER_2. */
        ServerCheckFactory AMCL = (curve, sst) -> (date, hid, htid, y, u, ut, v) ->
                curve.mpin().server2(date, hid, htid, y, sst, u, ut, v, null);
    }

    private final PairingCurve curve;
    private final byte[] serverSecret;
    private final byte[] serviceSecretKey;
    private final KeyValueStore kv;
    private final Clock clock;
    private final PinErrorAudit audit;
    private final ServerCheck check;
    private final AtomicLong guessesEvaluated = new AtomicLong();

    public PolVerifier(PairingCurve curve, byte[] serverSecret, byte[] serviceSecretKey, KeyValueStore kv,
            Clock clock, PinErrorAudit audit, ServerCheck check) {
        curve.g2().validate(serverSecret, "server secret");
        this.curve = curve;
        this.serverSecret = serverSecret.clone();
        this.serviceSecretKey = serviceSecretKey.clone();
        this.kv = kv;
        this.clock = clock;
        this.audit = audit;
        this.check = check != null ? check : ServerChecks.best().forSecret(curve, this.serverSecret);
    }

    /** The fastest available pairing check ({@link ServerChecks#best()}). */
    public PolVerifier(PairingCurve curve, byte[] serverSecret, byte[] serviceSecretKey, KeyValueStore kv,
            Clock clock, PinErrorAudit audit) {
        this(curve, serverSecret, serviceSecretKey, kv, clock, audit, null);
    }

    /**
     * Recombines the server secret from the miners' 3441 responses (encrypted to the service key), naming
     * forgers; needs the federation's threshold of valid shares.
     */
    public static ShareCollector.Collected serverSecretShares(DtaFederation fed, byte[] serviceSecretKey,
            String requestId, List<Event> responses) {
        return ShareCollector.collect(fed, serviceSecretKey, DtaShares.Kind.SERVER_SECRET,
                ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE, requestId, null, 0, responses);
    }

    /** The permit date the server checks against now: the first day of the current UTC month. */
    public int currentPermitDate() {
        return DtaMessages.permitDate(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    }

    /**
     * Pass 1 of the 2-pass protocol arrived (U, UT for {@code rawId}): a fresh challenge y, kept in the KV store
     * for {@link #CHALLENGE_TTL}, bound to this identity and commitment, consumed by the first pass 2 naming it.
     */
    public byte[] challenge(byte[] rawId, byte[] u, byte[] ut, SecureRandom rng) {
        byte[] y = curve.scalarBytes(curve.randomScalar(rng));
        if (!kv.putIfAbsent(challengeKey(y), challengeBinding(rawId, u, ut), CHALLENGE_TTL)) {
            throw new IllegalStateException("challenge collision"); // 2^-255: a broken random source
        }
        return y;
    }

    /** 2-pass: the client sent U, UT, then V for the challenge y this server issued for them. */
    public Verdict verifyTwoPass(byte[] rawId, byte[] u, byte[] ut, byte[] y, byte[] v, SecureRandom rng) {
        return verifyTwoPass(rawId, u, ut, y, v, null, rng);
    }

    /**
     * 2-pass, for an investor whose app key the service knows (from enrolment): the claim names it in a
     * {@code p} tag, which the signers' issuance policy matches against the issuance's investor.
     */
    public Verdict verifyTwoPass(byte[] rawId, byte[] u, byte[] ut, byte[] y, byte[] v, String investorPubkey,
            SecureRandom rng) {
        if (investorPubkey != null && !Hex.isLowerHex(investorPubkey, 32)) {
            throw new IllegalArgumentException("investor key must be an x-only public key (64 lowercase hex)");
        }
        if (y == null || y.length == 0 || y.length > 2 * curve.fieldBytes()) {
            return new Verdict(Status.UNKNOWN_CHALLENGE, Optional.empty());
        }
        // consumed before anything else: a challenge answers exactly one pass 2, right or wrong
        Optional<Versioned> issued = kv.consume(challengeKey(y));
        if (issued.isEmpty() || !Bytes.constantTimeEquals(issued.get().value(), challengeBinding(rawId, u, ut))) {
            return new Verdict(Status.UNKNOWN_CHALLENGE, Optional.empty());
        }
        return verify(rawId, u, ut, y, v, investorPubkey, rng);
    }

    /**
     * 1-pass: y is derived from the time value, which must be within the window of the server's clock; each
     * message (its commitment UT) is accepted once.
     */
    public Verdict verifyOnePass(byte[] rawId, MpinClient.OnePass m, SecureRandom rng) {
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - m.timeValue()) > ONE_PASS_WINDOW_SECONDS) {
            return new Verdict(Status.STALE_TIME_VALUE, Optional.empty());
        }
        if (m.ut() == null || m.u() == null) {
            return new Verdict(Status.REJECTED, Optional.empty());
        }
        // V is bound to (time value, UT) through y, so a replay must reuse UT; remembered for the whole window
        String seen = "pol/onepass/" + curve.id() + "/"
                + Hex.encode(Bytes.sha256(lengthPrefixed(m.u()), lengthPrefixed(m.ut())));
        if (!kv.putIfAbsent(seen, new byte[] {1}, ONE_PASS_REPLAY_TTL)) {
            return new Verdict(Status.REPLAYED, Optional.empty());
        }
        byte[] y = curve.mpin().onePassY(m.timeValue(), m.ut());
        return verify(rawId, m.u(), m.ut(), y, m.v(), null, rng);
    }

    /** How many PIN guesses reached the pairing check (for tests and the adversary scenarios). */
    public long guessesEvaluated() {
        return guessesEvaluated.get();
    }

    private String challengeKey(byte[] y) {
        return "pol/challenge/" + curve.id() + "/" + Hex.encode(y);
    }

    private byte[] challengeBinding(byte[] rawId, byte[] u, byte[] ut) {
        byte[] hid = curve.mpin().hashId(rawId);
        return Bytes.sha256("drey/mpin-challenge".getBytes(StandardCharsets.US_ASCII), lengthPrefixed(hid),
                lengthPrefixed(u), lengthPrefixed(ut));
    }

    private static byte[] lengthPrefixed(byte[] b) {
        byte[] x = b == null ? new byte[0] : b;
        byte[] out = new byte[4 + x.length];
        out[0] = (byte) (x.length >>> 24);
        out[1] = (byte) (x.length >>> 16);
        out[2] = (byte) (x.length >>> 8);
        out[3] = (byte) x.length;
        System.arraycopy(x, 0, out, 4, x.length);
        return out;
    }

    private Verdict verify(byte[] rawId, byte[] u, byte[] ut, byte[] y, byte[] v, String investor, SecureRandom rng) {
        byte[] hidBytes = curve.mpin().hashId(rawId);
        String identityHash = Hex.encode(hidBytes);
        String key = "pol/failures/" + curve.id() + "/" + identityHash;
        OptionalLong reserved = reserveAttempt(key);
        if (reserved.isEmpty()) {
            return new Verdict(Status.LOCKED, Optional.empty());
        }
        int date = currentPermitDate();
        byte[][] h = curve.mpin().server1(date, rawId);
        int rc;
        guessesEvaluated.incrementAndGet();
        try {
            rc = ut == null ? MpinPrimitives.BAD_PIN : check.check(date, h[0], h[1], y, u, ut, v);
        } catch (RuntimeException malformed) {
            rc = MpinPrimitives.BAD_PIN; // a malformed message is a failed attempt, not a server error
        }
        if (rc == 0) {
            // only our own reservation is undone: if another attempt reserved after us, its failure stands
            kv.compareAndSet(key, reserved.getAsLong(), new byte[] {0});
            return new Verdict(Status.AUTHENTICATED, Optional.of(claim(identityHash, date, investor, rng)));
        }
        if (audit != null) {
            byte[][] ef = new byte[2][];
            try {
                if (curve.mpin().server2(date, h[0], h[1], y, serverSecret, u, ut, v, ef) == MpinPrimitives.BAD_PIN) {
                    audit.wrongPin(identityHash, curve.mpin().kangaroo(ef[0], ef[1]));
                }
            } catch (RuntimeException malformed) {
                // nothing to audit
            }
        }
        int failures = kv.get(key).map(f -> f.value()[0] & 0xff).orElse(MAX_FAILURES);
        return new Verdict(failures >= MAX_FAILURES ? Status.LOCKED : Status.REJECTED, Optional.empty());
    }

    /**
     * Counts this attempt as a failure before it is evaluated (compare-and-set, so parallel attempts each
     * take their own slot); empty when the identity is locked. Returns the version written.
     */
    private OptionalLong reserveAttempt(String key) {
        for (int attempt = 0; attempt < 64; attempt++) {
            Optional<Versioned> cur = kv.get(key);
            int count = cur.map(f -> f.value()[0] & 0xff).orElse(0);
            if (count >= MAX_FAILURES) {
                return OptionalLong.empty();
            }
            OptionalLong written = kv.compareAndSet(key, cur.map(Versioned::version).orElse(0L),
                    new byte[] {(byte) (count + 1)});
            if (written.isPresent()) {
                return written;
            }
        }
        throw new IllegalStateException("could not reserve a PIN attempt (contention on " + key + ")");
    }

    private Event claim(String identityHash, int date, String investor, SecureRandom rng) {
        return claimTemplate(curve.id(), identityHash, DtaMessages.monthOfDate(date), clock.instant().getEpochSecond(),
                investor).sign(serviceSecretKey, rng);
    }

    /**
     * The kind 3450 claim as the service signs it: an investor ({@code investor}'s app key, may be null)
     * authenticated at {@code authenticatedAt} (epoch seconds, also the event's time) for {@code month}.
     */
    public static EventTemplate claimTemplate(String curveId, String identityHash, java.time.YearMonth month,
            long authenticatedAt, String investor) {
        ObjectNode c = JSON.createObjectNode();
        c.put("v", 1);
        c.put("identityHash", identityHash);
        c.put("curve", curveId);
        c.put("month", month.toString());
        c.put("authenticatedAt", authenticatedAt);
        List<List<String>> tags = new java.util.ArrayList<>();
        tags.add(List.of("t", "proof-of-life"));
        if (investor != null) {
            tags.add(List.of("p", investor));
        }
        return new EventTemplate(authenticatedAt, ProtocolKinds.PROOF_OF_LIFE_CLAIM, tags, c.toString());
    }
}
