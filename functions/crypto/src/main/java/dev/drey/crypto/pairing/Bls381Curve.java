package dev.drey.crypto.pairing;

import java.math.BigInteger;
import org.apache.milagro.amcl.BLS381.BIG;
import org.apache.milagro.amcl.BLS381.ECP;
import org.apache.milagro.amcl.BLS381.ECP2;
import org.apache.milagro.amcl.BLS381.FP12;
import org.apache.milagro.amcl.BLS381.MPIN;
import org.apache.milagro.amcl.BLS381.PAIR;
import org.apache.milagro.amcl.BLS381.ROM;

/**
 * BLS12-381 (AMCL package {@code BLS381}), the default DTA curve. AMCL has one package per curve and
 * no common interfaces, so {@link Bn254CxCurve} and {@link Bls383Curve} are this same text with the
 * package swapped; keep the three in step.
 */
public final class Bls381Curve implements PairingCurve {
    public static final String ID = "bls381";
    private static final int EFS = MPIN.EFS;
    private static final int SHA = ECP.HASH_TYPE;
    private static final BigInteger R = toBigInteger(new BIG(ROM.CURVE_Order));

    private final PairingGroup g1 = new G1();
    private final PairingGroup g2 = new G2();
    private final MpinPrimitives mpin = new Mpin();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int fieldBytes() {
        return EFS;
    }

    @Override
    public BigInteger order() {
        return R;
    }

    @Override
    public PairingGroup g1() {
        return g1;
    }

    @Override
    public PairingGroup g2() {
        return g2;
    }

    @Override
    public MpinPrimitives mpin() {
        return mpin;
    }

    @Override
    public byte[] hashToG1(byte[] hash) {
        if (hash == null || hash.length != EFS) {
            throw new PairingException("identity hash: expected " + EFS + " bytes");
        }
        return encode(ECP.mapit(hash));
    }

    @Override
    public boolean pairingProductIsOne(byte[] q1, byte[] p1, byte[] q2, byte[] p2) {
        ECP2 a = g2Checked(q1, "first G2 argument");
        ECP2 b = g2Checked(q2, "second G2 argument");
        ECP c = g1Checked(p1, "first G1 argument");
        ECP d = g1Checked(p2, "second G1 argument");
        FP12 e = PAIR.fexp(PAIR.ate2(a, c, b, d));
        return e.isunity();
    }

    /**
     * A G1 point on the curve (length, encoding, curve equation). Group operations use this; the
     * subgroup check ({@link #g1Checked}) is made where points come in: validate(), the pairing check
     * and the M-Pin server's client messages.
     */
    static ECP g1Point(byte[] b, String what) {
        if (b == null || b.length != 2 * EFS + 1 || b[0] != 0x04) {
            throw new PairingException(what + ": expected an uncompressed G1 point of " + (2 * EFS + 1) + " bytes");
        }
        ECP p = ECP.fromBytes(b);
        if (p.is_infinity()) {
            throw new PairingException(what + ": not a point on the curve");
        }
        return p;
    }

    /**
     * {@link #g1Point} plus the order-r subgroup check, for points from outside; by the endomorphism test
     * ({@link Bls381Subgroup}: about 2.5 times cheaper than r·P = O, same answer), where the other curves'
     * copies of this class multiply by r.
     */
    static ECP g1Checked(byte[] b, String what) {
        ECP p = g1Point(b, what);
        if (!Bls381Subgroup.contains(p)) {
            throw new PairingException(what + ": not in the order-r subgroup");
        }
        return p;
    }

    static ECP2 g2Point(byte[] b, String what) {
        if (b == null || b.length != 4 * EFS) {
            throw new PairingException(what + ": expected a G2 point of " + (4 * EFS) + " bytes");
        }
        for (int i = 0; i < 4; i++) { // each coordinate must be a field element below p
            byte[] c = java.util.Arrays.copyOfRange(b, i * EFS, (i + 1) * EFS);
            if (BIG.comp(BIG.fromBytes(c), new BIG(ROM.Modulus)) >= 0) {
                throw new PairingException(what + ": coordinate not below the field modulus");
            }
        }
        ECP2 q = ECP2.fromBytes(b);
        if (q.is_infinity()) {
            throw new PairingException(what + ": not a point on the twist");
        }
        return q;
    }

