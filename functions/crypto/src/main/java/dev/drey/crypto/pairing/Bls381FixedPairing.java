package dev.drey.crypto.pairing;

import java.util.ArrayList;
import java.util.List;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP;
import org.apache.milagro.amcl.BLS381.FP12;
import org.apache.milagro.amcl.BLS381.FP2;
import org.apache.milagro.amcl.BLS381.FP4;
import org.apache.milagro.amcl.BLS381.PAIR;
import org.apache.milagro.amcl.BLS381.ROM;

/**
 * The Miller loop of AMCL's optimal ate pairing on BLS12-381 with its G2 argument fixed: the G2
 * doublings and additions, and the parts of each line that depend only on the G2 point, are done once
 * (AMCL's PAIR.line splits into constants times the G1 point's x and y). Each later pairing evaluates
 * the stored lines at its G1 point, so the values equal AMCL's ate() exactly.
 */
final class Bls381FixedPairing {
    static {
        if (ECP.SEXTIC_TWIST != ECP.M_TYPE || ECP.CURVE_PAIRING_TYPE != ECP.BLS) {
            throw new IllegalStateException("precomputed lines assume AMCL's BLS381 (M-type twist, BLS curve)");
        }
    }

    /** One line: value = FP12(FP4(yCoeff·Py, constant), 0, FP4(xCoeff·Px)·i). */
    private record Line(FP2 yCoeff, FP2 constant, FP2 xCoeff) {
    }

    /** Per loop step: the doubling line, then optionally an addition line. */
    private final List<Line[]> steps = new ArrayList<>();

    Bls381FixedPairing(ECP2 fixed) {
        ECP2 p = new ECP2(fixed);
        p.affine();
        BIG n = new BIG(ROM.CURVE_Bnx);
        n.norm();
        BIG n3 = new BIG(n);
        n3.pmul(3);
        n3.norm();
        ECP2 a = new ECP2(p);
        ECP2 minusP = new ECP2(p);
        minusP.neg();
        for (int i = n3.nbits() - 2; i >= 1; i--) {
            Line dbl = doubling(a);
            int bt = n3.bit(i) - n.bit(i);
            Line add = bt == 1 ? addition(a, p) : bt == -1 ? addition(a, minusP) : null;
            steps.add(add == null ? new Line[] {dbl} : new Line[] {dbl, add});
        }
    }

    /** The Miller-loop value for two fixed G2 points at two affine G1 points (AMCL ate2, before fexp). */
    static FP12 ate2(Bls381FixedPairing f1, ECP p1, Bls381FixedPairing f2, ECP p2) {
        FP x1 = new FP(p1.getx());
        FP y1 = new FP(p1.gety());
        FP x2 = new FP(p2.getx());
        FP y2 = new FP(p2.gety());
        FP12 r = new FP12(1);
        for (int s = 0; s < f1.steps.size(); s++) {
            Line[] a = f1.steps.get(s);
            Line[] b = f2.steps.get(s);
            r.sqr();
            r.smul(eval(a[0], x1, y1), ECP.SEXTIC_TWIST);
            r.smul(eval(b[0], x2, y2), ECP.SEXTIC_TWIST);
            if (a.length > 1) {
                r.smul(eval(a[1], x1, y1), ECP.SEXTIC_TWIST);
                r.smul(eval(b[1], x2, y2), ECP.SEXTIC_TWIST);
            }
        }
        if (ECP.SIGN_OF_X == ECP.NEGATIVEX) {
            r.conj();
        }
        return r;
    }

    /** e(fixed1, p1)·e(fixed2, p2) == 1, with one final exponentiation. */
    static boolean productIsOne(Bls381FixedPairing f1, ECP p1, Bls381FixedPairing f2, ECP p2) {
        return PAIR.fexp(ate2(f1, p1, f2, p2)).isunity();
    }

    private static FP12 eval(Line l, FP px, FP py) {
        FP2 a1 = new FP2(l.yCoeff());
        a1.pmul(py);
        FP2 c = new FP2(l.xCoeff());
        c.pmul(px);
        FP4 cc = new FP4(c);
        cc.times_i();
        return new FP12(new FP4(a1, new FP2(l.constant())), new FP4(0), cc);
    }

    /** AMCL's doubling line at A (M-type), split into constants; doubles A. */
    private static Line doubling(ECP2 a) {
        FP2 xx = new FP2(a.getx());
        FP2 yy = new FP2(a.gety());
        FP2 zz = new FP2(a.getz());
        FP2 yz = new FP2(yy);
        yz.mul(zz);
        xx.sqr();
        yy.sqr();
        zz.sqr();
        yz.imul(4);
        yz.neg();
        yz.norm();
        yz.mul_ip(); // M-type: the i_p factor commutes with the later multiplication by Py
        yz.norm();
        xx.imul(6);
        zz.imul(3 * ROM.CURVE_B_I);
        zz.mul_ip();
        zz.add(zz);
        zz.norm();
        yy.add(yy);
        zz.sub(yy);
        zz.norm();
        a.dbl();
        return new Line(yz, zz, xx);
    }

    /** AMCL's addition line at A with affine B (M-type), split into constants; adds B to A. */
    private static Line addition(ECP2 a, ECP2 b) {
        FP2 x1 = new FP2(a.getx());
        FP2 y1 = new FP2(a.gety());
        FP2 t1 = new FP2(a.getz());
        FP2 t2 = new FP2(a.getz());
        t1.mul(b.gety());
        t2.mul(b.getx());
        x1.sub(t2);
        x1.norm();
        y1.sub(t1);
        y1.norm();
        t1.copy(x1);
        FP2 yCoeff = new FP2(x1);
        yCoeff.mul_ip();
        yCoeff.norm();
        t1.mul(b.gety());
        t2.copy(y1);
        t2.mul(b.getx());
        t2.sub(t1);
        t2.norm();
        FP2 xCoeff = new FP2(y1);
        xCoeff.neg();
        xCoeff.norm();
        a.add(b);
        return new Line(yCoeff, t2, xCoeff);
    }
}
