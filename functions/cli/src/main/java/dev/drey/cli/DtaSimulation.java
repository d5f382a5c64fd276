package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.pairing.DtaPublicKey;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingDkg;
import dev.drey.dta.DtaFunction;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.mpin.MpinFunction;
import dev.drey.nostr.Event;
import dev.drey.pol.DtaFederation;
import dev.drey.pol.MpinClient;
import dev.drey.pol.PolApp;
import dev.drey.pol.PolVerifier;
import dev.drey.pol.ShareCollector;
import dev.drey.pol.protocol.DtaMessages;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code drey dta simulate}: a whole DTA federation in process: pairing DKG among n miners, their DTA and
 * M-Pin functions (K of them forging), the PoL service and app, enrolment of a random identity and three
 * authentications (right PIN, wrong PIN, last month's permit).
 */
final class DtaSimulation {
    private final SecureRandom rng = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    Map<String, Object> run(PairingCurve curve, int t, int n, int forge) throws IOException {
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("drey-dta-sim");
        List<KeyValueStore> stores = new ArrayList<>();
        try {
            // pairing DKG (in process; on the network the round-2 shares travel NIP-44 encrypted)
            List<PairingDkg.Round1Secret> secrets = new ArrayList<>();
            List<PairingDkg.Round1Package> packages = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                var r1 = PairingDkg.round1(curve, i, t, rng);
                secrets.add(r1.getKey());
                packages.add(r1.getValue());
            }
            byte[] serviceSk = key();
            String servicePk = Hex.encode(Schnorr.publicKey(serviceSk));
            Map<String, Integer> indices = new HashMap<>();
            List<DtaFunction> dta = new ArrayList<>();
            // miners issue permits for the current or next month only: last month's permit was got last month
            Clock lastMonth = Clock.offset(clock,
                    Duration.ofDays(-LocalDate.now(clock.withZone(ZoneOffset.UTC)).getDayOfMonth()));
            List<DtaFunction> lastMonthDta = new ArrayList<>();
            List<MpinFunction> mpin = new ArrayList<>();
            DtaPublicKey pk = null;
            for (int me = 1; me <= n; me++) {
                Map<Integer, BigInteger> received = new HashMap<>();
                for (PairingDkg.Round1Secret s : secrets) {
                    received.put(s.index(), s.shareFor(me));
                }
                var out = PairingDkg.finalize(curve, me, packages, received);
                pk = out.getValue();
                MasterSecretShare share = me <= forge // a forger uses a wrong scalar at its own index
                        ? new MasterSecretShare(curve, me, curve.randomScalar(rng)) : out.getKey();
                byte[] sk = key();
                indices.put(Hex.encode(Schnorr.publicKey(sk)), me);
                KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("miner" + me + ".mv"), clock, false);
                stores.add(kv);
                dta.add(DtaFunction.create(sk, share, Set.of(servicePk), kv, clock, rng));
                lastMonthDta.add(DtaFunction.create(sk, share, Set.of(servicePk), kv, lastMonth, rng));
                mpin.add(MpinFunction.create(sk, share, Set.of(servicePk), kv, clock, rng));
            }
            DtaFederation fed = new DtaFederation(curve, t, indices, pk);
            long now = clock.instant().getEpochSecond();

            String ssId = id();
            Event ssReq = DtaMessages.serverSecretRequest(now, ssId, curve.id(), now + 120).sign(serviceSk, rng);
            List<Event> ssAnswers = new ArrayList<>();
            mpin.forEach(f -> ssAnswers.addAll(f.handle(ssReq)));
            ShareCollector.Collected ss = PolVerifier.serverSecretShares(fed, serviceSk, ssId, ssAnswers);

            PolApp app = PolApp.create(fed, rng);
            byte[] rawId = key();
            byte[] hid = curve.mpin().hashId(rawId);
            String csId = id();
            List<Event> csReqs = DtaMessages.sealedForEach(DtaMessages.clientSecretRequest(now, csId, curve.id(), hid,
                    app.publicKey(), now + 120), indices.keySet(), serviceSk, rng);
            List<Event> csAnswers = ask(dta, csReqs);
            ShareCollector.Collected cs = app.clientSecretShares(csId, hid, csAnswers);

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("curve", curve.id());
            out.put("threshold", t);
            out.put("miners", n);
            out.put("identityHash", Hex.encode(hid));
            out.put("sharesVerified", cs.valid().size());
            out.put("forgersNamed", cs.forgerIndices());
            if (cs.valid().size() < t || ss.valid().size() < t) {
                out.put("enrolled", false);
                out.put("authRightPin", false);
                out.put("authWrongPin", false);
                out.put("authStalePermit", false);
            } else {
                int pin = rng.nextInt(10000);
                byte[] token = app.token(rawId, pin, cs.recombine(fed, curve.g1()));
                YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
                byte[] permit = permit(dta, app, fed, serviceSk, hid, month, clock);
                byte[] stale = permit(lastMonthDta, app, fed, serviceSk, hid, month.minusMonths(1), lastMonth);
                try (KeyValueStore serviceKv = MvStoreKeyValueStore.open(dir.resolve("service.mv"), clock, false)) {
                    PolVerifier v = new PolVerifier(curve, ss.recombine(fed, curve.g2()), serviceSk, serviceKv, clock,
                            null);
                    int date = DtaMessages.permitDate(month);
                    out.put("enrolled", true);
                    out.put("authRightPin", auth(v, app.mpin(), rawId, pin, token, permit, date));
                    out.put("authWrongPin", auth(v, app.mpin(), rawId, (pin + 1) % 10000, token, permit, date));
                    out.put("authStalePermit", auth(v, app.mpin(), rawId, pin, token, stale,
                            DtaMessages.permitDate(month.minusMonths(1))));
                }
            }
            out.put("elapsedMs", (System.nanoTime() - start) / 1_000_000);
            return out;
        } finally {
            stores.forEach(KeyValueStore::close);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private byte[] permit(List<DtaFunction> dta, PolApp app, DtaFederation fed, byte[] serviceSk, byte[] hid,
            YearMonth month, Clock at) {
        long now = at.instant().getEpochSecond();
        String id = id();
        List<Event> reqs = DtaMessages.sealedForEach(DtaMessages.timePermitRequest(now, id, fed.curve().id(), hid,
                app.publicKey(), month, now + 120), fed.minerIndices().keySet(), serviceSk, rng);
        return app.timePermitShares(id, hid, DtaMessages.permitDate(month), ask(dta, reqs))
                .recombine(fed, fed.curve().g1());
    }

    /**
     * Every miner's DTA function over every sealed request (each answers only the one addressed to it); the
     * answers in miner order.
     */
    private static List<Event> ask(List<DtaFunction> dta, List<Event> requests) {
        List<Event> answers = new ArrayList<>();
        for (DtaFunction f : dta) {
            requests.forEach(r -> answers.addAll(f.handle(r)));
        }
        return answers;
    }

    private boolean auth(PolVerifier v, MpinClient m, byte[] rawId, int pin, byte[] token, byte[] permit, int date) {
        MpinClient.Pass1 p1 = m.pass1(rawId, pin, token, permit, date, rng);
        byte[] y = v.challenge(rawId, p1.u(), p1.ut(), rng);
        return v.verifyTwoPass(rawId, p1.u(), p1.ut(), y, m.pass2(p1, y), rng).status()
                == PolVerifier.Status.AUTHENTICATED;
    }

    private byte[] key() {
        byte[] b = new byte[32];
        rng.nextBytes(b);
        return b;
    }

    private String id() {
        byte[] b = new byte[16];
        rng.nextBytes(b);
        return Hex.encode(b);
    }
}
