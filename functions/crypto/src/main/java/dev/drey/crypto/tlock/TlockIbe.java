package dev.drey.crypto.tlock;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hashes;
import dev.drey.crypto.bls.Bls12381;
import dev.drey.crypto.bls.BlsException;
import dev.drey.crypto.bls.G1Point;
import dev.drey.crypto.bls.G2Point;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.milagro.amcl.BLS381.FP12;
import org.apache.milagro.amcl.BLS381.FP2;
import org.apache.milagro.amcl.BLS381.FP4;
import org.apache.milagro.amcl.BLS381.PAIR;

/**
 * tlock's identity-based encryption for {@code bls-unchained-g1-rfc9380} chains: Boneh–Franklin with the
 * Fujisaki–Okamoto transform, public key and U in G2, identities and beacon signatures in G1 (drand's tlock and
 * tlock-js, byte for byte).
 *
 * <pre>
 * encrypt(PK, Q_id = H_G1(SHA-256(round as u64 BE)), M):  σ random, r = H3(σ, M), U = r·G2,
 *     V = σ ⊕ H2(e(Q_id, PK)^r), W = M ⊕ H4(σ)
 * decrypt(sig = s·Q_id, (U, V, W)):  σ = V ⊕ H2(e(sig, U)), M = W ⊕ H4(σ), and U = H3(σ, M)·G2 or nothing
 * </pre>
 *
 * e(Q_id, PK)^r is computed as e(Q_id, r·PK) (one pairing, no GT exponentiation). M is at most 32 bytes; age
 * uses it for a 16-byte file key.
 */
final class TlockIbe {
    static final int MAX_MESSAGE = 32;
    private static final byte[] H2_TAG = "IBE-H2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] H3_TAG = "IBE-H3".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] H4_TAG = "IBE-H4".getBytes(StandardCharsets.US_ASCII);

    private TlockIbe() {
    }

    /** U (96 bytes, compressed G2), V and W (each as long as the message). */
    record Ciphertext(byte[] u, byte[] v, byte[] w) {
        Ciphertext {
            if (u.length != G2Point.BYTES || v.length != w.length || v.length == 0 || v.length > MAX_MESSAGE) {
                throw new TlockException("tlock: ciphertext must be U (96 bytes) then V and W of equal length (1 to "
                        + MAX_MESSAGE + " bytes)");
            }
            u = u.clone();
            v = v.clone();
            w = w.clone();
        }

        static Ciphertext parse(byte[] body) {
            int rest = body.length - G2Point.BYTES;
            if (rest <= 0 || rest % 2 != 0) {
                throw new TlockException("tlock: the stanza body is " + body.length
                        + " bytes; expected U (96 bytes) then V and W of equal length");
            }
            return new Ciphertext(java.util.Arrays.copyOfRange(body, 0, G2Point.BYTES),
                    java.util.Arrays.copyOfRange(body, G2Point.BYTES, G2Point.BYTES + rest / 2),
                    java.util.Arrays.copyOfRange(body, G2Point.BYTES + rest / 2, body.length));
        }

        byte[] bytes() {
            return Bytes.concat(u, v, w);
        }
    }

    static Ciphertext encrypt(G2Point publicKey, G1Point identity, byte[] message, byte[] sigma) {
        if (message.length == 0 || message.length > MAX_MESSAGE || sigma.length != message.length) {
            throw new TlockException("tlock: the message must be 1 to " + MAX_MESSAGE + " bytes, σ as long");
        }
        BigInteger r = h3(sigma, message);
        G2Point u = G2Point.generator().mulSecret(r);
        FP12 rGid = pairing(identity, publicKey.mulSecret(r));
        byte[] v = Bytes.xor(sigma, h2(rGid, message.length));
        byte[] w = Bytes.xor(message, h4(sigma, message.length));
        return new Ciphertext(u.toBytes(), v, w);
    }

    static byte[] decrypt(G1Point signature, Ciphertext c) {
        G2Point u;
        try {
            u = G2Point.fromBytesNonIdentity(c.u(), "U"); // an attacker's bytes: strictly
        } catch (BlsException e) {
            throw new TlockException("tlock: ciphertext " + e.getMessage());
        }
        byte[] sigma = Bytes.xor(c.v(), h2(pairing(signature, u), c.v().length));
        byte[] message = Bytes.xor(c.w(), h4(sigma, c.w().length));
        if (!G2Point.generator().mul(h3(sigma, message)).equals(u)) {
            throw new TlockException("tlock: the ciphertext does not open with this beacon (wrong round or chain, "
                    + "or the ciphertext was altered)");
        }
        return message;
    }

    static FP12 pairing(G1Point p, G2Point q) {
        return PAIR.fexp(PAIR.ate(TlockPoints.amcl(q), TlockPoints.amcl(p)));
    }

    /** H2 = SHA-256("IBE-H2" || GT bytes) truncated to the message length. */
    static byte[] h2(FP12 gt, int length) {
        return java.util.Arrays.copyOf(Bytes.sha256(H2_TAG, gtBytes(gt)), length);
    }

    /**
     * H3: h = SHA-256("IBE-H3" || σ || M), then for i = 1, 2, ...: SHA-256(i as u16 little-endian || h) with the top
     * bit of the first byte cleared, read big-endian, the first value below r (rejection sampling, as tlock does).
     */
    static BigInteger h3(byte[] sigma, byte[] message) {
        byte[] h = Bytes.sha256(H3_TAG, sigma, message);
        for (int i = 1; i < 65535; i++) {
            MessageDigest d = Hashes.sha256();
            d.update(new byte[] {(byte) i, (byte) (i >>> 8)});
            d.update(h);
            byte[] candidate = d.digest();
            candidate[0] = (byte) ((candidate[0] & 0xff) >>> 1);
            BigInteger n = new BigInteger(1, candidate);
            if (n.compareTo(Bls12381.ORDER) < 0) {
                return n;
            }
        }
        throw new TlockException("tlock: no scalar found for H3"); // probability about 2^-65000
    }

    /** H4 = SHA-256("IBE-H4" || σ) truncated to the message length. */
    static byte[] h4(byte[] sigma, int length) {
        return java.util.Arrays.copyOf(Bytes.sha256(H4_TAG, sigma), length);
    }

    /**
     * GT as tlock serialises it (kilic's / tlock-js's order): with Fp12 = Fp6[w]/(w² − v), Fp6 = Fp2[v]/(v³ − (1+i)),
     * the coefficients c1 then c0, each Fp6 as c2 c1 c0, each Fp2 as c1 c0, each Fp 48 bytes big-endian. AMCL keeps
     * a + b·z + c·z² with a, b, c in Fp2[s]/(s² − (1+i)) and z³ = s, so z = w and the six Fp2 coefficients of
     * w⁰..w⁵ are a.a, b.a, c.a, a.b, b.b, c.b; the output lists them w⁵, w³, w¹, w⁴, w², w⁰.
     */
    static byte[] gtBytes(FP12 gt) {
        FP4 a = gt.geta();
        FP4 b = gt.getb();
        FP4 c = gt.getc();
        FP2[] order = {c.getb(), a.getb(), b.geta(), b.getb(), c.geta(), a.geta()};
        byte[] out = new byte[order.length * 96];
        for (int i = 0; i < order.length; i++) {
            byte[] c1 = new byte[48];
            byte[] c0 = new byte[48];
            order[i].getB().toBytes(c1);
            order[i].getA().toBytes(c0);
            System.arraycopy(c1, 0, out, i * 96, 48);
            System.arraycopy(c0, 0, out, i * 96 + 48, 48);
        }
        return out;
    }
}
