package dev.drey.crypto.pairing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Trusted-dealer t-of-n sharing of a master secret (tests, simulations, small setups), with commitments. */
public final class PairingDealer {
    private PairingDealer() {
    }

    /** The shares and the public commitments of one sharing. */
    public record Dealt(List<MasterSecretShare> shares, DtaPublicKey publicKey) {
    }

    public static Dealt split(PairingCurve curve, BigInteger secret, int threshold, int miners, SecureRandom rng) {
        if (threshold < 1 || threshold > miners) {
            throw new PairingException("sharing: need 1 <= threshold <= miners, got " + threshold + " of " + miners);
        }
        BigInteger r = curve.order();
        BigInteger[] a = new BigInteger[threshold];
        a[0] = secret.mod(r);
        if (a[0].signum() == 0) {
            throw new PairingException("sharing: secret is zero");
        }
        for (int k = 1; k < threshold; k++) {
            a[k] = curve.randomScalar(rng);
        }
        List<byte[]> commitments = new ArrayList<>();
        for (BigInteger ak : a) {
            commitments.add(curve.g1().mul(curve.g1().generator(), ak));
        }
        List<MasterSecretShare> shares = new ArrayList<>();
        for (int i = 1; i <= miners; i++) {
            shares.add(new MasterSecretShare(curve, i, evaluate(a, i, r)));
        }
        return new Dealt(List.copyOf(shares), new DtaPublicKey(curve, commitments));
    }

    /** f(i) = Σ a_k i^k mod r (Horner). */
    static BigInteger evaluate(BigInteger[] a, int i, BigInteger r) {
        BigInteger x = BigInteger.valueOf(i);
        BigInteger acc = BigInteger.ZERO;
        for (int k = a.length - 1; k >= 0; k--) {
            acc = acc.multiply(x).add(a[k]).mod(r);
        }
        return acc;
    }
}
