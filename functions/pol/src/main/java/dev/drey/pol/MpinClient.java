package dev.drey.pol;

import dev.drey.crypto.pairing.PairingCurve;
import java.security.SecureRandom;

/**
 * The client side of M-Pin (AMCL's CLIENT_1 / CLIENT_2 / GET_Y) with a time permit. The raw identity
 * goes in here (AMCL hashes it itself); x is fresh per run unless a test vector supplies it.
 */
public final class MpinClient {
    private final PairingCurve curve;

    public MpinClient(PairingCurve curve) {
        this.curve = curve;
    }

    /** Pass 1 of either protocol. {@code date} 0 means no permit. Never printed. */
    public record Pass1(byte[] x, byte[] sec, byte[] u, byte[] ut, int date) {
        @Override
        public String toString() {
            return "Pass1[date=" + date + ", <secret>]";
        }
    }

    /** The 1-pass message: commitments, the time value they are bound to, and V. */
    public record OnePass(int timeValue, byte[] u, byte[] ut, byte[] v) {
    }

    public Pass1 pass1(byte[] rawId, int pin, byte[] token, byte[] permit, int date, SecureRandom rng) {
        return pass1(rawId, pin, token, permit, date, curve.scalarBytes(curve.randomScalar(rng)));
    }

    /** Pass 1 with a given x (test vectors). */
    public Pass1 pass1(byte[] rawId, int pin, byte[] token, byte[] permit, int date, byte[] x) {
        byte[][] out = curve.mpin().client1(date, rawId, x, pin, token, permit);
        return new Pass1(x, out[0], out[1], out[2], date);
    }

    /** Pass 2 of the 2-pass protocol: V for the server's challenge y. */
    public byte[] pass2(Pass1 p, byte[] y) {
        return curve.mpin().client2(p.x(), y, p.sec());
    }

    /** The 1-pass protocol: y = H(timeValue, UT or U), V in one message. */
    public OnePass onePass(Pass1 p, int timeValue) {
        byte[] y = curve.mpin().onePassY(timeValue, p.date() == 0 ? p.u() : p.ut());
        return new OnePass(timeValue, p.u(), p.ut(), curve.mpin().client2(p.x(), y, p.sec()));
    }
}
