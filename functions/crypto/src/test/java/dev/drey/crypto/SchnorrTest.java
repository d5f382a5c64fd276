package dev.drey.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pure {@link Bip340#FINAL} path against libsecp256k1 ({@link NativeSchnorr}), and the
 * {@link Schnorr} dispatch between them. libsecp256k1 must load on the platforms this project
 * builds on (the binding ships linux x86-64/aarch64, macOS and Windows libraries), so a load
 * failure fails these tests rather than skipping them.
 */
class SchnorrTest {
    private static final long SEED = 0x5eed_d4e7L;
    private static final int ROUNDS = 300;

    private static NativeSchnorr lib;

    @BeforeAll
    static void loadNative() {
        lib = NativeSchnorr.load();
    }

    @Test
    void pureAndNativeSignIdenticallyAndAcceptEachOther() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] sk = secretKey(rnd);
            byte[] msg = bytes(rnd, 32);
            byte[] aux = bytes(rnd, 32);
            String where = "round " + i + " (seed " + SEED + ")";

            byte[] pub = Bip340.publicKey(sk);
            assertArrayEquals(pub, lib.publicKey(sk), where + ": public key");
            byte[] pureSig = Bip340.FINAL.sign(sk, msg, aux);
            byte[] nativeSig = lib.sign(sk, msg, aux);
            assertArrayEquals(pureSig, nativeSig, where + ": signature");
            assertTrue(lib.verify(pub, msg, pureSig), where + ": native verifies pure");
            assertTrue(Bip340.FINAL.verify(pub, msg, nativeSig), where + ": pure verifies native");

            byte[] badSig = pureSig.clone();
            badSig[rnd.nextInt(64)] ^= (byte) (1 << rnd.nextInt(8));
            assertBothReject(pub, msg, badSig, where + ": tampered signature");

            byte[] badMsg = msg.clone();
            badMsg[rnd.nextInt(32)] ^= (byte) (1 << rnd.nextInt(8));
            assertBothReject(pub, badMsg, pureSig, where + ": tampered message");

            byte[] badPub = pub.clone();
            badPub[rnd.nextInt(32)] ^= (byte) (1 << rnd.nextInt(8));
            assertBothReject(badPub, msg, pureSig, where + ": tampered key");

            assertBothReject(Bip340.publicKey(secretKey(rnd)), msg, pureSig, where + ": other key");
        }
    }

    @Test
    void auxiliaryRandomnessChangesTheSignatureIdenticallyOnBothPaths() {
        Random rnd = new Random(SEED + 1);
        byte[] sk = secretKey(rnd);
        byte[] msg = bytes(rnd, 32);
        byte[] aux1 = bytes(rnd, 32);
        byte[] aux2 = bytes(rnd, 32);
        byte[] s1 = lib.sign(sk, msg, aux1);
        byte[] s2 = lib.sign(sk, msg, aux2);
        assertFalse(Arrays.equals(s1, s2));
        assertArrayEquals(Bip340.FINAL.sign(sk, msg, aux2), s2);
    }

    @Test
    void malformedInputsVerifyFalseOnBothPathsWithoutThrowing() {
        Random rnd = new Random(SEED + 2);
        byte[] sk = secretKey(rnd);
        byte[] msg = bytes(rnd, 32);
        byte[] pub = Bip340.publicKey(sk);
        byte[] sig = lib.sign(sk, msg, new byte[32]);
        byte[] p = Bytes.fixed32(Point.P);
        byte[] n = Bytes.fixed32(Scalar.N);
        byte[] offCurve = Bytes.fixed32(PointTest.firstOffCurveX());

        assertBothReject(null, msg, sig, "null key");
        assertBothReject(pub, msg, null, "null signature");
        assertBothReject(pub, null, sig, "null message");
        assertBothReject(Arrays.copyOf(pub, 31), msg, sig, "31-byte key");
        assertBothReject(Bytes.concat(new byte[] {2}, pub), msg, sig, "33-byte compressed key");
        assertBothReject(pub, msg, Arrays.copyOf(sig, 63), "63-byte signature");
        assertBothReject(pub, msg, Arrays.copyOf(sig, 65), "65-byte signature");
        assertBothReject(p, msg, sig, "key x == p");
        assertBothReject(offCurve, msg, sig, "key off the curve");
        assertBothReject(new byte[32], msg, sig, "key x == 0");
        assertBothReject(pub, msg, Bytes.concat(p, Arrays.copyOfRange(sig, 32, 64)), "r == p");
        assertBothReject(pub, msg, Bytes.concat(offCurve, Arrays.copyOfRange(sig, 32, 64)), "r off the curve");
        assertBothReject(pub, msg, Bytes.concat(Arrays.copyOfRange(sig, 0, 32), n), "s == n");
        byte[] sPlusN = Bytes.fixed32(new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)).add(Scalar.N)
                .min(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)));
        assertBothReject(pub, msg, Bytes.concat(Arrays.copyOfRange(sig, 0, 32), sPlusN), "s >= n");
        assertBothReject(pub, msg, new byte[64], "all-zero signature");
    }

    @Test
    void nativeSigningRefusesWhatThePurePathRefusesWithTheSameMessage() {
        byte[] msg = new byte[32];
        byte[] aux = new byte[32];
        List<byte[]> badKeys = List.of(new byte[32], Bytes.fixed32(Scalar.N), new byte[31], new byte[33]);
        for (byte[] sk : badKeys) {
            CryptoException pure = assertThrows(CryptoException.class, () -> Bip340.FINAL.sign(sk, msg, aux));
            CryptoException nat = assertThrows(CryptoException.class, () -> lib.sign(sk, msg, aux));
            assertEquals(pure.getMessage(), nat.getMessage());
        }
        byte[] sk = Bytes.fixed32(BigInteger.valueOf(3));
        assertEquals(assertThrows(CryptoException.class, () -> Bip340.FINAL.sign(sk, msg, new byte[31])).getMessage(),
                assertThrows(CryptoException.class, () -> lib.sign(sk, msg, new byte[31])).getMessage());
        assertEquals(assertThrows(CryptoException.class, () -> Bip340.FINAL.sign(sk, null, aux)).getMessage(),
                assertThrows(CryptoException.class, () -> lib.sign(sk, null, aux)).getMessage());
        CryptoException e = assertThrows(CryptoException.class, () -> lib.sign(sk, new byte[31], aux));
        assertTrue(e.getMessage().contains("32-byte messages only"), e.getMessage());
        e = assertThrows(CryptoException.class, () -> lib.verify(Bip340.publicKey(sk), new byte[33], new byte[64]));
        assertTrue(e.getMessage().contains("32-byte messages only"), e.getMessage());
    }

    @Test
    void schnorrUsesLibsecp256k1UnlessForcedPure() {
        String expected = Boolean.getBoolean(Schnorr.PURE_PROPERTY) ? Schnorr.PURE : Schnorr.NATIVE;
        assertEquals(expected, Schnorr.implementation(), "fallback: " + Schnorr.fallbackReason());
        assertEquals(expected.equals(Schnorr.PURE), Schnorr.fallbackReason().isPresent());

        Schnorr.Backend forced = Schnorr.Backend.select(true);
        assertEquals(Schnorr.PURE, forced.implementation());
        assertEquals("forced by -Ddrey.crypto.pure=true", forced.fallbackReason().orElseThrow());
        assertTrue(forced.nativePath().isEmpty());

        Schnorr.Backend chosen = Schnorr.Backend.select(false);
        assertEquals(Schnorr.NATIVE, chosen.implementation());
        assertTrue(chosen.fallbackReason().isEmpty());
    }

    @Test
    void bothBackendsAgreeOnEveryMessageLengthIncludingThoseTheBindingCannotTake() {
        Random rnd = new Random(SEED + 3);
        Schnorr.Backend nat = Schnorr.Backend.select(false);
        Schnorr.Backend pure = Schnorr.Backend.select(true);
        for (int len : new int[] {0, 1, 17, 31, 32, 33, 64, 100, 1000}) {
            byte[] sk = secretKey(rnd);
            byte[] msg = bytes(rnd, len);
            byte[] aux = bytes(rnd, 32);
            byte[] pub = pure.publicKey(sk);
            assertArrayEquals(pub, nat.publicKey(sk), "length " + len);
            byte[] sig = nat.sign(sk, msg, aux);
            assertArrayEquals(pure.sign(sk, msg, aux), sig, "length " + len);
            assertArrayEquals(Schnorr.sign(sk, msg, aux), sig, "length " + len);
            assertTrue(nat.verify(pub, msg, sig), "length " + len);
            assertTrue(pure.verify(pub, msg, sig), "length " + len);
            assertTrue(Schnorr.verify(pub, msg, sig), "length " + len);
            byte[] bad = sig.clone();
            bad[5] ^= 0x40;
            assertFalse(nat.verify(pub, msg, bad), "length " + len);
            assertFalse(pure.verify(pub, msg, bad), "length " + len);
        }
    }

    @Test
    void signingWithFreshRandomnessVerifies() {
        byte[] sk = secretKey(new Random(SEED + 4));
        byte[] msg = new byte[32];
        byte[] a = Schnorr.sign(sk, msg, new java.security.SecureRandom());
        byte[] b = Schnorr.sign(sk, msg, new java.security.SecureRandom());
        assertFalse(Arrays.equals(a, b), "fresh aux randomness must change the signature");
        assertTrue(Schnorr.verify(Schnorr.publicKey(sk), msg, a));
        assertTrue(Schnorr.verify(Schnorr.publicKey(sk), msg, b));
    }

    private static void assertBothReject(byte[] pub, byte[] msg, byte[] sig, String what) {
        assertFalse(Bip340.FINAL.verify(pub, msg, sig), what + ": pure accepted");
        assertFalse(Schnorr.verify(pub, msg, sig), what + ": Schnorr accepted");
        assertFalse(lib.verify(pub, msg, sig), what + ": libsecp256k1 accepted");
    }

    static byte[] secretKey(Random rnd) {
        while (true) {
            byte[] b = bytes(rnd, 32);
            BigInteger v = new BigInteger(1, b);
            if (v.signum() != 0 && v.compareTo(Scalar.N) < 0) {
                return b;
            }
        }
    }

    static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
