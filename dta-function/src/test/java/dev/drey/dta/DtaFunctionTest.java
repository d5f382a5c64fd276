package dev.drey.dta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingDealer;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.pol.DtaFederation;
import dev.drey.pol.PolApp;
import dev.drey.pol.ShareCollector;
import dev.drey.pol.protocol.DtaMessages;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DtaFunctionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final SecureRandom rng = new SecureRandom();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PairingCurve curve = PairingCurves.BN254CX;
    @TempDir
    Path dir;
    private KeyValueStore kv;
    private byte[] serviceSk;
    private String servicePk;
    private final List<DtaFunction> miners = new ArrayList<>();
    private final List<String> minerPks = new ArrayList<>();
    private DtaFederation federation;

    @BeforeEach
    void setUp() {
        kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv"), clock, false);
        serviceSk = key();
        servicePk = Hex.encode(Schnorr.publicKey(serviceSk));
        PairingDealer.Dealt dealt = PairingDealer.split(curve, curve.randomScalar(rng), 2, 3, rng);
        Map<String, Integer> indices = new HashMap<>();
        for (MasterSecretShare s : dealt.shares()) {
            byte[] minerSk = key();
            indices.put(Hex.encode(Schnorr.publicKey(minerSk)), s.index());
            minerPks.add(Hex.encode(Schnorr.publicKey(minerSk)));
            miners.add(DtaFunction.create(minerSk, s, Set.of(servicePk), kv, clock, rng));
        }
        federation = new DtaFederation(curve, 2, indices, dealt.publicKey());
    }

    @AfterEach
    void tearDown() {
        kv.close();
    }

    @Test
    void sharesAreEncryptedToTheAppVerifiedAndRecombined() {
        PolApp app = PolApp.create(federation, rng);
        byte[] rawId = randomId();
        byte[] hid = curve.mpin().hashId(rawId);
        String requestId = Hex.encode(random(16));
        EventTemplate plain = DtaMessages.clientSecretRequest(NOW.getEpochSecond(), requestId, curve.id(), hid,
                app.publicKey(), NOW.getEpochSecond() + 120);
        List<Event> responses = new ArrayList<>();
        for (int i = 0; i < miners.size(); i++) {
            DtaFunction m = miners.get(i);
            Event req = DtaMessages.sealedFor(plain, minerPks.get(i), serviceSk, rng);
            // relays and the other miners see neither the identity nor the app key, and the others do not answer
            assertFalse(req.content().contains(Hex.encode(hid)) || req.content().contains(app.publicKey()));
            assertEquals(List.of(minerPks.get(i)), req.tagValues("p"));
            for (int j = 0; j < miners.size(); j++) {
                if (j != i) {
                    assertEquals(List.of(), miners.get(j).handle(req));
                }
            }
            List<Event> out = m.handle(req);
            assertEquals(1, out.size());
            Event e = out.get(0);
            assertEquals(ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, e.kind());
            assertEquals(app.publicKey(), e.firstTagValue("p").orElseThrow());
            assertFalse(e.content().contains("share"), "share content must be encrypted");
            responses.add(e);
        }
        ShareCollector.Collected got = app.clientSecretShares(requestId, hid, responses);
        assertEquals(3, got.valid().size());
        assertTrue(got.forgers().isEmpty());
        byte[] cs = got.recombine(federation, curve.g1());
        // the same client secret from any two miners
        assertArrayEquals(cs, dev.drey.crypto.pairing.DtaShares.recombine(curve, curve.g1(), got.valid().subList(1, 3), 2));

        // a time permit for this month
        YearMonth month = YearMonth.of(2026, 11);
        String permitId = Hex.encode(random(16));
        List<Event> preqs = DtaMessages.sealedForEach(DtaMessages.timePermitRequest(NOW.getEpochSecond(), permitId,
                curve.id(), hid, app.publicKey(), month, NOW.getEpochSecond() + 120), minerPks, serviceSk, rng);
        List<Event> permits = new ArrayList<>();
        for (Event preq : preqs) {
            miners.forEach(m -> permits.addAll(m.handle(preq)));
        }
        ShareCollector.Collected p = app.timePermitShares(permitId, hid, DtaMessages.permitDate(month), permits);
        assertEquals(3, p.valid().size());
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        PolApp app = PolApp.create(federation, rng);
        byte[] hid = curve.mpin().hashId(randomId());
        long now = NOW.getEpochSecond();
        DtaFunction m = miners.get(0);
        String id = Hex.encode(random(16));
        Event ok = sealed(DtaMessages.clientSecretRequest(now, id, curve.id(), hid, app.publicKey(), now + 60),
                serviceSk);
        Event answer = m.handle(ok).get(0);
        assertEquals(ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, answer.kind());
        // a redelivery of the same event gets the very same answer (same id: relays drop it), no second share
        assertEquals(List.of(answer), m.handle(ok));
        Event sameIdResigned = sealed(DtaMessages.clientSecretRequest(now + 1, id, curve.id(), hid, app.publicKey(),
                now + 60), serviceSk);
        assertRefused("replay", m.handle(sameIdResigned));
        assertRefused("expired", m.handle(sealed(DtaMessages.clientSecretRequest(now, Hex.encode(random(16)),
                curve.id(), hid, app.publicKey(), now - 1), serviceSk)));
        assertRefused("expiry-too-far", m.handle(sealed(DtaMessages.clientSecretRequest(now, Hex.encode(random(16)),
                curve.id(), hid, app.publicKey(), now + 301), serviceSk)));
        assertRefused("unknown-requester", m.handle(sealed(DtaMessages.clientSecretRequest(now,
                Hex.encode(random(16)), curve.id(), hid, app.publicKey(), now + 60), key())));
        Event good = sealed(DtaMessages.clientSecretRequest(now, Hex.encode(random(16)), curve.id(), hid,
                app.publicKey(), now + 60), serviceSk);
        Event forgedSig = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(),
                good.content(), Hex.encode(random(64)));
        assertRefused("bad-signature", m.handle(forgedSig));
        Event tampered = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(),
                (good.content().charAt(0) == 'A' ? "B" : "A") + good.content().substring(1), good.sig());
        assertRefused("bad-signature", m.handle(tampered));
        assertRefused("malformed", m.handle(sealed(new EventTemplate(now, ProtocolKinds.DTA_CLIENT_SECRET_REQUEST,
                List.of(), "{\"v\":1,\"requestId\":\"" + Hex.encode(random(16)) + "\",\"curve\":\"bn254cx\","
                        + "\"expiresAt\":" + (now + 60) + ",\"identityHash\":\"00ff\",\"appKey\":\""
                        + app.publicKey() + "\"}"), serviceSk)));
        assertRefused("malformed", m.handle(sealed(DtaMessages.clientSecretRequest(now, Hex.encode(random(16)),
                curve.id(), hid, "ff".repeat(32), now + 60), serviceSk)));
        assertRefused("wrong-curve", m.handle(sealed(DtaMessages.clientSecretRequest(now, Hex.encode(random(16)),
                "bls381", hid, app.publicKey(), now + 60), serviceSk)));
        assertRefused("malformed", m.handle(sealed(new EventTemplate(now, ProtocolKinds.DTA_CLIENT_SECRET_REQUEST,
                List.of(), "not json"), serviceSk)));
    }

    @Test
    void aRequestNotSealedToThisMinerIsMalformed() {
        PolApp app = PolApp.create(federation, rng);
        byte[] hid = curve.mpin().hashId(randomId());
        long now = NOW.getEpochSecond();
        DtaFunction m = miners.get(0);
        EventTemplate plain = DtaMessages.clientSecretRequest(now, Hex.encode(random(16)), curve.id(), hid,
                app.publicKey(), now + 60);
        // in clear, as before: with or without a p tag
        assertRefused("malformed", m.handle(plain.sign(serviceSk, rng)));
        assertRefused("malformed", m.handle(new EventTemplate(now, plain.kind(), List.of(List.of("p", minerPks.get(0))),
                plain.content()).sign(serviceSk, rng)));
        // p-tagged to this miner but encrypted to another
        String toOther = dev.drey.crypto.nip44.Nip44.encrypt(plain.content(),
                dev.drey.crypto.nip44.Nip44.conversationKey(serviceSk, Hex.decode(minerPks.get(1))));
        assertRefused("malformed", m.handle(new EventTemplate(now, plain.kind(), List.of(List.of("p", minerPks.get(0))),
                toOther).sign(serviceSk, rng)));
        // addressed to two miners at once
        Event sealed = DtaMessages.sealedFor(plain, minerPks.get(0), serviceSk, rng);
        assertRefused("malformed", m.handle(new EventTemplate(now, plain.kind(),
                List.of(List.of("p", minerPks.get(0)), List.of("p", minerPks.get(1))), sealed.content())
                .sign(serviceSk, rng)));
        // the same request sealed properly is answered
        assertEquals(ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, m.handle(sealed).get(0).kind());
    }

    @Test
    void permitsOnlyForTheCurrentOrNextMonth() {
        PolApp app = PolApp.create(federation, rng);
        byte[] hid = curve.mpin().hashId(randomId());
        long now = NOW.getEpochSecond(); // 2026-11-24
        DtaFunction m = miners.get(0);
        for (YearMonth refused : List.of(YearMonth.of(2026, 10), YearMonth.of(2027, 1), YearMonth.of(2030, 11),
                YearMonth.of(1971, 1))) {
            assertRefused("month-out-of-range", m.handle(sealed(DtaMessages.timePermitRequest(now,
                    Hex.encode(random(16)), curve.id(), hid, app.publicKey(), refused, now + 60), serviceSk)));
        }
        for (YearMonth issued : List.of(YearMonth.of(2026, 11), YearMonth.of(2026, 12))) {
            assertEquals(ProtocolKinds.DTA_TIME_PERMIT_RESPONSE, m.handle(sealed(DtaMessages.timePermitRequest(now,
                    Hex.encode(random(16)), curve.id(), hid, app.publicKey(), issued, now + 60), serviceSk))
                    .get(0).kind());
        }
    }

    /** {@code request} sealed to miner 0, signed with {@code signer}. */
    private Event sealed(EventTemplate request, byte[] signer) {
        return DtaMessages.sealedFor(request, minerPks.get(0), signer, rng);
    }

    private void assertRefused(String code, List<Event> out) {
        assertEquals(1, out.size());
        Event e = out.get(0);
        assertEquals(code, DtaMessages.refusalCode(e).orElse("(not a refusal)"), e.content());
        assertTrue(e.verify().isValid(), "refusals are signed");
        assertTrue(e.content().contains("\"error\":\"" + code + "\""));
    }

    private byte[] key() {
        return random(32);
    }

    private byte[] randomId() {
        return random(32);
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }
}