    /** {@link #g2Point} plus the order-r subgroup check, for points from outside. */
    static ECP2 g2Checked(byte[] b, String what) {
        ECP2 q = g2Point(b, what);
        if (!q.mul(big(R)).is_infinity()) {
            throw new PairingException(what + ": not in the order-r subgroup");
        }
        return q;
    }

    static byte[] encode(ECP p) {
        byte[] out = new byte[2 * EFS + 1];
        p.toBytes(out, false);
        return out;
    }

    static byte[] encode(ECP2 q) {
        byte[] out = new byte[4 * EFS];
        q.toBytes(out);
        return out;
    }

    static BIG big(BigInteger k) {
        byte[] raw = k.toByteArray();
        byte[] out = new byte[BIG.MODBYTES];
        int n = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - n, out, out.length - n, n);
        return BIG.fromBytes(out);
    }

    static BigInteger toBigInteger(BIG b) {
        byte[] out = new byte[BIG.MODBYTES];
        b.toBytes(out);
        return new BigInteger(1, out);
    }

    private static BigInteger reduce(BigInteger k, String what) {
        BigInteger m = k.mod(R);
        if (m.signum() == 0) {
            throw new PairingException(what + ": scalar is zero mod r");
        }
        return m;
    }

    private static final class G1 implements PairingGroup {
        @Override
        public String name() {
            return "G1";
        }

        @Override
        public int encodedLength() {
            return 2 * EFS + 1;
        }

        @Override
        public byte[] generator() {
            return encode(ECP.generator());
        }

        @Override
        public byte[] mul(byte[] point, BigInteger k) {
            return encode(PAIR.G1mul(g1Point(point, "G1 point"), big(reduce(k, "G1 multiplier"))));
        }

        @Override
        public byte[] add(byte[] a, byte[] b) {
            ECP p = g1Point(a, "G1 point");
            p.add(g1Point(b, "G1 point"));
            return nonIdentity(p);
        }

        @Override
        public byte[] linearCombination(byte[][] points, BigInteger[] scalars) {
            if (points.length != scalars.length || points.length == 0) {
                throw new PairingException("G1 combination: need as many scalars as points, at least one");
            }
            ECP acc = new ECP();
            for (int i = 0; i < points.length; i++) {
                BigInteger k = scalars[i].mod(R);
                if (k.signum() != 0) {
                    acc.add(PAIR.G1mul(g1Point(points[i], "G1 point " + i), big(k)));
                }
            }
            return nonIdentity(acc);
        }

        private static byte[] nonIdentity(ECP p) {
            if (p.is_infinity()) {
                throw new PairingException("G1 result is the identity");
            }
            return encode(p);
        }

        @Override
        public void validate(byte[] point, String what) {
            g1Checked(point, what);
        }
    }

    private static final class G2 implements PairingGroup {
        @Override
        public String name() {
            return "G2";
        }

        @Override
        public int encodedLength() {
            return 4 * EFS;
        }

        @Override
        public byte[] generator() {
            return encode(ECP2.generator());
        }

        @Override
        public byte[] mul(byte[] point, BigInteger k) {
            return encode(PAIR.G2mul(g2Point(point, "G2 point"), big(reduce(k, "G2 multiplier"))));
        }

        @Override
        public byte[] add(byte[] a, byte[] b) {
            ECP2 p = g2Point(a, "G2 point");
            p.add(g2Point(b, "G2 point"));
            return nonIdentity(p);
        }

        @Override
        public byte[] linearCombination(byte[][] points, BigInteger[] scalars) {
            if (points.length != scalars.length || points.length == 0) {
                throw new PairingException("G2 combination: need as many scalars as points, at least one");
            }
            ECP2 acc = new ECP2();
            for (int i = 0; i < points.length; i++) {
                BigInteger k = scalars[i].mod(R);
                if (k.signum() != 0) {
                    acc.add(PAIR.G2mul(g2Point(points[i], "G2 point " + i), big(k)));
                }
            }
            return nonIdentity(acc);
        }

        private static byte[] nonIdentity(ECP2 p) {
            if (p.is_infinity()) {
                throw new PairingException("G2 result is the identity");
            }
            return encode(p);
        }

        @Override
        public void validate(byte[] point, String what) {
            g2Checked(point, what);
        }
    }

    private static final class Mpin implements MpinPrimitives {
        @Override
        public byte[] hashId(byte[] rawId) {
            return MPIN.HASH_ID(SHA, rawId, EFS);
        }

        @Override
        public byte[] permitHash(int date, byte[] hashedId) {
            return MPIN.hashit(SHA, date, hashedId, EFS);
        }

        @Override
        public byte[] extractPin(byte[] rawId, int pin, byte[] clientSecret) {
            g1Checked(clientSecret, "client secret");
            byte[] token = clientSecret.clone();
            if (MPIN.EXTRACT_PIN(SHA, rawId, pin, token) != 0) {
                throw new PairingException("client secret: PIN extraction failed");
            }
            return token;
        }

        @Override
        public byte[][] client1(int date, byte[] rawId, byte[] x, int pin, byte[] token, byte[] permit) {
            g1Point(token, "token");
            if (date != 0) {
                g1Point(permit, "time permit");
            }
            byte[] sec = new byte[2 * EFS + 1];
            byte[] u = new byte[2 * EFS + 1];
            byte[] ut = date == 0 ? null : new byte[2 * EFS + 1];
            int rc = MPIN.CLIENT_1(SHA, date, rawId, null, x, pin, token, sec, u, ut, permit);
            if (rc != 0) {
                throw new PairingException("M-Pin client pass 1 failed (" + rc + ")");
            }
            return new byte[][] {sec, u, ut};
        }

        @Override
        public byte[] client2(byte[] x, byte[] y, byte[] sec) {
            byte[] v = sec.clone();
            if (MPIN.CLIENT_2(x, y, v) != 0) {
                throw new PairingException("M-Pin client pass 2 failed");
            }
            return v;
        }

        @Override
        public byte[][] server1(int date, byte[] rawId) {
            byte[] hid = new byte[2 * EFS + 1];
            byte[] htid = date == 0 ? null : new byte[2 * EFS + 1];
            MPIN.SERVER_1(SHA, date, rawId, hid, htid);
            return new byte[][] {hid, htid};
        }

        @Override
        public byte[] onePassY(int timeValue, byte[] uOrUt) {
            byte[] y = new byte[EFS];
            MPIN.GET_Y(SHA, timeValue, uOrUt, y);
            return y;
        }

        @Override
        public int server2(int date, byte[] hid, byte[] htid, byte[] y, byte[] serverSecret, byte[] u,
                byte[] ut, byte[] v, byte[][] ef) {
            g1Checked(date == 0 ? u : ut, "client commitment");
            g1Checked(v, "client proof V");
            g2Point(serverSecret, "server secret");
            byte[] e = ef != null && ef.length >= 2 ? new byte[12 * EFS] : null;
            byte[] f = e == null ? null : new byte[12 * EFS];
            int rc = MPIN.SERVER_2(date, hid, htid, y, serverSecret, u, ut, v, e, f);
            if (e != null) {
                ef[0] = e;
                ef[1] = f;
            }
            return rc;
        }

        @Override
        public int kangaroo(byte[] e, byte[] f) {
            return MPIN.KANGAROO(e, f);
        }

        @Override
        public int scalarLength() {
            return MPIN.EGS;
        }
    }
}
