package dev.drey.crypto.bls;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.pairing.Bls381Kernels;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ROM;

/** Constants and helpers of BLS12-381 shared by the BLS package: the group order and the pairing check. */
public final class Bls12381 {
    /** r, the prime order of G1, G2 and GT. */
    public static final BigInteger ORDER = new BigInteger(
            "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    public static final int SCALAR_BYTES = 32;
    private static final Bls381Kernels.FixedG2 MINUS_G2 = new Bls381Kernels.FixedG2(G2Point.generator().negate().ecp2());

    static {
        if (!Fp.toBigInteger(new BIG(ROM.CURVE_Order)).equals(ORDER)) {
            throw new IllegalStateException("AMCL's BLS381 order is not BLS12-381's r");
        }
    }

    private Bls12381() {
    }

    /** A G2 point prepared for repeated pairings (a group public key): its Miller-loop lines, computed once. */
    public static final class PreparedG2 {
        private final G2Point point;
        private final Bls381Kernels.FixedG2 lines;

        public PreparedG2(G2Point point) {
            if (point.isIdentity()) {
                throw new BlsException("prepared G2 point: the identity");
            }
            this.point = point;
            this.lines = new Bls381Kernels.FixedG2(point.ecp2());
        }

        public G2Point point() {
            return point;
        }
    }

    /**
     * e(sig, g2) = e(h, pk), as e(sig, −g2)·e(h, pk) = 1 with one final exponentiation: the BLS
     * verification equation for signatures in G1 and keys in G2. False when sig or h is the identity.
     */
    public static boolean verifyPairing(G1Point sig, G1Point h, PreparedG2 pk) {
        if (sig.isIdentity() || h.isIdentity()) {
            return false;
        }
        return Bls381Kernels.productIsOne(MINUS_G2, sig.ecp(), pk.lines, h.ecp());
    }

    /** A uniform scalar in [1, r) from {@code rng} (48 bytes reduced: the bias is below 2^-128). */
    public static BigInteger randomScalar(SecureRandom rng) {
        byte[] wide = new byte[48];
        BigInteger k;
        do {
            rng.nextBytes(wide);
            k = new BigInteger(1, wide).mod(ORDER);
        } while (k.signum() == 0);
        return k;
    }

    /** A scalar as 32 big-endian bytes. */
    public static byte[] scalarBytes(BigInteger k) {
        byte[] out = new byte[SCALAR_BYTES];
        byte[] raw = k.mod(ORDER).toByteArray();
        int n = Math.min(raw.length, SCALAR_BYTES);
        System.arraycopy(raw, raw.length - n, out, SCALAR_BYTES - n, n);
        return out;
    }

    /** 32 big-endian bytes, refused unless below r. */
    public static BigInteger scalarFromBytes(byte[] b, String what) {
        if (b == null || b.length != SCALAR_BYTES) {
            throw new BlsException(what + ": expected a " + SCALAR_BYTES + "-byte scalar");
        }
        BigInteger k = new BigInteger(1, b);
        if (k.compareTo(ORDER) >= 0) {
            throw new BlsException(what + ": scalar not below the group order");
        }
        return k;
    }

    /** Lowercase hex of exactly {@code bytes} bytes, or a {@link BlsException} naming {@code what}. */
    static byte[] hexBytes(String hex, int bytes, String what) {
        try {
            return Hex.decode(hex, bytes);
        } catch (CryptoException e) {
            throw new BlsException(what + ": " + e.getMessage());
        }
    }
}
