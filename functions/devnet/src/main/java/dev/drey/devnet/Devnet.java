package dev.drey.devnet;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.crypto.pairing.DtaPublicKey;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgIdentity;
import dev.drey.dkg.DkgResult;
import dev.drey.dkg.DkgResults;
import dev.drey.dkg.KeyType;
import dev.drey.dkg.Participant;
import dev.drey.dkg.Roster;
import dev.drey.dkg.StartRequest;
import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.miner.DkgFunction;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.Nip19;
import dev.drey.pol.DtaFederation;
import dev.drey.pol.MpinClient;
import dev.drey.pol.PolApp;
import dev.drey.pol.PolVerifier;
import dev.drey.pol.ShareCollector;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.relay.MinerKey;
import dev.drey.relay.client.RelayClient;
import dev.drey.relay.client.RelayClientException;
import dev.drey.relay.RosterMember;
import dev.drey.relay.gateway.Backoff;
import dev.drey.relay.gateway.GatewaySettings;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.relay.server.RelayServer;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import dev.drey.runtime.RecipientRelays;
import dev.drey.secrets.SecretBundle;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The main job: a whole federation on one machine, every actor talking only through nostr events, relays and
 * Kafka topics as in a deployment. Steps: the embedded broker; n miners (own identity key, relay on its own
 * port, topics, KV store, functions) and the PoL service's relay; the FROST and DTA DKGs over nostr; an
 * investor's enrolment (client-secret shares to the PoL App, server-secret shares to the PoL service, a PIN);
 * this month's proof of life (time-permit shares, M-Pin against the PoL verifier, a signed claim sent to the
 * federation); the faulty miners go offline or turn bad; ROAST signs a DREY issuance citing the claim; the
 * issuance is checked under the group key.
 */
