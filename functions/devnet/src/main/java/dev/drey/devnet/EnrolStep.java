package dev.drey.devnet;

import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.nostr.Event;
import dev.drey.pol.PolApp;
import dev.drey.pol.PolVerifier;
import dev.drey.pol.ShareCollector;
import dev.drey.pol.protocol.DtaMessages;
import java.util.List;

/**
 * An investor's enrolment: the PoL service gets its server secret (shares s_i·Q, encrypted to the service key);
 * the investor's app gets client-secret shares for a randomised identity, verified and recombined; a PIN is set.
 */
public final class EnrolStep {
    /** The investor's side after enrolment, and the PoL service's verifier. Never printed (it holds the PIN). */
    public record Enrolment(PolApp app, byte[] rawId, byte[] identityHash, int pin, byte[] token, PolVerifier verifier,
            String detail) {
        @Override
        public String toString() {
            return "Enrolment[" + detail + "]";
        }
    }

    private EnrolStep() {
    }

    public static Enrolment enrol(DevnetFederation f) {
        return enrol(f, null);
    }

    /** The PoL service's verifier reports each wrong PIN it evaluated to {@code audit} (may be null). */
    public static Enrolment enrol(DevnetFederation f, PolVerifier.PinErrorAudit audit) {
        PairingCurve curve = f.config().curve();
        long now = f.now();
        byte[] serviceSk = f.polServiceKey();
        String ssId = f.requestId();
        Event ssReq = DtaMessages.serverSecretRequest(now, ssId, curve.id(), now + 120).sign(serviceSk, f.rng());
        List<Event> ssAnswers = f.askMiners(List.of(ssReq), ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE, f.serviceOnPol());
        ShareCollector.Collected ss = PolVerifier.serverSecretShares(f.dtaFederation(), serviceSk, ssId, ssAnswers);
        f.needThreshold("server-secret", ss);
        PolVerifier verifier = new PolVerifier(curve, ss.recombine(f.dtaFederation(), curve.g2()), serviceSk,
                f.polKv(), f.clock(), audit);
        // the investor's app: client-secret shares for a randomised identity, verified and recombined
        PolApp app = new PolApp(f.dtaFederation(), f.appKey());
        byte[] rawId = new byte[32];
        f.rng().nextBytes(rawId);
        byte[] hid = curve.mpin().hashId(rawId);
        String csId = f.requestId();
        List<Event> csReqs = DtaMessages.sealedForEach(DtaMessages.clientSecretRequest(now, csId, curve.id(), hid,
                app.publicKey(), now + 120), f.dtaFederation().minerIndices().keySet(), serviceSk, f.rng());
        List<Event> csAnswers = f.askMiners(csReqs, ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, f.appOnPol());
        ShareCollector.Collected cs = app.clientSecretShares(csId, hid, csAnswers);
        f.needThreshold("client-secret", cs);
        int pin = f.rng().nextInt(10_000);
        byte[] token = app.token(rawId, pin, cs.recombine(f.dtaFederation(), curve.g1()));
        return new Enrolment(app, rawId, hid, pin, token, verifier, cs.valid().size() + " client-secret shares verified"
                + " and recombined, PIN set; PoL service holds " + ss.valid().size() + " server-secret shares");
    }
}
