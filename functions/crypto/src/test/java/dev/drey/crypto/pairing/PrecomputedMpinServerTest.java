package dev.drey.crypto.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
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
        for (int round = 0; round < 12; round++) {
            byte[] id = new byte[20];
            rng.nextBytes(id);
            byte[] hid = c.mpin().hashId(id);
            byte[] cs = c.g1().mul(c.hashToG1(hid), s);
            int pin = rng.nextInt(10000);
            byte[] token = c.mpin().extractPin(id, pin, cs);
            int date = round % 2 == 0 ? 0 : 20400;
            byte[] permit = date == 0 ? null : c.g1().mul(DtaShares.permitBase(c, date, hid), s);
            int tryPin = round < 6 ? pin : (pin + round) % 10000;
            byte[] x = c.scalarBytes(c.randomScalar(rng));
            byte[][] p1 = c.mpin().client1(date, id, x, tryPin, token, permit);
            byte[] y = c.scalarBytes(c.randomScalar(rng));
            byte[] v = c.mpin().client2(x, y, p1[0]);
            byte[][] h = c.mpin().server1(date, id);
            int amcl = c.mpin().server2(date, h[0], h[1], y, sst, p1[1], p1[2], v, null);
            assertEquals(round < 6 ? 0 : MpinPrimitives.BAD_PIN, amcl);
            assertEquals(amcl, fast.check(date, h[0], h[1], y, p1[1], p1[2], v), "round " + round);
        }
        assertTrue(PrecomputedMpinServer.of(PairingCurves.BN254CX, PairingCurves.BN254CX.g2().generator()).isEmpty());
    }

    @Test
    void rejectsWhatAmclWouldMisjudge() {
        PairingCurve c = PairingCurves.BLS381;
        BigInteger s = c.randomScalar(rng);
        byte[] sst = c.g2().mul(c.g2().generator(), s);
        PrecomputedMpinServer fast = PrecomputedMpinServer.of(c, sst).orElseThrow();
        byte[] id = new byte[20];
        rng.nextBytes(id);
        byte[][] h = c.mpin().server1(0, id);
        byte[] y = c.scalarBytes(c.randomScalar(rng));
        byte[] v = c.g1().mul(c.g1().generator(), c.randomScalar(rng));
        // U = −y·H(ID): y·H(ID) + U is the identity; e(Q, V) ≠ 1, so not a valid proof (AMCL agrees)
        byte[] u = c.g1().mul(h[0], c.order().subtract(new BigInteger(1, y)));
        assertEquals(MpinPrimitives.BAD_PIN, fast.check(0, h[0], null, y, u, null, v));
        assertEquals(MpinPrimitives.BAD_PIN, c.mpin().server2(0, h[0], null, y, sst, u, null, v, null));
        // a point of E(Fp) outside G1 as U or V, a point off the curve, a short y: specific errors
        byte[] outside = Bls381Curve.encode(outsideG1());
        assertEquals("client commitment: not in the order-r subgroup",
                assertThrows(PairingException.class, () -> fast.check(0, h[0], null, y, outside, null, v)).getMessage());
        assertEquals("client proof V: not in the order-r subgroup",
                assertThrows(PairingException.class, () -> fast.check(0, h[0], null, y, u, null, outside)).getMessage());
        byte[] offCurve = v.clone();
        offCurve[offCurve.length - 1] ^= 1;
        assertThrows(PairingException.class, () -> fast.check(0, h[0], null, y, u, null, offCurve));
        assertEquals("challenge y: expected 48 bytes",
                assertThrows(PairingException.class, () -> fast.check(0, h[0], null, new byte[3], u, null, v)).getMessage());
    }

    /** A random point of E(Fp) outside G1 (almost every point: the cofactor is about 2^126). */
    private ECP outsideG1() {
        while (true) {
            byte[] xb = new byte[48];
            rng.nextBytes(xb);
            xb[0] &= 0x0f;
            ECP p = new ECP(BIG.fromBytes(xb));
            if (!p.is_infinity() && !Bls381Subgroup.byOrder(p)) {
                return p;
            }
        }
    }
}