public final class Devnet implements AutoCloseable {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(1000), () -> 0.5);
    public static final String PURPOSE_MESSAGE = "devnet-message";

    private final DevnetConfig config;
    private final Consumer<String> progress;
    private final DevnetLog log;
    private final SecureRandom rng = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<DevnetReport.Step> steps = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final byte[] serviceSk;
    private final byte[] appSk;
    private final byte[] requesterSk;
    private final byte[] clientSk;
    private final List<byte[]> minerSks = new ArrayList<>();
    private final List<MinerNode> miners = new ArrayList<>();
    private final Map<Integer, RelayClient> asService = new TreeMap<>();
    private final Map<Integer, RelayClient> asRequester = new TreeMap<>();
    private final Map<Integer, DkgResult.Frost> keys = new TreeMap<>();
    private final Map<Integer, DkgResult.Dta> dtaShares = new TreeMap<>();
    private Vertx vertx;
    private EmbeddedKafka kafka;
    private RelayServer polServer;
    private KeyValueStore polKv;
    private RelayClient serviceOnPol;
    private RelayClient appOnPol;
    private RelayClient requesterOnCoordinator;
    private Federation federation;
    private DtaFederation dtaFederation;
    private DevnetState state;
    private volatile boolean closed;

    public Devnet(DevnetConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.log = DevnetLog.open(config.dataDir());
        this.serviceSk = key();
        this.appSk = key();
        this.requesterSk = key();
        this.clientSk = key();
        for (int i = 0; i < config.miners(); i++) {
            minerSks.add(key());
        }
    }

    /** Runs every step; a failed step ends the run (the report says which and why). */
    public DevnetReport run() {
        long start = System.nanoTime();
        String groupKey = null;
        Event issuance = null;
        DevnetReport.Roast roast = null;
        String error = null;
        try {
            step("kafka", () -> {
                kafka = EmbeddedKafka.builder().dataDir(config.dataDir().resolve("kafka")).build().start();
                return kafka.bootstrapServers();
            });
            step("miners", this::startMiners);
            step("dkg-frost", () -> dkg(KeyType.FROST_BIP340, ""));
            groupKey = federation.groupPubkeyHex();
            step("dkg-dta", () -> dkg(KeyType.DTA, config.curve().id()));
            step("functions", this::installFunctions);
            Enrolment enrolled = step("enrol", this::enrol, Enrolment::detail);
            Event claim = step("proof-of-life", () -> proofOfLife(enrolled), ev -> "claim " + ev.id());
            step("faults", this::injectFaults);
            Signed signed = step("roast-sign", () -> sign(claim, enrolled), Signed::detail);
            issuance = signed.issuance();
            roast = signed.roast();
            Event finalEvent = issuance;
            step("verify", () -> {
                if (!finalEvent.verify().isValid()) {
                    throw new DevnetException("the issuance event does not verify under the group key");
                }
                return "BIP-340 signature by " + Nip19.encodeNpub(finalEvent.pubkey());
            });
            log.line("devnet: done; issuance " + finalEvent.id());
        } catch (DevnetException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            error = e.toString();
            log.line("devnet: unexpected failure: " + e);
        }
        return new DevnetReport(error == null, groupKey == null ? null : Nip19.encodeNpub(groupKey), groupKey,
                issuance, roast, List.copyOf(steps), (System.nanoTime() - start) / 1_000_000, minerInfo(),
                polServer == null ? null : polServer.url(), error);
    }

    /** A step whose result is the detail shown. */
    private String step(String name, Supplier<String> work) {
        return step(name, work, detail -> detail);
    }

    private <T> T step(String name, Supplier<T> work, Function<T, String> describe) {
        progress.accept("[" + (steps.size() + 1) + "] " + name + " ...");
        long t0 = System.nanoTime();
        try {
            T result = work.get();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String detail = describe.apply(result);
            steps.add(new DevnetReport.Step(name, true, ms, detail));
            progress.accept("    " + name + " ok in " + ms + " ms" + (detail.isEmpty() ? "" : ": " + detail));
            return result;
        } catch (RuntimeException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String why = e instanceof DevnetException ? e.getMessage() : e.toString();
            steps.add(new DevnetReport.Step(name, false, ms, why));
            progress.accept("    " + name + " FAILED after " + ms + " ms: " + why);
            throw e instanceof DevnetException d ? d : new DevnetException(name + ": " + why, e);
        }
    }

    // ---- step: miners and relays -------------------------------------------------------------------------

    private String startMiners() {
        vertx = Vertx.vertx();
        int n = config.miners();
        List<Integer> ports = freePorts(n + 1);
        // Who is reached where (key@url), the form relay rosters and the functions' routing both read.
        List<String> routing = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            routing.add(pubkey(minerSks.get(i - 1)) + "@ws://127.0.0.1:" + ports.get(i - 1));
        }
        List<RosterMember> roster = routing.stream().map(RosterMember::parse).toList();
        String polUrl = "ws://127.0.0.1:" + ports.get(n);
        Set<String> clients = Set.of(pubkey(serviceSk), pubkey(requesterSk), pubkey(clientSk));
        String bootstrap = kafka.bootstrapServers();
        for (int i = 1; i <= n; i++) {
            RelayNodeSettings settings = RelayNodeSettings.of(MinerNode.relayConfig("drey devnet miner " + i, clients,
                    roster), bootstrap).withTopicPrefix(topicPrefix(i)).withDataDir(minerDir(i).resolve("relay"))
                    .withMinerKey(MinerKey.of(minerSks.get(i - 1))).withBackoff(FAST)
                    .withGateway(GatewaySettings.DEFAULT.withOutboxRelays(Set.of(polUrl)));
            int index = i;
            MinerNode m = MinerNode.start(i, minerSks.get(i - 1), settings, ports.get(i - 1), minerDir(i), vertx,
                    line -> log.line("miner " + index + " " + line));
            miners.add(m);
            closing.add(m);
        }
        // The PoL service's own relay: the service and the app read their answers there; miners publish to it.
        List<RosterMember> polRoster = new ArrayList<>();
        for (MinerNode m : miners) {
            polRoster.add(RosterMember.parse(m.pubkey));
        }
        RelayNode pol = RelayNode.start(RelayNodeSettings.of(MinerNode.relayConfig("drey devnet PoL service",
                Set.of(pubkey(serviceSk), pubkey(appSk), pubkey(clientSk)), polRoster), bootstrap)
                .withTopicPrefix("pol").withDataDir(config.dataDir().resolve("pol").resolve("relay")).withBackoff(FAST));
        closing.add(pol);
        polServer = RelayServer.start(vertx, pol.relay(), "127.0.0.1", ports.get(n));
        closing.add(polServer);
        polKv = track(MvStoreKeyValueStore.open(config.dataDir().resolve("pol").resolve("kv.mv.db"), clock, false));
        if (!polServer.url().equals(polUrl)) {
            throw new DevnetException("PoL relay came up on " + polServer.url() + ", expected " + polUrl);
        }
        routing.add(pubkey(serviceSk) + "@" + polUrl);
        routing.add(pubkey(appSk) + "@" + polUrl);
        state = new DevnetState(bootstrap, config.threshold(), pubkey(requesterSk), pubkey(serviceSk), routing);
        for (MinerNode m : miners) {
            RecipientRelays relays = RecipientRelays.parse(routing, List.of(m.url()));
            m.install(DkgFunction.of(m.identityKey(), Set.of(pubkey(requesterSk)), m.kv(), rng, relays),
                    List.of(MessageFamily.DKG));
            asService.put(m.index, track(RelayClient.open(http, m.url(), MinerKey.of(serviceSk))));
            asRequester.put(m.index, track(RelayClient.open(http, m.url(), MinerKey.of(requesterSk))));
        }
        serviceOnPol = track(RelayClient.open(http, polUrl, MinerKey.of(serviceSk)));
        serviceOnPol.subscribe("answers", Filter.builder().tag('p', pubkey(serviceSk)).build());
        appOnPol = track(RelayClient.open(http, polUrl, MinerKey.of(appSk)));
        appOnPol.subscribe("answers", Filter.builder().tag('p', pubkey(appSk)).build());
        MinerNode coordinator = miners.get(config.coordinator() - 1);
        requesterOnCoordinator = track(RelayClient.open(http, coordinator.url(), MinerKey.of(requesterSk)));
        requesterOnCoordinator.subscribe("roast", Filter.builder().kinds(RoastKinds.PRESIGNATURE,
                RoastKinds.SESSION_START, RoastKinds.SIGNATURE_RESULT).build());
        return n + " miners on " + miners.get(0).url() + " .. " + miners.get(n - 1).url() + "; PoL relay " + polUrl;
    }

    // ---- steps: DKGs -------------------------------------------------------------------------------------

    /** A DKG run among all miners, started by the requester (a trusted initiator); returns what it made. */
    private String dkg(KeyType type, String curve) {
        List<Participant> ps = new ArrayList<>();
        for (MinerNode m : miners) {
            ps.add(new Participant(m.index, m.pubkey));
        }
        Roster roster = new Roster(ps);
        StartRequest draft = new StartRequest("0".repeat(64), type, curve, config.threshold(), roster);
        Event start = DkgCodec.template(draft, now(), roster.pubkeys()).sign(requesterSk, rng);
        publishToAll(asRequester, start);
        Map<Integer, DkgResult> results = new TreeMap<>();
        Map<Integer, DkgResults> stores = new TreeMap<>();
        for (MinerNode m : miners) {
            stores.put(m.index, new DkgResults(m.kv(), new DkgIdentity(m.identityKey()), rng));
        }
        long deadline = System.nanoTime() + config.stepTimeout().toNanos();
        while (results.size() < miners.size()) {
            for (MinerNode m : miners) {
                if (!results.containsKey(m.index)) {
                    stores.get(m.index).load(start.id()).ifPresent(r -> results.put(m.index, r));
                }
            }
            if (System.nanoTime() > deadline) {
                List<Integer> missing = new ArrayList<>();
                miners.forEach(m -> {
                    if (!results.containsKey(m.index)) {
                        missing.add(m.index);
                    }
                });
                throw new DevnetException(type.wireName() + " DKG run " + start.id() + " did not complete within "
                        + config.stepTimeout().toSeconds() + " s: no key yet at miners " + missing
                        + " (see " + log.path() + ")");
            }
            sleep(50);
        }
        if (type == KeyType.FROST_BIP340) {
            PublicKeyPackage group = ((DkgResult.Frost) results.get(1)).publicKeyPackage();
            Map<Identifier, String> members = new TreeMap<>();
            for (MinerNode m : miners) {
                DkgResult.Frost f = (DkgResult.Frost) results.get(m.index);
                if (!f.publicKeyPackage().groupPublicKey().equals(group.groupPublicKey())) {
                    throw new DevnetException("miners disagree on the group key after the DKG");
                }
                members.put(f.keyPackage().identifier(), m.pubkey);
            }
            federation = new Federation(group, members);
            keys.putAll(castFrost(results));
            return "group key " + Nip19.encodeNpub(federation.groupPubkeyHex()) + " (run " + start.id() + ")";
        }
        DtaPublicKey dtaKey = ((DkgResult.Dta) results.get(1)).publicKey();
        Map<String, Integer> indices = new LinkedHashMap<>();
        for (MinerNode m : miners) {
            DkgResult.Dta d = (DkgResult.Dta) results.get(m.index);
            indices.put(m.pubkey, d.share().index());
            dtaShares.put(m.index, d);
        }
        dtaFederation = new DtaFederation(config.curve(), config.threshold(), indices, dtaKey);
        return "DTA master secret shared " + config.threshold() + "-of-" + miners.size() + " on " + config.curve().id()
                + " (run " + start.id() + ")";
    }

    private static Map<Integer, DkgResult.Frost> castFrost(Map<Integer, DkgResult> results) {
        Map<Integer, DkgResult.Frost> out = new TreeMap<>();
        results.forEach((i, r) -> out.put(i, (DkgResult.Frost) r));
        return out;
    }

    // ---- step: functions ---------------------------------------------------------------------------------

    private String installFunctions() {
        String coordinator = miners.get(config.coordinator() - 1).pubkey;
        List<Integer> invalid = new ArrayList<>();
        miners.forEach(m -> {
            if (config.sendsInvalidShares(m.index)) {
                invalid.add(m.index);
            }
        });
        state = state.withFederation(federation, coordinator, pubkey(clientSk), invalid, config.curve().id());
        for (MinerNode m : miners) {
            SecretBundle secrets = MinerFunctionSet.secrets(m.identityKey(), keys.get(m.index), dtaShares.get(m.index));
            MinerFunctionSet.writeKeyFile(minerDir(m.index), secrets, rng);
            Map<String, String> settings = MinerFunctionSet.settings(state, m.pubkey, minerDir(m.index));
            MinerFunctionSet.create(settings, m.kv(), secrets, config.sendsInvalidShares(m.index), rng, clock)
                    .forEach(m::install);
        }
        state.write(config.dataDir());
        return "signer, roast-orchestrator, dta-function and mpin-function on each miner; coordinator miner "
                + config.coordinator();
    }

    // ---- steps: enrolment and proof of life --------------------------------------------------------------

    /** The investor's side after enrolment, and the PoL service's verifier. Never printed (it holds the PIN). */
    record Enrolment(PolApp app, byte[] rawId, byte[] identityHash, int pin, byte[] token, PolVerifier verifier,
            String detail) {
        @Override
        public String toString() {
            return "Enrolment[" + detail + "]";
        }
    }

    private Enrolment enrol() {
        PairingCurve curve = config.curve();
        long now = now();
        // the PoL service gets its server secret: shares s_i·Q, encrypted to the service key
        String ssId = requestId();
        Event ssReq = DtaMessages.serverSecretRequest(now, ssId, curve.id(), now + 120).sign(serviceSk, rng);
        List<Event> ssAnswers = askMiners(ssReq, ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE, serviceOnPol);
        ShareCollector.Collected ss = PolVerifier.serverSecretShares(dtaFederation, serviceSk, ssId, ssAnswers);
        needThreshold("server-secret", ss);
        PolVerifier verifier = new PolVerifier(curve, ss.recombine(dtaFederation, curve.g2()), serviceSk,
                polKv, clock, null);
        // the investor's app: client-secret shares for a randomised identity, verified and recombined
        PolApp app = new PolApp(dtaFederation, appSk);
        byte[] rawId = new byte[32];
        rng.nextBytes(rawId);
        byte[] hid = curve.mpin().hashId(rawId);
        String csId = requestId();
        Event csReq = DtaMessages.clientSecretRequest(now, csId, curve.id(), hid, app.publicKey(), now + 120)
                .sign(serviceSk, rng);
        List<Event> csAnswers = askMiners(csReq, ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, appOnPol);
        ShareCollector.Collected cs = app.clientSecretShares(csId, hid, csAnswers);
        needThreshold("client-secret", cs);
        int pin = rng.nextInt(10_000);
        byte[] token = app.token(rawId, pin, cs.recombine(dtaFederation, curve.g1()));
        return new Enrolment(app, rawId, hid, pin, token, verifier, cs.valid().size() + " client-secret shares verified"
                + " and recombined, PIN set; PoL service holds " + ss.valid().size() + " server-secret shares");
    }

    private Event proofOfLife(Enrolment e) {
        PairingCurve curve = config.curve();
        long now = now();
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        String id = requestId();
        Event req = DtaMessages.timePermitRequest(now, id, curve.id(), e.identityHash(), e.app().publicKey(), month,
                now + 120).sign(serviceSk, rng);
        List<Event> answers = askMiners(req, ProtocolKinds.DTA_TIME_PERMIT_RESPONSE, appOnPol);
        int date = DtaMessages.permitDate(month);
        ShareCollector.Collected permits = e.app().timePermitShares(id, e.identityHash(), date, answers);
        needThreshold("time-permit", permits);
        byte[] permit = permits.recombine(dtaFederation, curve.g1());
        MpinClient m = e.app().mpin();
        MpinClient.Pass1 p1 = m.pass1(e.rawId(), e.pin(), e.token(), permit, date, rng);
        byte[] y = e.verifier().challenge(rng);
        PolVerifier.Verdict verdict = e.verifier().verifyTwoPass(e.rawId(), p1.u(), p1.ut(), y, m.pass2(p1, y),
                e.app().publicKey(), rng);
        if (verdict.status() != PolVerifier.Status.AUTHENTICATED) {
            throw new DevnetException("M-Pin authentication with the right PIN and this month's permit: "
                    + verdict.status());
        }
        Event claim = verdict.claim().orElseThrow();
        publishToAll(asService, claim); // PoL service -> federation
        return claim;
    }

    // ---- steps: faults and signing -----------------------------------------------------------------------

    private String injectFaults() {
        List<String> what = new ArrayList<>();
        for (MinerNode m : miners) {
            if (config.isOffline(m.index)) {
                m.goOffline();
                what.add("miner " + m.index + " offline");
            } else if (config.sendsInvalidShares(m.index)) {
                what.add("miner " + m.index + " sends invalid signature shares");
            }
        }
        return what.isEmpty() ? "no faulty miners" : String.join(", ", what);
    }

    record Signed(Event issuance, DevnetReport.Roast roast) {
        String detail() {
            return roast.sessionsStarted() + " session(s), signed in session " + roast.successfulSession()
                    + ", culprits " + roast.culprits().stream().map(c -> "miner " + c.miner()).toList();
        }
    }

    private Signed sign(Event claim, Enrolment e) {
        String group = federation.groupPubkeyHex();
        long createdAt = now();
        List<List<String>> tags = List.of(List.of("e", claim.id()), List.of("p", e.app().publicKey()),
                List.of("amount", "1000"), List.of("unit", "DREY"));
        String content = "{\"v\":1,\"purpose\":\"DREY issuance\",\"month\":\""
                + YearMonth.now(clock.withZone(ZoneOffset.UTC)) + "\"}";
        byte[] id = Event.computeId(group, createdAt, RoastKinds.DREY_ISSUANCE, tags, content);
        Event unsigned = new Event(Hex.encode(id), group, createdAt, RoastKinds.DREY_ISSUANCE, tags, content,
                "00".repeat(64));
        String coordinator = state.coordinator();
        SignRequest draft = new SignRequest("0".repeat(64), id, SignRequest.PURPOSE_ISSUANCE, List.of(coordinator),
                unsigned.toJson(), claim.toJson());
        Event request = RoastCodec.template(draft, createdAt, new ArrayList<>(federation.memberPubkeys().values()))
                .sign(requesterSk, rng);
        publishSignRequest(request);
        List<Event> results = requesterOnCoordinator.await(answering(request, RoastKinds.SIGNATURE_RESULT), 1,
                config.stepTimeout());
        if (results.isEmpty()) {
            throw new DevnetException("no signature result for request " + request.id() + " within "
                    + config.stepTimeout().toSeconds() + " s (see " + log.path() + ")");
        }
        SignatureResult result = (SignatureResult) RoastCodec.decode(results.get(0));
        if (!result.succeeded()) {
            throw new DevnetException("ROAST failed: " + result.reason() + "; culprits " + result.culprits());
        }
        MinerNode c = miners.get(config.coordinator() - 1);
        DevnetReport.Roast roast = RoastRun.of(c.kv(), c.pubkey, federation, request.id());
        Event issuance = new Event(unsigned.id(), group, createdAt, RoastKinds.DREY_ISSUANCE, tags, content,
                Hex.encode(result.signature()));
        return new Signed(issuance, roast);
    }

    /**
     * The honest miners are slow this time: their functions hold the request until the coordinator has the
     * presignatures of the miners that send bad shares. On a real network timing is the adversary's to choose;
     * here it makes sure the bad shares are actually tried (and their senders caught) rather than raced out.
     */
    private void publishSignRequest(Event request) {
        Set<String> bad = new java.util.HashSet<>();
        List<MinerNode> slow = new ArrayList<>();
        for (MinerNode m : miners) {
            if (m.online() && config.sendsInvalidShares(m.index)) {
                bad.add(m.pubkey);
            } else if (m.online()) {
                slow.add(m);
            }
        }
        if (!bad.isEmpty()) {
            slow.forEach(MinerNode::holdFunctions);
        }
        try {
            publishToAll(asRequester, request);
            if (!bad.isEmpty()) {
                requesterOnCoordinator.await(ev -> ev.kind() == RoastKinds.PRESIGNATURE && bad.contains(ev.pubkey())
                        && ev.firstTagValue("e").orElse("").equals(request.id()), bad.size(), Duration.ofSeconds(10));
            }
        } finally {
            slow.forEach(MinerNode::resumeFunctions);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /**
     * The PoL service's signed request to every miner; the answers of {@code answerKind} as {@code reader} (the
     * service or the app) sees them on the PoL relay, once every miner answered or the step's time is up.
     */
    private List<Event> askMiners(Event request, int answerKind, RelayClient reader) {
        publishToAll(asService, request);
        return reader.await(answering(request, answerKind), miners.size(), config.stepTimeout());
    }

    private void publishToAll(Map<Integer, RelayClient> relays, Event e) {
        int ok = 0;
        List<String> failed = new ArrayList<>();
        for (Map.Entry<Integer, RelayClient> r : relays.entrySet()) {
            if (!miners.get(r.getKey() - 1).online()) {
                continue;
            }
            try {
                r.getValue().publish(e);
                ok++;
            } catch (RelayClientException ex) {
                failed.add(ex.getMessage());
            }
        }
        if (ok == 0) {
            throw new DevnetException("no miner relay took event " + e.id() + ": " + failed);
        }
        failed.forEach(f -> log.line("publish: " + f));
    }

    private static java.util.function.Predicate<Event> answering(Event request, int kind) {
        return e -> e.kind() == kind && e.firstTagValue("e").orElse("").equals(request.id());
    }

    private void needThreshold(String what, ShareCollector.Collected c) {
        if (c.valid().size() < config.threshold()) {
            throw new DevnetException(what + ": only " + c.valid().size() + " valid shares (need "
                    + config.threshold() + "); forgers " + c.forgerIndices());
        }
    }

    private List<DevnetReport.Miner> minerInfo() {
        List<DevnetReport.Miner> out = new ArrayList<>();
        for (MinerNode m : miners) {
            String role = config.isOffline(m.index) ? "offline" : config.sendsInvalidShares(m.index)
                    ? "invalid-shares" : m.index == config.coordinator() ? "coordinator" : "honest";
            out.add(new DevnetReport.Miner(m.index, Nip19.encodeNpub(m.pubkey), m.url(), role));
        }
        return out;
    }

    /** A line for the detail log ({@code devnet.log}): hosts route their logging here. */
    public void log(String line) {
        log.line(line);
    }

    /** The demo client key: allowed on every relay, for a person with any nostr client (nsec). */
    public String demoClientNsec() {
        return Nip19.encodeNsec(clientSk);
    }

    public Path dataDir() {
        return config.dataDir();
    }

    private <T extends AutoCloseable> T track(T c) {
        closing.add(c);
        return c;
    }

    static String topicPrefix(int miner) {
        return "m" + miner;
    }

    private Path minerDir(int i) {
        return config.dataDir().resolve("miner-" + i);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private String requestId() {
        byte[] b = new byte[16];
        rng.nextBytes(b);
        return Hex.encode(b);
    }

    private byte[] key() {
        return Scalar.random(rng).encode();
    }

    private static String pubkey(byte[] sk) {
        return Hex.encode(Schnorr.publicKey(sk));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevnetException("interrupted");
        }
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                log.line("close: " + e);
            }
        }
        if (vertx != null) {
            vertx.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        log.close();
    }
}
