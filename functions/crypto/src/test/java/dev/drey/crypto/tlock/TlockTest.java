package dev.drey.crypto.tlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconScheme;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.G1Point;
import dev.drey.crypto.bls.G2Point;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.junit.jupiter.api.Test;

/**
 * The tlock construction end to end on a chain made here (a plain BLS key; the signature of round r is key·H(r)):
 * its consistency and its refusals. Byte compatibility with tlock-js is TlockJsFileTest and the interop module's
 * TlockInteropTest.
 */
class TlockTest {
    private static final BigInteger SECRET = new BigInteger("5f2a3c0e9b7d41a6c8e1f0d2b4a69788112233445566778899aabbccddeeff0", 16);
    private static final ChainInfo CHAIN = chain(1_700_000_000L);
    private static final byte[] HASH = CHAIN.hash();

    private static ChainInfo chain(long genesis) {
        return new ChainInfo(G2Point.generator().mul(SECRET), 3, genesis, new byte[32], BeaconScheme.ID, "tlock-test");
    }

    private static Beacon beacon(long round, BigInteger key) {
        return Beacon.of(round, BeaconScheme.sign(key, round));
    }

    @Test
    void opensWithTheRoundsBeaconOnly() {
        byte[] plaintext = "the auction closes at round 42".getBytes(StandardCharsets.UTF_8);
        byte[] file = Tlock.encrypt(CHAIN, 42, plaintext, new SplittableRandom(1));
        assertEquals(42, Tlock.requiredRound(CHAIN, file));
        long due = CHAIN.roundTime(42);
        assertEquals(1_700_000_000L + 41 * 3, due);
        assertArrayEquals(plaintext, Tlock.decrypt(CHAIN, beacon(42, SECRET), file, due));

        TlockException early = assertThrows(TlockException.class, () -> Tlock.decrypt(CHAIN, null, file, due - 1));
        assertTrue(early.getMessage().contains("too early") && early.getMessage().contains("round 42")
                && early.getMessage().contains("2023-11-14T22:15:23Z"), early.getMessage());
        TlockException other = assertThrows(TlockException.class,
                () -> Tlock.decrypt(CHAIN, beacon(41, SECRET), file, due));
        assertTrue(other.getMessage().contains("round 41"), other.getMessage());
        // a beacon of another key, relabelled: refused before any decryption
        TlockException forged = assertThrows(TlockException.class,
                () -> Tlock.decrypt(CHAIN, beacon(42, SECRET.add(BigInteger.ONE)), file, due));
        assertTrue(forged.getMessage().contains("does not verify") && forged.getMessage().contains("round 42"),
                forged.getMessage());
    }

    @Test
    void theStanzaIsTlocksAndTheCiphertextIsBoundToIt() {
        byte[] file = Tlock.encrypt(CHAIN, 7, new byte[] {1, 2, 3}, new SplittableRandom(2));
        Stanza s = AgeFile.parse(file).stanzas().get(0);
        assertEquals("tlock", s.type());
        assertEquals(List.of("7", Hex.encode(HASH)), s.args());
        assertEquals(96 + 16 + 16, s.body().length);
        // the FO check: any change to V or W (the MAC aside) makes the key unrecoverable
        TlockIbe.Ciphertext c = TlockIbe.Ciphertext.parse(s.body());
        G1Point sig = G1Point.fromBytes(beacon(7, SECRET).signature());
        assertEquals(16, TlockIbe.decrypt(sig, c).length);
        byte[] v = c.v();
        v[0] ^= 1;
        assertThrows(TlockException.class, () -> TlockIbe.decrypt(sig, new TlockIbe.Ciphertext(c.u(), v, c.w())));
        byte[] u = c.u();
        u[95] ^= 1;
        assertThrows(TlockException.class, () -> TlockIbe.decrypt(sig, new TlockIbe.Ciphertext(u, c.v(), c.w())));
    }

    @Test
    void anotherChainsFileIsRefusedByName() {
        byte[] file = Tlock.encrypt(CHAIN, 5, new byte[] {9}, new SplittableRandom(3));
        ChainInfo other = chain(CHAIN.genesisTime() + 1);
        TlockException e = assertThrows(TlockException.class, () -> Tlock.requiredRound(other, file));
        assertTrue(e.getMessage().contains(Hex.encode(HASH)), e.getMessage());
    }

    @Test
    void theAmclBridgeRereadsTheBlsTypesPoints() {
        assertTrue(TlockPoints.amcl(G1Point.generator()).equals(ECP.generator()));
        assertTrue(TlockPoints.amcl(G2Point.generator()).equals(ECP2.generator()));
        for (long k : new long[] {2, 3, 1_000_003}) { // both signs of y occur among these
            BigInteger s = BigInteger.valueOf(k);
            assertTrue(TlockPoints.amcl(G1Point.generator().mul(s)).equals(ECP.generator().mul(TlockPoints.toBig(s))));
            assertTrue(TlockPoints.amcl(G2Point.generator().mul(s)).equals(ECP2.generator().mul(TlockPoints.toBig(s))));
        }
    }

    @Test
    void gtBytesAreTlockJsOrder() {
        // tlock-js's fp12ToBytes(pairing(G1, G2)) with noble starts with these bytes (and the pairing is bilinear)
        byte[] gt = TlockIbe.gtBytes(TlockIbe.pairing(G1Point.generator(), G2Point.generator()));
        assertEquals(576, gt.length);
        assertEquals("0f41e58663bf08cf068672cbd01a7ec73baca4d72ca93544deff686bfd6df543d48eaa24afe47e1efde449383b676631",
                Hex.encode(java.util.Arrays.copyOf(gt, 48)));
        assertArrayEquals(TlockIbe.gtBytes(TlockIbe.pairing(G1Point.generator().mul(BigInteger.valueOf(6)),
                G2Point.generator())), TlockIbe.gtBytes(TlockIbe.pairing(G1Point.generator().mul(BigInteger.TWO),
                G2Point.generator().mul(BigInteger.valueOf(3)))));
    }
}
