package dev.drey.crypto.pairing;

/**
 * AMCL's M-Pin functions of one curve, byte-compatible with Milagro (same hashes, maps and
 * encodings). Pitfalls kept explicit in the names: client-secret issuance and permits take the
 * <em>hashed</em> identity ({@link #hashId}); the token, client and server passes take the raw one.
 * Return codes are AMCL's: 0 success, {@link #BAD_PIN} for a wrong PIN.
 */
public interface MpinPrimitives {
    int BAD_PIN = -19;
    int MAX_PIN = 10000;

    /** HASH_ID(sha, id, EFS): the identity hash the miners see. */
    byte[] hashId(byte[] rawId);

    /** H_T input: hashit(sha, date, hashedId, EFS), mapped to G1 by {@link PairingCurve#hashToG1}. */
    byte[] permitHash(int date, byte[] hashedId);

    /** The token: client secret minus pin·H(ID) (EXTRACT_PIN, raw ID). */
    byte[] extractPin(byte[] rawId, int pin, byte[] clientSecret);

    /** Client pass 1 (CLIENT_1); date 0 means no time permit. Returns {sec, u, ut} (ut null when date 0). */
    byte[][] client1(int date, byte[] rawId, byte[] x, int pin, byte[] token, byte[] permit);

    /** Client pass 2 (CLIENT_2): V = -(x+y)·SEC. */
    byte[] client2(byte[] x, byte[] y, byte[] sec);

    /** Server pass 1 (SERVER_1): {H(ID), H(ID)+H_T(date, H(ID))} (the second null when date 0). */
    byte[][] server1(int date, byte[] rawId);

    /** Y for the 1-pass protocol: hashit(sha, timeValue, u-or-ut) mod r (GET_Y). */
    byte[] onePassY(int timeValue, byte[] uOrUt);

    /**
     * Server pass 2 (SERVER_2) with AMCL's own pairing code: 0 or {@link #BAD_PIN}. When the PIN is
     * wrong and {@code ef} has room for two elements, it receives E and F for {@link #kangaroo}.
     */
    int server2(int date, byte[] hid, byte[] htid, byte[] y, byte[] serverSecret, byte[] u, byte[] ut,
            byte[] v, byte[][] ef);

    /** The PIN error behind a BAD_PIN (KANGAROO); server side only, never for the client. */
    int kangaroo(byte[] e, byte[] f);

    /** Bytes of a scalar (EGS). */
    int scalarLength();
}
