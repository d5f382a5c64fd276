package dev.drey.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drey.crypto.bls.G1Point;
import dev.drey.crypto.bls.G2Point;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ZcashPointsTest {
    private static final PairingCurve C = PairingCurves.BLS381;

    @Test
    void amclPointsBecomeTheSamePointsInZcashForm() {
        assertEquals(G1Point.generator(), ZcashPoints.g1(C.g1().generator()));
        assertEquals(G2Point.generator(), ZcashPoints.g2(C.g2().generator()));
        SecureRandom rng = new SecureRandom();
        for (int i = 0; i < 3; i++) { // random signs of y (the negations below give the other one)
            BigInteger k = C.randomScalar(rng);
            assertEquals(G1Point.generator().mul(k), ZcashPoints.g1(C.g1().mul(C.g1().generator(), k)));
            assertEquals(G2Point.generator().mul(k), ZcashPoints.g2(C.g2().mul(C.g2().generator(), k)));
        }
        assertEquals(G1Point.generator().negate(), ZcashPoints.g1(C.g1().mul(C.g1().generator(),
                C.order().subtract(BigInteger.ONE))));
        assertEquals(G2Point.generator().negate(), ZcashPoints.g2(C.g2().mul(C.g2().generator(),
                C.order().subtract(BigInteger.ONE))));
    }

    @Test
    void wrongShapesAreRefused() {
        assertThrows(BeaconException.class, () -> ZcashPoints.g1(new byte[48]));
        assertThrows(BeaconException.class, () -> ZcashPoints.g2(new byte[96]));
    }
}
