package dev.drey.pol;

import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.kv.KeyValueStore;
import dev.drey.pol.protocol.DtaMessages;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** One enrolled identity (token and this month's permit from a dealt master secret) and its verifier. */
final class MpinFixture {
    final SecureRandom rng = new SecureRandom();
    final PairingCurve curve = PairingCurves.BLS381;
    final BigInteger s = curve.randomScalar(rng);
    final byte[] serviceSk = new byte[32];
    final byte[] rawId = new byte[32];
    final int pin = 5000 + rng.nextInt(4000);
    final int date;
    final byte[] token;
    final byte[] permit;
    final MpinClient client = new MpinClient(curve);

    MpinFixture(Clock clock) {
        rng.nextBytes(serviceSk);
        serviceSk[0] = 1;
        rng.nextBytes(rawId);
        byte[] hid = curve.mpin().hashId(rawId);
        date = DtaMessages.permitDate(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        byte[] clientSecret = curve.g1().mul(curve.hashToG1(hid), s);
        permit = curve.g1().mul(DtaShares.permitBase(curve, date, hid), s);
        token = curve.mpin().extractPin(rawId, pin, clientSecret);
    }

    PolVerifier verifier(KeyValueStore kv, Clock clock, PolVerifier.PinErrorAudit audit) {
        return new PolVerifier(curve, curve.g2().mul(curve.g2().generator(), s), serviceSk, kv, clock, audit);
    }

    MpinClient.Pass1 pass1(int guess) {
        return client.pass1(rawId, guess, token, permit, date, rng);
    }

    /** A full 2-pass run with {@code guess}, the challenge issued by {@code v}. */
    PolVerifier.Status twoPass(PolVerifier v, int guess) {
        return TwoPass.prepare(this, v, guess).run(v, this);
    }

    /** Pass 1, the server's challenge and pass 2, computed ahead so only the check runs in parallel. */
    record TwoPass(MpinClient.Pass1 p1, byte[] y, byte[] v) {
        static TwoPass prepare(MpinFixture f, PolVerifier verifier, int guess) {
            MpinClient.Pass1 p1 = f.pass1(guess);
            byte[] y = verifier.challenge(f.rawId, p1.u(), p1.ut(), f.rng);
            return new TwoPass(p1, y, f.client.pass2(p1, y));
        }

        PolVerifier.Status run(PolVerifier verifier, MpinFixture f) {
            return verifier.verifyTwoPass(f.rawId, p1.u(), p1.ut(), y, v, f.rng).status();
        }
    }
}
