package dev.drey.crypto.frost;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The group's public data: every signer's verifying share, the group public key and the threshold. */
public record PublicKeyPackage(Map<Identifier, Point> verifyingShares, Point groupPublicKey, int minSigners) {
    public PublicKeyPackage {
        if (verifyingShares == null || groupPublicKey == null) {
            throw new FrostException(FrostException.Fault.MISSING_INPUT, "public key package: missing field");
        }
        if (groupPublicKey.isInfinity()) {
            throw new FrostException(FrostException.Fault.INVALID_ELEMENT, "public key package: identity group key");
        }
        if (minSigners < 1 || minSigners > verifyingShares.size()) {
            throw new FrostException(FrostException.Fault.INVALID_PARAMETER, "public key package: threshold "
                    + minSigners + " not within 1.." + verifyingShares.size());
        }
        for (Map.Entry<Identifier, Point> e : verifyingShares.entrySet()) {
            if (e.getValue() == null || e.getValue().isInfinity()) {
                throw new FrostException(FrostException.Fault.INVALID_ELEMENT,
                        "public key package: identity verifying share", List.of(e.getKey()));
            }
        }
        verifyingShares = Collections.unmodifiableMap(new TreeMap<>(verifyingShares));
    }

    public Point verifyingShare(Identifier id) {
        Point p = verifyingShares.get(id);
        if (p == null) {
            throw new FrostException(FrostException.Fault.UNKNOWN_IDENTIFIER,
                    "not a member of the group", List.of(id));
        }
        return p;
    }

    public int maxSigners() {
        return verifyingShares.size();
    }

    /**
     * True when the verifying shares lie on one polynomial of degree t − 1 whose value at 0 is the group
     * key, so every t of them interpolate to it (true for any dealer or DKG output; a package put together
     * by hand may not be). Checked with one multi-scalar multiplication: with B the first t members, each
     * other share must equal Σ_{j∈B} λ_j(x_i)·Y_j and the group key Σ_{j∈B} λ_j(0)·Y_j; the n − t + 1
     * equations are combined with weights hashed from the whole package, so no inconsistent package passes
     * except with negligible probability.
     */
    public boolean sharesInterpolate() {
        List<Identifier> ids = new ArrayList<>(verifyingShares.keySet());
        int t = minSigners;
        List<Identifier> base = ids.subList(0, t);
        // d_j = Π_{m≠j} (x_j − x_m), inverted once for every x.
        List<Scalar> dens = new ArrayList<>(t);
        for (int j = 0; j < t; j++) {
            Scalar d = Scalar.ONE;
            for (int m = 0; m < t; m++) {
                if (m != j) {
                    d = d.mul(base.get(j).value().sub(base.get(m).value()));
                }
            }
            dens.add(d);
        }
        List<Scalar> denInv = Lagrange.batchInvert(dens);
        byte[] seed = seed(ids);
        Scalar[] coeff = new Scalar[t];
        java.util.Arrays.fill(coeff, Scalar.ZERO);
        List<Point> points = new ArrayList<>();
        List<Scalar> scalars = new ArrayList<>();
        List<Scalar> xs = new ArrayList<>();
        List<Point> targets = new ArrayList<>();
        xs.add(Scalar.ZERO);
        targets.add(groupPublicKey);
        for (int i = t; i < ids.size(); i++) {
            xs.add(ids.get(i).value());
            targets.add(verifyingShares.get(ids.get(i)));
        }
        for (int k = 0; k < xs.size(); k++) {
            Scalar x = xs.get(k);
            Scalar w = Scalar.reduce(Bytes.sha256(seed, Scalar.of(k).encode()));
            // λ_j(x) = N(x) / ((x − x_j)·d_j), N(x) = Π_m (x − x_m); x is never a member of B.
            Scalar nx = Scalar.ONE;
            List<Scalar> diffs = new ArrayList<>(t);
            for (Identifier j : base) {
                Scalar diff = x.sub(j.value());
                nx = nx.mul(diff);
                diffs.add(diff);
            }
            List<Scalar> diffInv = Lagrange.batchInvert(diffs);
            Scalar wn = w.mul(nx);
            for (int j = 0; j < t; j++) {
                coeff[j] = coeff[j].add(wn.mul(diffInv.get(j)).mul(denInv.get(j)));
            }
            points.add(targets.get(k));
            scalars.add(w);
        }
        for (int j = 0; j < t; j++) {
            points.add(verifyingShares.get(base.get(j)));
            scalars.add(coeff[j].negate());
        }
        return Point.sumOfProducts(points, scalars).isInfinity();
    }

    private byte[] seed(List<Identifier> ids) {
        java.security.MessageDigest md = dev.drey.crypto.Hashes.sha256();
        md.update("drey/frost/verifying-shares-interpolate/v1".getBytes(StandardCharsets.US_ASCII));
        md.update(groupPublicKey.encodeCompressed());
        md.update(Scalar.of(minSigners).encode());
        for (Identifier id : ids) {
            md.update(id.encode());
            md.update(verifyingShares.get(id).encodeCompressed());
        }
        return md.digest();
    }
}
