package dev.drey.crypto.frost;

import dev.drey.crypto.Bytes;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9591 compute_binding_factors: ρ_i = H1(encoded group key || H4(msg) || H5(commitment list)
 * || SerializeScalar(i)). The common prefix is absorbed once and the digest state cloned per signer.
 */
public final class BindingFactors {
    private BindingFactors() {
    }

    /** The binding-factor input prefix shared by every signer. */
    static byte[] inputPrefix(Ciphersuite cs, Point groupKey, SigningPackage pkg) {
        return Bytes.concat(cs.encodeGroupKey(groupKey), cs.h4(pkg.message()), cs.h5(pkg.encodeCommitmentList()));
    }

    /** Each signer's full binding-factor input, in the package's signer order (vectors, diagnostics). */
    public static List<byte[]> inputs(Ciphersuite cs, Point groupKey, SigningPackage pkg) {
        byte[] prefix = inputPrefix(cs, groupKey, pkg);
        List<byte[]> out = new ArrayList<>();
        for (SigningCommitments c : pkg.commitments()) {
            out.add(Bytes.concat(prefix, c.identifier().encode()));
        }
        return out;
    }

    /** ρ_i for every signer, in the package's signer order. */
    public static List<Scalar> compute(Ciphersuite cs, Point groupKey, SigningPackage pkg) {
        HashToField h1 = cs.h1();
        MessageDigest common = h1.start();
        common.update(inputPrefix(cs, groupKey, pkg));
        List<Scalar> out = new ArrayList<>(pkg.commitments().size());
        for (SigningCommitments c : pkg.commitments()) {
            MessageDigest md = HashToField.copy(common);
            md.update(c.identifier().encode());
            out.add(h1.finish(md));
        }
        return out;
    }
}
