package dev.drey.crypto.bls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ZCash compressed encodings of G1 (48 bytes) and G2 (96 bytes): known answers, round trips, refusals. */
class PointEncodingTest {
    /** The standard generators' compressed encodings (as in the IETF BLS signature draft, ZCash and noble). */
    private static final String G1_GEN = "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
    private static final String G2_GEN = "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
            + "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8";
    private final Random random = new Random(12);

    @Test
    void generatorsEncodeAsPublished() {
        assertEquals(G1_GEN, G1Point.generator().toHex());
        assertEquals(G2_GEN, G2Point.generator().toHex());
        assertEquals(G1Point.generator(), G1Point.fromHex(G1_GEN));
        assertEquals(G2Point.generator(), G2Point.fromHex(G2_GEN));
    }

    @Test
    void roundTripsBothSigns() {
        for (int i = 0; i < 8; i++) {
            BigInteger k = new BigInteger(250, random).add(BigInteger.ONE);
            G1Point p = G1Point.generator().mul(k);
            assertEquals(p, G1Point.fromBytes(p.toBytes()));
            assertEquals(p.negate(), G1Point.fromBytes(p.negate().toBytes()));
            assertTrue(((p.toBytes()[0] ^ p.negate().toBytes()[0]) & 0x20) != 0, "negation flips the sign bit");
            G2Point q = G2Point.generator().mul(k);
            assertEquals(q, G2Point.fromBytes(q.toBytes()));
            assertEquals(q.negate(), G2Point.fromBytes(q.negate().toBytes()));
            assertEquals(G1Point.generator().mulSecret(k), p);
            assertEquals(G2Point.generator().mulSecret(k), q);
        }
    }

    @Test
    void identity() {
        byte[] inf = new byte[48];
        inf[0] = (byte) 0xc0;
        assertTrue(G1Point.fromBytes(inf).isIdentity());
        assertEquals(Hex.encode(inf), G1Point.identity().toHex());
        assertThrows(BlsException.class, () -> G1Point.fromBytesNonIdentity(inf, "signature"));
        byte[] badInf = inf.clone();
        badInf[47] = 1;
        assertThrows(BlsException.class, () -> G1Point.fromBytes(badInf));
        byte[] signedInf = inf.clone();
        signedInf[0] = (byte) 0xe0;
        assertThrows(BlsException.class, () -> G1Point.fromBytes(signedInf));
        byte[] inf2 = new byte[96];
        inf2[0] = (byte) 0xc0;
        assertTrue(G2Point.fromBytes(inf2).isIdentity());
        assertThrows(BlsException.class, () -> G2Point.fromBytesNonIdentity(inf2, "public key"));
        assertTrue(G1Point.generator().add(G1Point.generator().negate()).isIdentity());
        assertTrue(G1Point.generator().mul(Bls12381.ORDER).isIdentity());
    }

    @Test
    void refusesUncompressedNonCanonicalAndWrongLength() {
        byte[] g = G1Point.generator().toBytes();
        byte[] uncompressed = g.clone();
        uncompressed[0] &= 0x7f;
        assertThrows(BlsException.class, () -> G1Point.fromBytes(uncompressed));
        assertThrows(BlsException.class, () -> G1Point.fromBytes(new byte[47]));
        assertThrows(BlsException.class, () -> G2Point.fromBytes(G1Point.generator().toBytes()));
        // x + p does not fit 381 bits, but x = p itself does: it must be refused as non-canonical
        byte[] xp = new byte[48];
        Fp.toBytes(Fp.P, xp, 0);
        xp[0] |= (byte) 0x80;
        assertThrows(BlsException.class, () -> G1Point.fromBytes(xp));
        byte[] g2 = G2Point.generator().toBytes();
        byte[] c0p = g2.clone();
        Fp.toBytes(Fp.P, c0p, 48);
        assertThrows(BlsException.class, () -> G2Point.fromBytes(c0p));
    }

    @Test
    void refusesPointsOffTheCurveOrOutsideTheSubgroup() {
        int offCurve = 0;
        int outside = 0;
        for (int x = 1; offCurve == 0 || outside == 0; x++) {
            byte[] b = new byte[48];
            Fp.toBytes(BigInteger.valueOf(x), b, 0);
            b[0] |= (byte) 0x80;
            boolean onCurve = Fp.sqrt(BigInteger.valueOf(x).pow(3).add(BigInteger.valueOf(4)).mod(Fp.P)) != null;
            BlsException e = assertThrows(BlsException.class, () -> G1Point.fromBytes(b));
            if (onCurve) {
                assertTrue(e.getMessage().contains("subgroup"), e.getMessage());
                outside++;
            } else {
                assertTrue(e.getMessage().contains("not on the curve"), e.getMessage());
                offCurve++;
            }
        }
        int g2Outside = 0;
        int g2Off = 0;
        for (int x = 1; g2Outside == 0 || g2Off == 0; x++) {
            byte[] b = new byte[96];
            Fp.toBytes(BigInteger.valueOf(x), b, 48);
            b[0] |= (byte) 0x80;
            BlsException e = assertThrows(BlsException.class, () -> G2Point.fromBytes(b));
            if (e.getMessage().contains("subgroup")) {
                g2Outside++;
            } else {
                assertTrue(e.getMessage().contains("not on the twist"), e.getMessage());
                g2Off++;
            }
        }
        assertFalse(g2Outside == 0);
    }
}
