package dev.drey.pol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.pol.protocol.DtaMessages;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server-side PIN error audit: KANGAROO's answer depends on the client's random x and gives up (0) on
 * some attempts, so this runs enough attempts that never finding the error would mean it is broken
 * (each attempt finds it with probability about 3/4), and checks it never reports a wrong value.
 */
class PinErrorAuditTest {
    private static final int ATTEMPTS = 12;
    private final SecureRandom rng = new SecureRandom();
    private final PairingCurve curve = PairingCurves.BLS381;
    @TempDir
    Path dir;

    @Test
    void wrongPinsAreAuditedWithTheirErrorAndOnlyServerSide() {
        Clock clock = Clock.systemUTC();
        BigInteger s = curve.randomScalar(rng);
        byte[] serviceSk = new byte[32];
        rng.nextBytes(serviceSk);
        serviceSk[0] = 1;
        byte[] rawId = new byte[32];
        rng.nextBytes(rawId);
        byte[] hid = curve.mpin().hashId(rawId);
        int date = DtaMessages.permitDate(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        byte[] clientSecret = curve.g1().mul(curve.hashToG1(hid), s);
        byte[] permit = curve.g1().mul(DtaShares.permitBase(curve, date, hid), s);
        int pin = 5000 + rng.nextInt(4000);
        byte[] token = curve.mpin().extractPin(rawId, pin, clientSecret);
        MpinClient client = new MpinClient(curve);
        List<Integer> audited = new ArrayList<>();
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("service.mv"), clock, false)) {
            PolVerifier v = new PolVerifier(curve, curve.g2().mul(curve.g2().generator(), s), serviceSk, kv, clock,
                    (identity, pinError) -> audited.add(pinError));
            for (int delta : new int[] {1, -1}) {
                audited.clear();
                for (int i = 0; i < ATTEMPTS; i++) {
                    assertEquals(PolVerifier.Status.REJECTED, attempt(v, client, rawId, pin + delta, token, permit, date));
                    assertEquals(PolVerifier.Status.AUTHENTICATED, attempt(v, client, rawId, pin, token, permit, date),
                            "a success resets the failure count");
                }
                assertEquals(ATTEMPTS, audited.size());
                for (int e : audited) {
                    assertTrue(e == 0 || e == delta, "PIN error " + delta + " audited as " + e);
                }
                assertTrue(audited.contains(delta), "KANGAROO never found PIN error " + delta + ": " + audited);
            }
        }
    }

    private PolVerifier.Status attempt(PolVerifier v, MpinClient m, byte[] rawId, int pin, byte[] token,
            byte[] permit, int date) {
        MpinClient.Pass1 p1 = m.pass1(rawId, pin, token, permit, date, rng);
        byte[] y = v.challenge(rawId, p1.u(), p1.ut(), rng);
        PolVerifier.Verdict verdict = v.verifyTwoPass(rawId, p1.u(), p1.ut(), y, m.pass2(p1, y), rng);
        return verdict.status();
    }
}
