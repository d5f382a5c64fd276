package dev.drey.dta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingDealer;
import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.mpin.MpinFunction;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import dev.drey.pol.DtaFederation;
import dev.drey.pol.MpinClient;
import dev.drey.pol.PolApp;
import dev.drey.pol.PolVerifier;
import dev.drey.pol.ShareCollector;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.relay.MinerKey;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RelayLimits;
import dev.drey.relay.RosterMember;
import dev.drey.relay.gateway.Backoff;
import dev.drey.relay.client.RelayClient;
import dev.drey.relay.gateway.GatewaySettings;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.relay.server.RelayServer;
import io.vertx.core.Vertx;
import java.net.http.HttpClient;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolment and monthly authentication with every DTA message travelling as in a deployment, over one
 * embedded Kafka broker shared by four relay nodes, each with its own topic prefix and Vert.x host:
 * <ul>
 * <li>three miners: each relay ingests into its own topics; the miner's DTA and M-Pin functions consume
 * that miner's DTA and M-Pin topics and put their signed answers on that miner's outbox, addressed to the
 * PoL relay; the miner's outbox publisher delivers them there, authenticated (NIP-42) as the miner;</li>
 * <li>the PoL relay (the service's own relay: service and app keys allowed, miners on its roster): the
 * PoL service and the app read the answers there with the nostr websocket client.</li>
 * </ul>
 * The service publishes each signed request to every miner's relay. A second allowed client of the miners'
 * relays (not a PoL service key) plays the wrong signer: relay membership is no authority to ask for shares.
 */
class DtaRelayEndToEndTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), () -> 0.5);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int N = 3;
    private final SecureRandom rng = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final PairingCurve curve = PairingCurves.BLS381;
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;

    /** One miner: its relay node and host, and the loop running its functions over its topics. */
    private static final class Miner implements AutoCloseable {
        final RelayNode node;
        final RelayServer server;
        final KeyValueStore kv;
        private final Thread loop;
        private volatile boolean running = true;

        Miner(RelayNode node, RelayServer server, KeyValueStore kv, DtaFunction dta, MpinFunction mpin,
                String bootstrap, String answerRelay) {
            this.node = node;
            this.server = server;
            this.kv = kv;
            this.loop = new Thread(() -> {
                try (EventLogReader<LoggedEvent> in = EventLogReader.events(bootstrap,
                        List.of(node.topics().topicFor(MessageFamily.DTA), node.topics().topicFor(MessageFamily.MPIN)))) {
                    while (running) {
                        in.poll(Duration.ofMillis(50), (logged, pos) -> {
                            List<Event> out = new ArrayList<>(dta.handle(logged.event()));
                            out.addAll(mpin.handle(logged.event()));
                            for (Event e : out) {
                                node.log().appendToOutbox(new OutboxRecord(e, List.of(answerRelay))).join();
                            }
                        });
                    }
                }
            }, "miner-functions");
            loop.setDaemon(true);
            loop.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            loop.join(5000);
            server.close();
            node.close();
            kv.close();
        }
    }

    /** A NIP-42 authenticated client of one relay, subscribed to {@code subscription} when given. */
    private RelayClient client(String url, byte[] sk, Filter subscription) {
        RelayClient c = RelayClient.open(http, url, MinerKey.of(sk));
        if (subscription != null) {
            c.subscribe("answers", subscription);
        }
        return c;
    }

    /** The events answering {@code request} (e tag), once {@code expected} of them arrived. */
    private static List<Event> answersTo(RelayClient c, Event request, int expected) {
        return answersTo(c, List.of(request), expected);
    }

    /** The answers to any of {@code requests} (one request sealed to each miner). */
    private static List<Event> answersTo(RelayClient c, List<Event> requests, int expected) {
        Set<String> ids = new java.util.HashSet<>();
        requests.forEach(r -> ids.add(r.id()));
        List<Event> got = c.await(e -> ids.contains(e.firstTagValue("e").orElse("")), expected, WAIT);
        if (got.size() < expected) {
            throw new AssertionError("only " + got.size() + " answers to " + ids + " arrived");
        }
        return got;
    }

    @Test
    void enrolAuthenticateAndRefuseOverRealRelays() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<Miner> miners = new ArrayList<>();
        List<AutoCloseable> closing = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.temporary().start()) {
            String bootstrap = kafka.bootstrapServers();
            byte[] serviceSk = random(32);
            String servicePk = Hex.encode(Schnorr.publicKey(serviceSk));
            byte[] intruderSk = random(32); // an allowed client of the miners' relays, not the PoL service
            String intruderPk = Hex.encode(Schnorr.publicKey(intruderSk));
            BigInteger master = curve.randomScalar(rng);
            PairingDealer.Dealt dealt = PairingDealer.split(curve, master, 2, N, rng);
            List<byte[]> minerSks = new ArrayList<>();
            List<RosterMember> roster = new ArrayList<>();
            Map<String, Integer> indices = new HashMap<>();
            for (MasterSecretShare s : dealt.shares()) {
                byte[] sk = random(32);
                minerSks.add(sk);
                String pk = Hex.encode(Schnorr.publicKey(sk));
                indices.put(pk, s.index());
                roster.add(RosterMember.parse(pk)); // no relay URLs: requests reach each miner directly
            }
            DtaFederation fed = new DtaFederation(curve, 2, indices, dealt.publicKey());
            PolApp app = PolApp.create(fed, rng);

            int polPort = freePort();
            RelayNode pol = RelayNode.start(RelayNodeSettings.of(config("pol", Set.of(servicePk, app.publicKey()),
                    roster, polPort), bootstrap).withTopicPrefix("pol").withBackoff(FAST));
            RelayServer polServer = RelayServer.start(vertx, pol.relay(), "127.0.0.1", polPort);
            closing.add(pol);
            closing.add(polServer);
            for (MasterSecretShare s : dealt.shares()) {
                byte[] sk = minerSks.get(s.index() - 1);
                int port = freePort();
                RelayNode node = RelayNode.start(RelayNodeSettings.of(config("miner" + s.index(),
                        Set.of(servicePk, intruderPk), roster, port), bootstrap).withTopicPrefix("miner" + s.index())
                        .withMinerKey(MinerKey.of(sk)).withBackoff(FAST)
                        .withGateway(GatewaySettings.DEFAULT.withOutboxRelays(Set.of(polServer.url()))));
                KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("miner" + s.index() + ".mv"), clock, false);
                miners.add(new Miner(node, RelayServer.start(vertx, node.relay(), "127.0.0.1", port), kv,
                        DtaFunction.create(sk, s, Set.of(servicePk), kv, clock, rng),
                        MpinFunction.create(sk, s, Set.of(servicePk), kv, clock, rng), bootstrap, polServer.url()));
            }

            // The service publishes to every miner's relay and reads every answer on its own relay; the app
            // reads what is p-tagged to it.
            List<RelayClient> toMiners = new ArrayList<>();
            List<RelayClient> intruderToMiners = new ArrayList<>();
            for (Miner m : miners) {
                toMiners.add(client(m.server.url(), serviceSk, null));
                intruderToMiners.add(client(m.server.url(), intruderSk, null));
            }
            closing.addAll(toMiners);
            closing.addAll(intruderToMiners);
            RelayClient service = client(polServer.url(), serviceSk, Filter.builder()
                    .kinds(ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, ProtocolKinds.DTA_TIME_PERMIT_RESPONSE,
                            ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE).build());
            RelayClient appOnRelay = client(polServer.url(), app.secretKey(), Filter.builder()
                    .tag('p', app.publicKey()).build());
            closing.add(service);
            closing.add(appOnRelay);

            try (KeyValueStore serviceKv = MvStoreKeyValueStore.open(dir.resolve("service.mv"), clock, false)) {
                long now = clock.instant().getEpochSecond();
                // the PoL service obtains the server secret from the miners
                String ssId = requestId();
                Event ssReq = DtaMessages.serverSecretRequest(now, ssId, curve.id(), now + 120).sign(serviceSk, rng);
                publishToAll(toMiners, ssReq);
                List<Event> ssAnswers = answersTo(service, ssReq, N);
                ssAnswers.forEach(e -> assertEquals(servicePk, e.firstTagValue("p").orElseThrow()));
                ShareCollector.Collected ss = PolVerifier.serverSecretShares(fed, serviceSk, ssId, ssAnswers);
                assertEquals(N, ss.valid().size());
                List<Integer> wrongPins = new ArrayList<>();
                PolVerifier verifier = new PolVerifier(curve, ss.recombine(fed, curve.g2()), serviceSk, serviceKv,
                        clock, (identity, pinError) -> wrongPins.add(pinError));

                // enrolment: the client secret, this month's and last month's permits reach the app
                byte[] rawId = random(32);
                byte[] hid = curve.mpin().hashId(rawId);
                int pin = 4321;
                String csId = requestId();
                // one request sealed to each miner: neither the relays nor the other miners read the identity
                List<Event> csReqs = DtaMessages.sealedForEach(DtaMessages.clientSecretRequest(now, csId, curve.id(),
                        hid, app.publicKey(), now + 120), indices.keySet(), serviceSk, rng);
                for (Event csReq : csReqs) {
                    publishToAll(toMiners, csReq);
                    assertFalse(csReq.content().contains(Hex.encode(hid)) || csReq.content().contains(app.publicKey()));
                }
                List<Event> csAnswers = answersTo(appOnRelay, csReqs, N);
                Set<String> authors = new java.util.HashSet<>();
                csAnswers.forEach(e -> authors.add(e.pubkey()));
                assertEquals(indices.keySet(), authors, "one answer from each miner, each signed by it");
                ShareCollector.Collected cs = app.clientSecretShares(csId, hid, csAnswers);
                assertEquals(N, cs.valid().size());
                assertEquals(List.of(), cs.forgerIndices());
                byte[] token = app.token(rawId, pin, cs.recombine(fed, curve.g1()));
                YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
                ShareCollector.Collected permit = permit(toMiners, appOnRelay, app, serviceSk, hid, month);
                int date = DtaMessages.permitDate(month);
                byte[] goodPermit = permit.recombine(fed, curve.g1());
                // miners issue no permit for last month any more; the app kept the one it got then
                YearMonth lastMonth = month.minusMonths(1);
                String staleId = requestId();
                List<Event> staleReqs = DtaMessages.sealedForEach(DtaMessages.timePermitRequest(now, staleId,
                        curve.id(), hid, app.publicKey(), lastMonth, now + 120), indices.keySet(), serviceSk, rng);
                for (Event r : staleReqs) {
                    publishToAll(toMiners, r);
                }
                assertCodes("month-out-of-range", answersTo(service, staleReqs, N));
                byte[] stalePermit = curve.g1().mul(DtaShares.permitBase(curve, DtaMessages.permitDate(lastMonth), hid),
                        master);
                byte[] fewPermit = DtaShares.combine(curve, curve.g1(), permit.valid().subList(0, 1));

                MpinClient m = app.mpin();
                assertEquals(PolVerifier.Status.AUTHENTICATED,
                        twoPass(verifier, m, rawId, pin, token, goodPermit, date).status());
                PolVerifier.Verdict onePass = verifier.verifyOnePass(rawId, m.onePass(
                        m.pass1(rawId, pin, token, goodPermit, date, rng), (int) clock.instant().getEpochSecond()), rng);
                assertEquals(PolVerifier.Status.AUTHENTICATED, onePass.status());
                Event claim = onePass.claim().orElseThrow();
                assertEquals(ProtocolKinds.PROOF_OF_LIFE_CLAIM, claim.kind());
                assertTrue(claim.verify().isValid());
                assertEquals(PolVerifier.Status.REJECTED, twoPass(verifier, m, rawId, pin, token, stalePermit,
                        DtaMessages.permitDate(month.minusMonths(1))).status(), "last month's permit");
                assertEquals(PolVerifier.Status.REJECTED,
                        twoPass(verifier, m, rawId, pin, token, fewPermit, date).status(), "a permit from too few miners");
                // a success resets the count of consecutive failures; then three wrong PINs lock the identity
                assertEquals(PolVerifier.Status.AUTHENTICATED,
                        twoPass(verifier, m, rawId, pin, token, goodPermit, date).status());
                assertEquals(PolVerifier.Status.REJECTED,
                        twoPass(verifier, m, rawId, pin + 1, token, goodPermit, date).status());
                assertEquals(PolVerifier.Status.REJECTED,
                        twoPass(verifier, m, rawId, pin - 1, token, goodPermit, date).status());
                assertEquals(PolVerifier.Status.LOCKED,
                        twoPass(verifier, m, rawId, pin + 1, token, goodPermit, date).status());
                assertEquals(PolVerifier.Status.LOCKED, twoPass(verifier, m, rawId, pin, token, goodPermit, date)
                        .status(), "locked after three consecutive failures");
                // every failure is audited server side: stale permit, few-miner permit, then PIN +1, -1, +1;
                // KANGAROO gives up (0) on about a quarter of attempts (random x), otherwise finds the error
                assertPinErrors(wrongPins, 1, -1, 1);

                // refusals, each arriving at the PoL relay from every miner
                // replayed: the very same event is a relay duplicate; a new event reusing the request id is
                // stored by the relays and refused by the functions
                for (RelayClient c : toMiners) {
                    RelayMessage.Ok ok = c.send(csReqs.get(0));
                    assertTrue(ok.message().startsWith("duplicate:"), ok.message());
                }
                List<Event> replay = DtaMessages.sealedForEach(DtaMessages.clientSecretRequest(now + 1, csId,
                        curve.id(), hid, app.publicKey(), now + 120), indices.keySet(), serviceSk, rng);
                for (Event r : replay) {
                    publishToAll(toMiners, r);
                }
                assertCodes("replay", answersTo(service, replay, N)); // refusals go to the requester
                List<Event> expired = DtaMessages.sealedForEach(DtaMessages.clientSecretRequest(now, requestId(),
                        curve.id(), hid, app.publicKey(), now - 5), indices.keySet(), serviceSk, rng);
                for (Event r : expired) {
                    publishToAll(toMiners, r);
                }
                assertCodes("expired", answersTo(service, expired, N));
                // wrongly signed: a relay member that is no PoL service key; the refusal is p-tagged to it
                Event wrongSigner = DtaMessages.serverSecretRequest(now, requestId(), curve.id(), now + 120)
                        .sign(intruderSk, rng);
                for (RelayClient c : intruderToMiners) {
                    assertTrue(c.send(wrongSigner).accepted());
                }
                List<Event> refusedWrongSigner = answersTo(service, wrongSigner, N);
                assertCodes("unknown-requester", refusedWrongSigner);
                refusedWrongSigner.forEach(e -> assertEquals(intruderPk, e.firstTagValue("p").orElseThrow()));
                // unsigned: every relay refuses it at the door; had one let it through to its topics, that
                // miner's functions refuse it too
                Event good = DtaMessages.serverSecretRequest(now, requestId(), curve.id(), now + 120)
                        .sign(serviceSk, rng);
                Event unsigned = new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(),
                        good.content(), "00".repeat(64));
                for (RelayClient c : toMiners) {
                    RelayMessage.Ok ok = c.send(unsigned);
                    assertFalse(ok.accepted());
                    assertTrue(ok.message().startsWith("invalid:"), ok.message());
                }
                miners.get(0).node.log().append(unsigned).get();
                List<Event> refusedUnsigned = answersTo(service, unsigned, 1);
                assertCodes("bad-signature", refusedUnsigned);
                assertEquals(1, refusedUnsigned.size());
                // nothing secret went to the relays in clear
                for (Event e : service.received()) {
                    assertFalse(e.content().contains(Hex.encode(token)));
                }
            }
        } finally {
            for (AutoCloseable c : closing) {
                c.close();
            }
            for (Miner mi : miners) {
                mi.close();
            }
            vertx.close();
        }
    }

    /** A relay whose public URL (which AUTH events must name) is the loopback address on {@code port}. */
    private static RelayConfig config(String name, Set<String> allowed, List<RosterMember> roster, int port) {
        return new RelayConfig(name, "", Optional.empty(), Optional.empty(), allowed, roster, Set.of(), true,
                RelayLimits.DEFAULT, "ws://127.0.0.1:" + port);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void publishToAll(List<RelayClient> relays, Event request) throws Exception {
        for (RelayClient c : relays) {
            RelayMessage.Ok ok = c.send(request);
            assertTrue(ok.accepted(), ok.message());
        }
    }

    private ShareCollector.Collected permit(List<RelayClient> toMiners, RelayClient appOnRelay, PolApp app,
            byte[] serviceSk, byte[] hid, YearMonth month) throws Exception {
        long now = clock.instant().getEpochSecond();
        String id = requestId();
        List<Event> reqs = DtaMessages.sealedForEach(DtaMessages.timePermitRequest(now, id, curve.id(), hid,
                app.publicKey(), month, now + 120), app.federation().minerIndices().keySet(), serviceSk, rng);
        for (Event req : reqs) {
            publishToAll(toMiners, req);
        }
        ShareCollector.Collected c = app.timePermitShares(id, hid, DtaMessages.permitDate(month),
                answersTo(appOnRelay, reqs, N));
        assertEquals(N, c.valid().size());
        return c;
    }

    private PolVerifier.Verdict twoPass(PolVerifier v, MpinClient m, byte[] rawId, int pin, byte[] token,
            byte[] permit, int date) {
        MpinClient.Pass1 p1 = m.pass1(rawId, pin, token, permit, date, rng);
        byte[] y = v.challenge(rawId, p1.u(), p1.ut(), rng);
        return v.verifyTwoPass(rawId, p1.u(), p1.ut(), y, m.pass2(p1, y), rng);
    }

    static void assertPinErrors(List<Integer> audited, int... pinErrors) {
        assertEquals(2 + pinErrors.length, audited.size(), "" + audited);
        for (int i = 0; i < pinErrors.length; i++) {
            int found = audited.get(2 + i);
            assertTrue(found == 0 || found == pinErrors[i], "PIN error " + pinErrors[i] + " audited as " + found);
        }
    }

    private static void assertCodes(String code, List<Event> answers) {
        assertFalse(answers.isEmpty());
        for (Event e : answers) {
            assertEquals(code, DtaMessages.refusalCode(e).orElse("(share)"));
            assertTrue(e.verify().isValid());
        }
    }

    private String requestId() {
        return Hex.encode(random(16));
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }
}
