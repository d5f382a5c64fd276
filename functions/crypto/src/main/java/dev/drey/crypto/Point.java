package dev.drey.crypto;

import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A point of secp256k1 (BouncyCastle's custom curve with the GLV endomorphism), immutable
 * and kept in affine form. Decoding from bytes is strict: off-curve points, x &gt;= p,
 * wrong prefixes and the point at infinity are refused.
 */
public final class Point {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    static final ECCurve CURVE = PARAMS.getCurve();
    public static final BigInteger P = CURVE.getField().getCharacteristic();
    public static final Point G = new Point(PARAMS.getG().normalize());
    public static final Point INFINITY = new Point(CURVE.getInfinity());

    private final ECPoint p;
    /** The compressed encoding, made on first use (points are immutable; protocol state re-encodes them often). */
    private volatile byte[] compressed;

    private Point(ECPoint p) {
        this.p = p;
    }

    static Point wrap(ECPoint p) {
        return new Point(p.normalize());
    }

    /** Strict 33-byte SEC1 compressed decoding. Infinity has no encoding here. */
    public static Point decodeCompressed(byte[] b33) {
        if (b33 == null || b33.length != 33) {
            throw new CryptoException("point: expected 33 bytes, got " + (b33 == null ? "none" : b33.length));
        }
        if (b33[0] != 0x02 && b33[0] != 0x03) {
            throw new CryptoException("point: compressed prefix must be 02 or 03");
        }
        return decodeX(b33);
    }

    /** BIP-340 lift_x: the point with this x-coordinate and even y. */
    public static Point liftX(byte[] x32) {
        if (x32 == null || x32.length != 32) {
            throw new CryptoException("point: expected 32-byte x-only key, got "
                    + (x32 == null ? "none" : x32.length));
        }
        byte[] b = new byte[33];
        b[0] = 0x02;
        System.arraycopy(x32, 0, b, 1, 32);
        return decodeX(b);
    }

    private static Point decodeX(byte[] b33) {
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(b33, 1, 33));
        if (x.compareTo(P) >= 0) {
            throw new CryptoException("point: x-coordinate not below the field prime");
        }
        try {
            ECPoint q = CURVE.decodePoint(b33);
            if (q.isInfinity() || !q.isValid()) {
                throw new CryptoException("point: not on the curve");
            }
            return new Point(q.normalize());
        } catch (IllegalArgumentException e) {
            throw new CryptoException("point: not on the curve");
        }
    }

    /**
     * Strict 65-byte SEC1 uncompressed decoding ({@code 04 || x || y}), as libsecp256k1 returns points:
     * no square root needed, and a point off the curve is refused.
     */
    static Point decodeUncompressed(byte[] b65) {
        if (b65 == null || b65.length != 65 || b65[0] != 0x04) {
            throw new CryptoException("point: expected 65-byte uncompressed encoding");
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(b65, 1, 33));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(b65, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            throw new CryptoException("point: coordinate not below the field prime");
        }
        try {
            return new Point(CURVE.validatePoint(x, y).normalize());
        } catch (IllegalArgumentException e) {
            throw new CryptoException("point: not on the curve");
        }
    }

    /** k·G (BouncyCastle's fixed-point comb with precomputation). */
    public static Point mulG(Scalar k) {
        return wrap(G.p.multiply(k.toBigInteger()));
    }

    /** Σ k_i·P_i with interleaved wNAF (one pass, shared doublings). */
    public static Point sumOfProducts(List<Point> points, List<Scalar> scalars) {
        if (points.size() != scalars.size()) {
            throw new IllegalArgumentException("points and scalars differ in number");
        }
        if (points.isEmpty()) {
            return INFINITY;
        }
        ECPoint[] ps = new ECPoint[points.size()];
        BigInteger[] ks = new BigInteger[points.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = points.get(i).p;
            ks[i] = scalars.get(i).toBigInteger();
        }
        return wrap(ECAlgorithms.sumOfMultiplies(ps, ks));
    }

    /** Σ P_i, accumulated in projective coordinates and normalised once. */
    public static Point sum(List<Point> points) {
        ECPoint acc = CURVE.getInfinity();
        for (Point q : points) {
            acc = acc.add(q.p);
        }
        return wrap(acc);
    }

    /** a·A + b·B in one pass. */
    public static Point sumOfTwo(Point a, Scalar ka, Point b, Scalar kb) {
        return wrap(ECAlgorithms.sumOfTwoMultiplies(a.p, ka.toBigInteger(), b.p, kb.toBigInteger()));
    }

    public Point add(Point o) {
        return wrap(p.add(o.p));
    }

    public Point subtract(Point o) {
        return wrap(p.subtract(o.p));
    }

    public Point negate() {
        return wrap(p.negate());
    }

    public Point mul(Scalar k) {
        return wrap(p.multiply(k.toBigInteger()));
    }

    public boolean isInfinity() {
        return p.isInfinity();
    }

    public boolean hasEvenY() {
        requireFinite();
        return !p.getAffineYCoord().testBitZero();
    }

    public BigInteger x() {
        requireFinite();
        return p.getAffineXCoord().toBigInteger();
    }

    public BigInteger y() {
        requireFinite();
        return p.getAffineYCoord().toBigInteger();
    }

    /** 33-byte compressed encoding. */
    public byte[] encodeCompressed() {
        byte[] c = compressed;
        if (c == null) {
            requireFinite();
            c = p.getEncoded(true);
            compressed = c;
        }
        return c.clone();
    }

    /** 32-byte x-only encoding (BIP-340). */
    public byte[] xOnly() {
        requireFinite();
        return p.getAffineXCoord().getEncoded();
    }

    private void requireFinite() {
        if (p.isInfinity()) {
            throw new CryptoException("point: the point at infinity has no encoding");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point q && q.p.equals(p);
    }

    @Override
    public int hashCode() {
        return p.hashCode();
    }

    @Override
    public String toString() {
        return p.isInfinity() ? "Point[infinity]" : "Point[" + Hex.encode(encodeCompressed()) + "]";
    }
}
