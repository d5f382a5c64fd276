package dev.drey.crypto.pairing;

import java.math.BigInteger;

/**
 * One prime-order group of a pairing curve (G1 or G2), on AMCL's uncompressed encodings: G1 is
 * {@code 04 || x || y} (2·EFS+1 bytes), G2 is {@code x.a || x.b || y.a || y.b} (4·EFS bytes).
 * Every point taken in is checked (length, on the curve, in the order-r subgroup, not the identity).
 */
public interface PairingGroup {

    /** "G1" or "G2". */
    String name();

    /** Bytes of an encoded point. */
    int encodedLength();

    /** The fixed generator (P for G1, Q for G2). */
    byte[] generator();

    /** k·point; k is reduced mod r, and k ≡ 0 is refused (it would give the identity). */
    byte[] mul(byte[] point, BigInteger k);

    /** a + b; the identity as a result is refused. */
    byte[] add(byte[] a, byte[] b);

    /** Σ k_i·point_i (a recombination); the identity as a result is refused. */
    byte[] linearCombination(byte[][] points, BigInteger[] scalars);

    /** Throws {@link PairingException} naming {@code what} unless {@code point} is a valid subgroup element. */
    void validate(byte[] point, String what);
}
