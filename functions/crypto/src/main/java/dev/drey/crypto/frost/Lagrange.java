package dev.drey.crypto.frost;

import dev.drey.crypto.Scalar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Lagrange interpolation coefficients over a set of identifiers (RFC 9591 derive_interpolating_value). */
public final class Lagrange {
    private Lagrange() {
    }

    /** λ_i(0) = Π_{j≠i} x_j / (x_j - x_i): one inversion. */
    public static Scalar atZero(List<Identifier> set, Identifier i) {
        return at(set, i, Scalar.ZERO);
    }

    /** λ_i(x) = Π_{j≠i} (x - x_j) / (x_i - x_j): one inversion. */
    public static Scalar at(List<Identifier> set, Identifier i, Scalar x) {
        requireDistinct(set);
        Scalar xi = i.value();
        Scalar num = Scalar.ONE;
        Scalar den = Scalar.ONE;
        boolean found = false;
        for (Identifier j : set) {
            if (j.equals(i)) {
                found = true;
                continue;
            }
            num = num.mul(x.sub(j.value()));
            den = den.mul(xi.sub(j.value()));
        }
        if (!found) {
            throw new FrostException(FrostException.Fault.UNKNOWN_IDENTIFIER,
                    "interpolation: identifier not in the set", List.of(i));
        }
        return num.mul(den.invert());
    }

    /** λ_i(x) for every member of the set, in set order, with one batch inversion. */
    public static List<Scalar> allAt(List<Identifier> set, Scalar x) {
        requireDistinct(set);
        int t = set.size();
        List<Scalar> nums = new ArrayList<>(t);
        List<Scalar> dens = new ArrayList<>(t);
        for (int a = 0; a < t; a++) {
            Scalar xi = set.get(a).value();
            Scalar num = Scalar.ONE;
            Scalar den = Scalar.ONE;
            for (int b = 0; b < t; b++) {
                if (a != b) {
                    num = num.mul(x.sub(set.get(b).value()));
                    den = den.mul(xi.sub(set.get(b).value()));
                }
            }
            nums.add(num);
            dens.add(den);
        }
        List<Scalar> inv = batchInvert(dens);
        List<Scalar> out = new ArrayList<>(t);
        for (int a = 0; a < t; a++) {
            out.add(nums.get(a).mul(inv.get(a)));
        }
        return out;
    }

    /** Montgomery's trick: n inverses for one inversion and 3(n-1) multiplications. */
    static List<Scalar> batchInvert(List<Scalar> xs) {
        int n = xs.size();
        List<Scalar> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        Scalar[] prefix = new Scalar[n];
        Scalar acc = Scalar.ONE;
        for (int k = 0; k < n; k++) {
            prefix[k] = acc;
            acc = acc.mul(xs.get(k));
        }
        Scalar inv = acc.invert();
        Scalar[] res = new Scalar[n];
        for (int k = n - 1; k >= 0; k--) {
            res[k] = inv.mul(prefix[k]);
            inv = inv.mul(xs.get(k));
        }
        for (Scalar r : res) {
            out.add(r);
        }
        return out;
    }

    static void requireDistinct(List<Identifier> set) {
        Set<Identifier> seen = new HashSet<>();
        List<Identifier> dups = new ArrayList<>();
        for (Identifier id : set) {
            if (!seen.add(id) && !dups.contains(id)) {
                dups.add(id);
            }
        }
        if (!dups.isEmpty()) {
            throw new FrostException(FrostException.Fault.DUPLICATE_IDENTIFIER, "interpolation: duplicate identifiers",
                    dups);
        }
    }
}
