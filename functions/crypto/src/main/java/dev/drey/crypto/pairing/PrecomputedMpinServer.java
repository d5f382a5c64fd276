package dev.drey.crypto.pairing;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;

/**
 * The M-Pin server's pairing check (AMCL SERVER_2: e(Q, V)·e(sQ, y·H + U) = 1) for a fixed server secret
 * sQ, with the Miller-loop lines of both fixed G2 points Q and sQ precomputed. Same inputs, encodings and
 * result codes as AMCL's SERVER_2; BLS12-381 only ({@link #of} is empty for other curves). After decoding
 * (AMCL's), everything runs on the own allocation-free field arithmetic: the G1 checks of U/UT and V and
 * y·H + U on {@link Bls381G1} (public data), the pairing product on {@link Bls381Fp12}.
 *
 * <p>Secret: only sQ. It is used once, in the constructor, to compute its lines with AMCL's G2
 * arithmetic; the lines and every value derived from them (the Miller loop and final exponentiation)
 * then go through branch-free {@link Bls381Fp} operations with a control flow fixed by the curve.
 * The result itself (right or wrong PIN) is public.
 */
public final class PrecomputedMpinServer {
    private static final int INVALID_POINT = -14;

    private final Bls381FixedPairing q;
    private final Bls381FixedPairing sq;

    private PrecomputedMpinServer(byte[] serverSecret) {
        this.q = new Bls381FixedPairing(ECP2.generator());
        this.sq = new Bls381FixedPairing(Bls381Curve.g2Checked(serverSecret, "server secret"));
    }

    public static boolean supports(PairingCurve curve) {
        return curve instanceof Bls381Curve;
    }

    /** A precomputed server for {@code serverSecret} on {@code curve}, if the curve is supported. */
    public static Optional<PrecomputedMpinServer> of(PairingCurve curve, byte[] serverSecret) {
        return curve instanceof Bls381Curve ? Optional.of(new PrecomputedMpinServer(serverSecret)) : Optional.empty();
    }

    /** As SERVER_2 (without E, F): 0, {@link MpinPrimitives#BAD_PIN} or AMCL's INVALID_POINT (-14). */
    public int check(int date, byte[] hid, byte[] htid, byte[] y, byte[] u, byte[] ut, byte[] v) {
        ECP r = Bls381Curve.g1Checked(date != 0 ? ut : u, "client commitment");
        ECP p = Bls381Curve.g1Point(date != 0 ? htid : hid, "identity point");
        ECP w = Bls381Curve.g1Checked(v, "client proof V");
        if (y == null || y.length != BIG.MODBYTES) {
            throw new PairingException("challenge y: expected " + BIG.MODBYTES + " bytes");
        }
        if (r.is_infinity() || p.is_infinity() || w.is_infinity()) {
            return INVALID_POINT;
        }
        // y·H(ID) + U on own arithmetic: H(ID) is the server's own map to G1 (cofactor cleared), so y may be
        // taken mod r as in AMCL's GLV multiplication
        Bls381G1 g1 = new Bls381G1();
        long[] sum = g1.mul(Bls381G1.affine(p), new BigInteger(1, y));
        g1.addAffine(sum, 0, sum, 0, Bls381G1.affine(r), 0);
        if (Bls381G1.isIdentity(sum, 0)) {
            return MpinPrimitives.BAD_PIN; // e(sQ, O) = 1, and e(Q, V) ≠ 1 for V ≠ O: the product is not 1
        }
        long[] sumAffine = new long[Bls381G1.AFFINE];
        Bls381G1.toAffine(sumAffine, 0, sum, 0);
        return Bls381FixedPairing.productIsOne(q, Bls381G1.affine(w), sq, sumAffine) ? 0 : MpinPrimitives.BAD_PIN;
    }
}
