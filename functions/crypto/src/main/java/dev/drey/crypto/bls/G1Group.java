package dev.drey.crypto.bls;

import dev.drey.crypto.pairing.Bls381Kernels;
import dev.drey.crypto.pairing.PairingException;
import dev.drey.crypto.pairing.PairingGroup;
import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.ECP;

/**
 * G1 of BLS12-381 as a {@link PairingGroup}, so the partial-signature proofs reuse {@link
 * dev.drey.crypto.pairing.DleqProof}. Its encoding is the affine x || y (96 bytes, no sign to recover, so
 * no square root per decode); it only ever lives inside a proof's transcript, never on the wire. {@link #mul}
 * is the prover's nonce multiplication and takes AMCL's constant-time {@code ECP.mul}; the verifier's {@link
 * #linearCombination} is public data and takes the joint multiplication.
 */
final class G1Group implements PairingGroup {
    static final G1Group INSTANCE = new G1Group();
    private static final int BYTES = 2 * Fp.BYTES;

    private G1Group() {
    }

    static byte[] encode(G1Point p) {
        return encode(p.ecp());
    }

    private static byte[] encode(ECP p) {
        if (p.is_infinity()) {
            throw new PairingException("G1 result is the identity");
        }
        p.affine();
        byte[] out = new byte[BYTES];
        Fp.toBytes(Fp.toBigInteger(p.getX()), out, 0);
        Fp.toBytes(Fp.toBigInteger(p.getY()), out, Fp.BYTES);
        return out;
    }

    /** On the curve and not the identity (the subgroup is checked by {@link #validate}). */
    private static ECP decode(byte[] b, String what) {
        if (b == null || b.length != BYTES) {
            throw new PairingException(what + ": expected " + BYTES + " bytes");
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(b, 0, Fp.BYTES));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(b, Fp.BYTES, BYTES));
        if (x.compareTo(Fp.P) >= 0 || y.compareTo(Fp.P) >= 0) {
            throw new PairingException(what + ": coordinate not below the field modulus");
        }
        ECP p = new ECP(Fp.big(x), Fp.big(y));
        if (p.is_infinity()) {
            throw new PairingException(what + ": not a point on the curve");
        }
        return p;
    }

    @Override
    public String name() {
        return "G1";
    }

    @Override
    public int encodedLength() {
        return BYTES;
    }

    @Override
    public byte[] generator() {
        return encode(G1Point.generator());
    }

    @Override
    public byte[] mul(byte[] point, BigInteger k) {
        BigInteger e = k.mod(Bls12381.ORDER);
        if (e.signum() == 0) {
            throw new PairingException("G1 multiplier: scalar is zero mod r");
        }
        return encode(decode(point, "G1 point").mul(Fp.big(e)));
    }

    @Override
    public byte[] add(byte[] a, byte[] b) {
        ECP p = decode(a, "G1 point");
        p.add(decode(b, "G1 point"));
        return encode(p);
    }

    @Override
    public byte[] linearCombination(byte[][] points, BigInteger[] scalars) {
        if (points.length != scalars.length || points.length == 0) {
            throw new PairingException("G1 combination: need as many scalars as points, at least one");
        }
        if (points.length == 2) {
            ECP p = decode(points[0], "G1 point 0");
            return encode(p.mul2(Fp.big(scalars[0].mod(Bls12381.ORDER)), decode(points[1], "G1 point 1"),
                    Fp.big(scalars[1].mod(Bls12381.ORDER))));
        }
        ECP[] ps = new ECP[points.length];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = decode(points[i], "G1 point " + i);
        }
        return encode(Bls381Kernels.g1MultiScalarMul(ps, scalars));
    }

    @Override
    public void validate(byte[] point, String what) {
        if (!Bls381Kernels.inG1(decode(point, what))) {
            throw new PairingException(what + ": not in the order-r subgroup");
        }
    }
}
