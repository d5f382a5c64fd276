package dev.drey.crypto;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * BIP-340 (final) through libsecp256k1 over JNI (secp256k1-kmp): the fast path behind
 * {@link Schnorr}. Nostr code calls {@link Schnorr}; this class is public only so benchmarks
 * and cross-checks can name the path explicitly.
 *
 * <p>The binding accepts only {@value #MESSAGE_LENGTH}-byte messages (BIP-340 allows any
 * length); {@link Schnorr} sends other lengths to the pure path. Inputs are checked here with
 * the same rules and messages as {@link Bip340}, so both paths refuse the same things the same
 * way.
 */
public final class NativeSchnorr {
    /** The only message length the libsecp256k1 binding signs and verifies. */
    public static final int MESSAGE_LENGTH = 32;

    private final Secp256k1 lib;

    private NativeSchnorr(Secp256k1 lib) {
        this.lib = lib;
    }

    /**
     * Loads the native library and checks it against the pure path on a fixed input, so a
     * library that loads but misbehaves (wrong build, ABI mismatch) is never used.
     *
     * @throws CryptoException naming the cause when the library is unavailable or disagrees
     */
    public static NativeSchnorr load() {
        Secp256k1 lib;
        try {
            lib = Secp256k1.get();
        } catch (Exception | LinkageError e) {
            // LinkageError covers UnsatisfiedLinkError and a missing or broken binding jar.
            throw new CryptoException("libsecp256k1: native library did not load: " + e, e);
        }
        NativeSchnorr n = new NativeSchnorr(lib);
        n.selfTest();
        return n;
    }

    private void selfTest() {
        byte[] sk = Bytes.sha256("drey native self-test key".getBytes(StandardCharsets.UTF_8));
        byte[] msg = Bytes.sha256("drey native self-test message".getBytes(StandardCharsets.UTF_8));
        byte[] aux = new byte[32];
        byte[] expected;
        byte[] actual;
        try {
            expected = Bip340.FINAL.sign(sk, msg, aux);
            actual = sign(sk, msg, aux);
        } catch (CryptoException e) {
            throw new CryptoException("libsecp256k1: self-test failed: " + e.getMessage(), e);
        }
        if (!Arrays.equals(expected, actual)) {
            throw new CryptoException("libsecp256k1: self-test signature differs from the pure BIP-340 path");
        }
        // The secret-scalar multiplications (SecretMul) against the pure path too.
        Scalar a = Scalar.reduce(sk);
        Scalar b = Scalar.reduce(msg);
        if (!mulG(a).equals(Point.mulG(a)) || !mul(Point.mulG(a), b).equals(Point.mulG(a).mul(b))) {
            throw new CryptoException("libsecp256k1: self-test point multiplication differs from the pure path");
        }
        byte[] tampered = actual.clone();
        tampered[63] ^= 1;
        if (verify(Bip340.publicKey(sk), msg, tampered)) {
            throw new CryptoException("libsecp256k1: self-test accepted a tampered signature");
        }
    }

    /** The x-only public key of a 32-byte secret key. */
    public byte[] publicKey(byte[] secretKey) {
        Scalar.decodeNonZero(secretKey); // same refusal and message as the pure path
        return xOnly(secretKey);
    }

    /**
     * Signs a {@value #MESSAGE_LENGTH}-byte message with 32 bytes of auxiliary randomness;
     * byte-identical to {@link Bip340#FINAL} for the same inputs.
     */
    public byte[] sign(byte[] secretKey, byte[] message, byte[] auxRand) {
        if (auxRand == null || auxRand.length != 32) {
            throw new CryptoException("bip340: auxiliary randomness must be 32 bytes");
        }
        if (message == null) {
            throw new CryptoException("bip340: message missing");
        }
        requireSupportedLength(message);
        Scalar.decodeNonZero(secretKey);
        byte[] sig;
        try {
            sig = lib.signSchnorr(message, secretKey, auxRand);
        } catch (Secp256k1Exception e) {
            throw new CryptoException("libsecp256k1: signing failed: " + e.getMessage(), e);
        }
        // BIP-340 recommends verifying before releasing, as the pure path does: guards against faults.
        if (!verify(xOnly(secretKey), message, sig)) {
            throw new CryptoException("bip340: produced signature does not verify");
        }
        return sig;
    }

    /**
     * Verifies a signature over a {@value #MESSAGE_LENGTH}-byte message. Malformed keys or
     * signatures verify as false rather than throwing, exactly like {@link Bip340#verify}.
     *
     * @throws CryptoException only for a message of another length, which this binding cannot
     *     judge (route it to {@link Bip340#FINAL}; {@link Schnorr} does)
     */
    public boolean verify(byte[] publicKeyX, byte[] message, byte[] signature) {
        if (publicKeyX == null || publicKeyX.length != 32 || signature == null || signature.length != 64
                || message == null) {
            return false;
        }
        requireSupportedLength(message);
        try {
            return lib.verifySchnorr(signature, message, publicKeyX);
        } catch (Secp256k1Exception e) {
            // The binding throws when the key does not parse (off the curve, x >= p).
            return false;
        }
    }

    /** k·G for a non-zero secret k, in constant time ({@code secp256k1_ec_pubkey_create}). */
    public Point mulG(Scalar k) {
        byte[] kb = k.encode();
        try {
            return Point.decodeUncompressed(lib.pubkeyCreate(kb));
        } catch (Secp256k1Exception e) {
            throw new CryptoException("libsecp256k1: k·G failed (k must be non-zero): " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(kb, (byte) 0);
        }
    }

    /**
     * k·P for a non-zero secret k and a finite point P, in constant time in k
     * ({@code secp256k1_ec_pubkey_tweak_mul}).
     */
    public Point mul(Point p, Scalar k) {
        byte[] kb = k.encode();
        try {
            return Point.decodeUncompressed(lib.pubKeyTweakMul(p.encodeCompressed(), kb));
        } catch (Secp256k1Exception e) {
            throw new CryptoException("libsecp256k1: k·P failed (k must be non-zero): " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(kb, (byte) 0);
        }
    }

    /** True when this binding can sign and verify a message of this length. */
    public static boolean supports(byte[] message) {
        return message != null && message.length == MESSAGE_LENGTH;
    }

    private static void requireSupportedLength(byte[] message) {
        if (message.length != MESSAGE_LENGTH) {
            throw new CryptoException("libsecp256k1: this binding handles " + MESSAGE_LENGTH
                    + "-byte messages only, got " + message.length + " (use Schnorr, which falls back)");
        }
    }

    private byte[] xOnly(byte[] secretKey) {
        byte[] uncompressed;
        try {
            uncompressed = lib.pubkeyCreate(secretKey);
        } catch (Secp256k1Exception e) {
            throw new CryptoException("libsecp256k1: public key derivation failed: " + e.getMessage(), e);
        }
        // 65 bytes: 04 || x || y.
        return Arrays.copyOfRange(uncompressed, 1, 33);
    }
}
