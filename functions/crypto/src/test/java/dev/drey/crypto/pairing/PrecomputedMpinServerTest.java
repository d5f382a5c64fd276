package dev.drey.crypto.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The precomputed-line server check gives AMCL's SERVER_2 result on right and wrong PINs, with and without permits. */
class PrecomputedMpinServerTest {
    private final SecureRandom rng = new SecureRandom();

    @Test
    void agreesWithAmclServer2() {
        PairingCurve c = PairingCurves.BLS381;
        BigInteger s = c.randomScalar(rng);
        byte[] sst = c.g2().mul(c.g2().generator(), s);
        PrecomputedMpinServer fast = PrecomputedMpinServer.of(c, sst).orElseThrow();
        for (int round = 0; round < 6; round++) {
            byte[] id = new byte[20];
            rng.nextBytes(id);
            byte[] hid = c.mpin().hashId(id);
            byte[] cs = c.g1().mul(c.hashToG1(hid), s);
            int pin = rng.nextInt(10000);
            byte[] token = c.mpin().extractPin(id, pin, cs);
            int date = round % 2 == 0 ? 0 : 20400;
            byte[] permit = date == 0 ? null : c.g1().mul(DtaShares.permitBase(c, date, hid), s);
            int tryPin = round < 3 ? pin : (pin + round) % 10000;
            byte[] x = c.scalarBytes(c.randomScalar(rng));
            byte[][] p1 = c.mpin().client1(date, id, x, tryPin, token, permit);
            byte[] y = c.scalarBytes(c.randomScalar(rng));
            byte[] v = c.mpin().client2(x, y, p1[0]);
            byte[][] h = c.mpin().server1(date, id);
            int amcl = c.mpin().server2(date, h[0], h[1], y, sst, p1[1], p1[2], v, null);
            assertEquals(round < 3 ? 0 : MpinPrimitives.BAD_PIN, amcl);
            assertEquals(amcl, fast.check(date, h[0], h[1], y, p1[1], p1[2], v), "round " + round);
        }
        assertTrue(PrecomputedMpinServer.of(PairingCurves.BN254CX, PairingCurves.BN254CX.g2().generator()).isEmpty());
    }
}
