package dev.drey.crypto.frost;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.SecretMul;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A secret sharing polynomial f(x) = a_0 + a_1·x + ... + a_{t-1}·x^{t-1}. Secret: never printed. */
public final class Polynomial {
    private final List<Scalar> coefficients;

    public Polynomial(List<Scalar> coefficients) {
        if (coefficients == null || coefficients.isEmpty()) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "polynomial: no coefficients");
        }
        this.coefficients = List.copyOf(coefficients);
    }

    /** A random polynomial of degree t-1 with the given constant term. */
    public static Polynomial random(Scalar constant, int minSigners, SecureRandom rng) {
        List<Scalar> cs = new ArrayList<>(minSigners);
        cs.add(constant);
        for (int k = 1; k < minSigners; k++) {
            cs.add(Scalar.random(rng));
        }
        return new Polynomial(cs);
    }

    public Scalar constant() {
        return coefficients.get(0);
    }

    public int size() {
        return coefficients.size();
    }

    /** f(x) by Horner's rule. */
    public Scalar evaluate(Identifier x) {
        Scalar acc = Scalar.ZERO;
        for (int k = coefficients.size() - 1; k >= 0; k--) {
            acc = acc.mul(x.value()).add(coefficients.get(k));
        }
        return acc;
    }

    /** The Feldman commitment [a_k·G]; a zero coefficient commits to the identity. */
    public VssCommitment commit() {
        List<Point> ps = new ArrayList<>(coefficients.size());
        for (Scalar a : coefficients) {
            ps.add(a.isZero() ? Point.INFINITY : SecretMul.mulG(a));
        }
        return new VssCommitment(ps);
    }

    @Override
    public String toString() {
        return "Polynomial[degree " + (coefficients.size() - 1) + ", redacted]";
    }
}
