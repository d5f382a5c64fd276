package dev.drey.pol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The PoL service's M-Pin server: holds the recombined server secret s·Q, checks a client's proof with
 * this month's time permit (date = first day of the current UTC month), locks an identity after
 * {@link #MAX_FAILURES} consecutive failures, and on success returns a signed proof-of-life claim (kind
 * 3450). A wrong PIN's size (found by KANGAROO) goes only to the server-side {@link PinErrorAudit}; the
 * {@link Verdict} for the client never carries it.
 */
public final class PolVerifier {
    public static final int MAX_FAILURES = 3;
    /** How far a 1-pass time value may be from the server's clock. */
    public static final int ONE_PASS_WINDOW_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the client is told. */
    public enum Status { AUTHENTICATED, REJECTED, LOCKED, STALE_TIME_VALUE }

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

    /** A fresh challenge y for the 2-pass protocol. */
    public byte[] challenge(SecureRandom rng) {
        return curve.scalarBytes(curve.randomScalar(rng));
    }

    /** 2-pass: the client sent U, UT, then V for the challenge y. */
    public Verdict verifyTwoPass(byte[] rawId, byte[] u, byte[] ut, byte[] y, byte[] v, SecureRandom rng) {
        return verify(rawId, u, ut, y, v, null, rng);
    }

    /**
     * 2-pass, for an investor whose app key the service knows (from enrolment): the claim names it in a
     * {@code p} tag, which the signers' issuance policy matches against the issuance's investor.
     */
    public Verdict verifyTwoPass(byte[] rawId, byte[] u, byte[] ut, byte[] y, byte[] v, String investorPubkey,
            SecureRandom rng) {
        if (!Hex.isLowerHex(investorPubkey, 32)) {
            throw new IllegalArgumentException("investor key must be an x-only public key (64 lowercase hex)");
        }
        return verify(rawId, u, ut, y, v, investorPubkey, rng);
    }

    /** 1-pass: y is derived from the time value, which must be within the window of the server's clock. */
    public Verdict verifyOnePass(byte[] rawId, MpinClient.OnePass m, SecureRandom rng) {
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - m.timeValue()) > ONE_PASS_WINDOW_SECONDS) {
            return new Verdict(Status.STALE_TIME_VALUE, Optional.empty());
        }
        if (m.ut() == null) {
            return new Verdict(Status.REJECTED, Optional.empty());
        }
        byte[] y = curve.mpin().onePassY(m.timeValue(), m.ut());
        return verify(rawId, m.u(), m.ut(), y, m.v(), null, rng);
    }

    private Verdict verify(byte[] rawId, byte[] u, byte[] ut, byte[] y, byte[] v, String investor, SecureRandom rng) {
        byte[] hidBytes = curve.mpin().hashId(rawId);
        String identityHash = Hex.encode(hidBytes);
        String key = "pol/failures/" + curve.id() + "/" + identityHash;
        Optional<Versioned> failures = kv.get(key);
        int count = failures.map(f -> f.value()[0] & 0xff).orElse(0);
        if (count >= MAX_FAILURES) {
            return new Verdict(Status.LOCKED, Optional.empty());
        }
        int date = currentPermitDate();
        byte[][] h = curve.mpin().server1(date, rawId);
        int rc;
        try {
            rc = ut == null ? MpinPrimitives.BAD_PIN : check.check(date, h[0], h[1], y, u, ut, v);
        } catch (RuntimeException malformed) {
            rc = MpinPrimitives.BAD_PIN; // a malformed message is a failed attempt, not a server error
        }
        if (rc == 0) {
            kv.delete(key);
            return new Verdict(Status.AUTHENTICATED, Optional.of(claim(identityHash, date, investor, rng)));
        }
        recordFailure(key, failures);
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
        return new Verdict(count + 1 >= MAX_FAILURES ? Status.LOCKED : Status.REJECTED, Optional.empty());
    }

    private void recordFailure(String key, Optional<Versioned> seen) {
        Optional<Versioned> cur = seen;
        for (int attempt = 0; attempt < 10; attempt++) {
            long version = cur.map(Versioned::version).orElse(0L);
            int next = cur.map(f -> f.value()[0] & 0xff).orElse(0) + 1;
            if (kv.compareAndSet(key, version, new byte[] {(byte) Math.min(next, 255)}).isPresent()) {
                return;
            }
            cur = kv.get(key);
        }
        throw new IllegalStateException("could not record a failed attempt (contention on " + key + ")");
    }

    private Event claim(String identityHash, int date, String investor, SecureRandom rng) {
        ObjectNode c = JSON.createObjectNode();
        c.put("v", 1);
        c.put("identityHash", identityHash);
        c.put("curve", curve.id());
        c.put("month", DtaMessages.monthOfDate(date).toString());
        c.put("authenticatedAt", clock.instant().getEpochSecond());
        List<List<String>> tags = new java.util.ArrayList<>();
        tags.add(List.of("t", "proof-of-life"));
        if (investor != null) {
            tags.add(List.of("p", investor));
        }
        return new EventTemplate(clock.instant().getEpochSecond(), ProtocolKinds.PROOF_OF_LIFE_CLAIM, tags,
                c.toString()).sign(serviceSecretKey, rng);
    }
}
