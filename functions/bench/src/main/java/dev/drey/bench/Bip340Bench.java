package dev.drey.bench;

import dev.drey.crypto.Bip340;
import dev.drey.crypto.NativeSchnorr;
import dev.drey.crypto.Scalar;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * BIP-340 (final) sign and verify: the pure-Java path on BouncyCastle ({@link Bip340#FINAL})
 * against libsecp256k1 ({@link NativeSchnorr}), on the same keys, 32-byte messages and
 * auxiliary randomness. Both sign paths verify their signature before returning it, as
 * BIP-340 recommends, so their costs compare like for like.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Bip340Bench {
    /** Several inputs, cycled, so no single key or message is all the JIT ever sees. */
    private static final int INPUTS = 64;

    private final byte[][] secretKeys = new byte[INPUTS][];
    private final byte[][] publicKeys = new byte[INPUTS][];
    private final byte[][] messages = new byte[INPUTS][];
    private final byte[][] auxRands = new byte[INPUTS][];
    private final byte[][] signatures = new byte[INPUTS][];
    private NativeSchnorr libsecp256k1;
    private int next;

    @Setup
    public void setUp() {
        libsecp256k1 = NativeSchnorr.load();
        SplittableRandom rnd = new SplittableRandom(340);
        for (int i = 0; i < INPUTS; i++) {
            secretKeys[i] = secretKey(rnd);
            publicKeys[i] = Bip340.publicKey(secretKeys[i]);
            messages[i] = bytes(rnd, NativeSchnorr.MESSAGE_LENGTH);
            auxRands[i] = bytes(rnd, 32);
            signatures[i] = Bip340.FINAL.sign(secretKeys[i], messages[i], auxRands[i]);
            // Same inputs must mean same work: refuse to measure paths that disagree.
            if (!Arrays.equals(signatures[i], libsecp256k1.sign(secretKeys[i], messages[i], auxRands[i]))) {
                throw new IllegalStateException("libsecp256k1 and the pure path disagree on input " + i);
            }
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) % INPUTS;
        return i;
    }

    @Benchmark
    public boolean verifyBouncyCastle() {
        int i = index();
        return Bip340.FINAL.verify(publicKeys[i], messages[i], signatures[i]);
    }

    @Benchmark
    public boolean verifyLibsecp256k1() {
        int i = index();
        return libsecp256k1.verify(publicKeys[i], messages[i], signatures[i]);
    }

    @Benchmark
    public byte[] signBouncyCastle() {
        int i = index();
        return Bip340.FINAL.sign(secretKeys[i], messages[i], auxRands[i]);
    }

    @Benchmark
    public byte[] signLibsecp256k1() {
        int i = index();
        return libsecp256k1.sign(secretKeys[i], messages[i], auxRands[i]);
    }

    private static byte[] secretKey(SplittableRandom rnd) {
        while (true) {
            byte[] b = bytes(rnd, 32);
            BigInteger v = new BigInteger(1, b);
            if (v.signum() != 0 && v.compareTo(Scalar.N) < 0) {
                return b;
            }
        }
    }

    private static byte[] bytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
