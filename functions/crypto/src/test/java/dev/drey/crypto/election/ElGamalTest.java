package dev.drey.crypto.election;

import static dev.drey.crypto.election.ElectionTestSupport.seeded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElGamalTest {
    private final SecureRandom rng = seeded(1);
    private final Scalar secret = Scalar.random(rng);
    private final Point key = Point.mulG(secret);

    private long decrypt(ElGamalCiphertext ct, long max) {
        return new DiscreteLog(max).solve(ct.beta().subtract(ct.alpha().mul(secret)));
    }

    @Test
    void encryptsAndDecryptsEveryMessageUpToTheBound() {
        for (int m = 0; m <= 10; m++) {
            assertEquals(m, decrypt(ElGamalCiphertext.encrypt(key, m, Scalar.random(rng)), 10));
        }
    }

    @Test
    void additionAddsTheMessages() {
        ElGamalCiphertext a = ElGamalCiphertext.encrypt(key, 3, Scalar.random(rng));
        ElGamalCiphertext b = ElGamalCiphertext.encrypt(key, 4, Scalar.random(rng));
        assertEquals(7, decrypt(a.add(b), 20));
        assertEquals(7, decrypt(ElGamalCiphertext.sum(List.of(a, b)), 20));
        assertEquals(0, decrypt(ElGamalCiphertext.trivialZero(key), 20));
    }

    @Test
    void encodingRoundTripsAndDecodingIsStrict() {
        ElGamalCiphertext ct = ElGamalCiphertext.encrypt(key, 1, Scalar.random(rng));
        byte[] enc = ct.encode();
        assertEquals(66, enc.length);
        assertEquals(ct, ElGamalCiphertext.decode(enc));
        assertArrayEquals(enc, ElGamalCiphertext.decode(enc).encode());
        assertThrows(ElectionException.class, () -> ElGamalCiphertext.decode(new byte[65]));
        byte[] badPrefix = enc.clone();
        badPrefix[33] = 0x04;
        assertThrows(ElectionException.class, () -> ElGamalCiphertext.decode(badPrefix));
        byte[] offCurve = enc.clone();
        offCurve[0] = 0x02;
        for (int i = 1; i < 33; i++) {
            offCurve[i] = (byte) 0xff; // x >= p
        }
        assertThrows(ElectionException.class, () -> ElGamalCiphertext.decode(offCurve));
        assertThrows(ElectionException.class, () -> ElGamalCiphertext.encrypt(Point.INFINITY, 1, Scalar.ONE));
        assertThrows(ElectionException.class, () -> ElGamalCiphertext.encrypt(key, 1, Scalar.ZERO));
    }

    @Test
    void discreteLogFindsEveryValueInRangeAndRefusesOthers() {
        DiscreteLog dl = new DiscreteLog(50);
        for (int m = 0; m <= 50; m++) {
            assertEquals(m, dl.solve(Point.mulG(Scalar.of(m))));
        }
        ElectionException e = assertThrows(ElectionException.class, () -> dl.solve(Point.mulG(Scalar.of(51))));
        assertTrue(e.getMessage().contains("0..50"), e.getMessage());
        assertThrows(ElectionException.class, () -> dl.solve(Point.mulG(Scalar.of(-1))));
        assertThrows(ElectionException.class, () -> dl.solve(Point.mulG(Scalar.of(1000))));
        DiscreteLog zero = new DiscreteLog(0);
        assertEquals(0, zero.solve(Point.INFINITY));
        assertThrows(ElectionException.class, () -> zero.solve(Point.G));
        assertThrows(ElectionException.class, () -> new DiscreteLog(-1));
        assertEquals(99_999, new DiscreteLog(100_000).solve(Point.mulG(Scalar.of(99_999))));
        assertFalse(dl.max() != 50);
    }
}
