package dev.drey.devnet;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.crypto.pairing.DtaPublicKey;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgIdentity;
import dev.drey.dkg.DkgResult;
import dev.drey.dkg.DkgResults;
import dev.drey.dkg.DkgStateException;
import dev.drey.dkg.KeyType;
import dev.drey.dkg.Participant;
import dev.drey.dkg.Roster;
import dev.drey.dkg.StartRequest;
import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.MessageFamily;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.miner.DkgFunction;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.Nip19;
import dev.drey.pol.DtaFederation;
import dev.drey.pol.ShareCollector;
import dev.drey.relay.MinerKey;
import dev.drey.relay.RosterMember;
import dev.drey.relay.client.RelayClient;
import dev.drey.relay.client.RelayClientException;
import dev.drey.relay.gateway.Backoff;
import dev.drey.relay.gateway.GatewaySettings;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.relay.server.RelayServer;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastKinds;
import dev.drey.runtime.NostrFunction;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A whole federation on one machine, built as {@code drey devnet} builds it and left for a caller to drive: the
 * embedded broker; n miners (own identity key, relay on its own port, topics, KV store, functions) and the PoL
 * service's relay; the FROST and DTA DKGs over nostr; the four miner functions. The demo ({@link Devnet}) and the
 * adversary scenarios both start from here; each capability on top of it is a small step class.
 */
public final class DevnetFederation implements AutoCloseable {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(1000), () -> 0.5);

    private final DevnetConfig config;
    private final DevnetLog log;
    private final BiFunction<Integer, KeyValueStore, KeyValueStore> kvLayer;
    private final BiFunction<Integer, NostrFunction, NostrFunction> functionLayer;
    private final SecureRandom rng = new SecureRandom();
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
    private final Map<Integer, DkgResult.Election> electionKeys = new TreeMap<>();
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

    private DevnetFederation(Builder b) {
        this.config = b.config;
        this.kvLayer = b.kvLayer;
        this.functionLayer = b.functionLayer;
        this.clock = b.clock;
        this.log = DevnetLog.open(config.dataDir());
        this.serviceSk = key();
        this.appSk = key();
        this.requesterSk = key();
        this.clientSk = key();
        for (int i = 0; i < config.miners(); i++) {
            minerSks.add(key());
        }
    }

    public static Builder builder(DevnetConfig config) {
        return new Builder(config);
    }

    /** How a federation is made: the scenario, and optionally a layer over each miner's KV store (fault injection). */
    public static final class Builder {
        private final DevnetConfig config;
        private BiFunction<Integer, KeyValueStore, KeyValueStore> kvLayer = (index, kv) -> kv;
        private BiFunction<Integer, NostrFunction, NostrFunction> functionLayer = (index, f) -> f;
        private Clock clock = Clock.systemUTC();

        private Builder(DevnetConfig config) {
            if (config == null) {
                throw new IllegalArgumentException("devnet: a config is required");
            }
            this.config = config;
        }

        /** Wraps miner {@code index}'s KV store (as its functions and DKG see it) in the layer this returns. */
        public Builder kvLayer(BiFunction<Integer, KeyValueStore, KeyValueStore> layer) {
            this.kvLayer = layer;
            return this;
        }

        /**
         * Wraps each function installed on miner {@code index} (the DKG function and the four miner functions) in
         * the function this returns: a rogue member's own code, or a crash between a function's steps.
         */
        public Builder functionLayer(BiFunction<Integer, NostrFunction, NostrFunction> layer) {
            this.functionLayer = layer;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public DevnetFederation build() {
            return new DevnetFederation(this);
        }
    }

    /**
     * Brings the whole federation up without the demo: broker, miners, both DKGs, the functions; each piece is a
     * step of {@code steps}, so progress and failures read as in {@code drey devnet}.
     */
    public DevnetFederation start(DevnetSteps steps) {
        steps.step("kafka", this::startKafka);
        steps.step("miners", this::startMiners);
        steps.step("dkg-frost", this::dkgFrost);
        steps.step("dkg-dta", this::dkgDta);
        steps.step("functions", this::installFunctions);
        return this;
    }

    // ---- the broker, miners and relays --------------------------------------------------------------------

    public String startKafka() {
        kafka = EmbeddedKafka.builder().dataDir(config.dataDir().resolve("kafka")).build().start();
        return kafka.bootstrapServers();
    }

    public String startMiners() {
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
                    roster, "ws://127.0.0.1:" + ports.get(i - 1)), bootstrap).withTopicPrefix(topicPrefix(i)).withDataDir(minerDir(i).resolve("relay"))
                    .withMinerKey(MinerKey.of(minerSks.get(i - 1))).withBackoff(FAST)
                    .withGateway(GatewaySettings.DEFAULT.withOutboxRelays(Set.of(polUrl)));
            int index = i;
            MinerNode m = MinerNode.start(i, minerSks.get(i - 1), settings, ports.get(i - 1), minerDir(i), vertx,
                    kv -> kvLayer.apply(index, kv), line -> log.line("miner " + index + " " + line));
            miners.add(m);
            closing.add(m);
        }
        // The PoL service's own relay: the service and the app read their answers there; miners publish to it.
        List<RosterMember> polRoster = new ArrayList<>();
        for (MinerNode m : miners) {
            polRoster.add(RosterMember.parse(m.pubkey));
        }
        RelayNode pol = RelayNode.start(RelayNodeSettings.of(MinerNode.relayConfig("drey devnet PoL service",
                Set.of(pubkey(serviceSk), pubkey(appSk), pubkey(clientSk)), polRoster, polUrl), bootstrap)
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
            m.install(functionLayer.apply(m.index, DkgFunction.of(m.identityKey(), Set.of(pubkey(requesterSk)),
                    m.kv(), rng, relays)), List.of(MessageFamily.DKG));
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

    // ---- DKGs ---------------------------------------------------------------------------------------------

    public String dkgFrost() {
        return dkg(KeyType.FROST_BIP340, "");
    }

    public String dkgDta() {
        return dkg(KeyType.DTA, config.curve().id());
    }

    /** The election key's own DKG run among all miners (for votes); its results are kept by miner index. */
    public String dkgElection() {
        return dkg(KeyType.ELECTION_SECP256K1, "");
    }

    /** Each miner's election-key DKG result (public parts are what a proposal names), after {@link #dkgElection}. */
    public Map<Integer, DkgResult.Election> electionKeys() {
        return Map.copyOf(electionKeys);
    }

    /** The start request of a DKG run among all miners, signed by the requester (a trusted initiator). */
    public Event dkgStart(KeyType type, String curve) {
        List<String> pubkeys = new ArrayList<>();
        for (MinerNode m : miners) {
            pubkeys.add(m.pubkey);
        }
        return dkgStart(type, curve, config.threshold(), pubkeys, now(), requesterSk, rng);
    }

    /** A DKG start request among {@code pubkeys} (miner i is {@code pubkeys[i-1]}), signed by {@code initiatorSk}. */
    public static Event dkgStart(KeyType type, String curve, int threshold, List<String> pubkeys, long now,
            byte[] initiatorSk, SecureRandom rng) {
        List<Participant> ps = new ArrayList<>();
        for (int i = 0; i < pubkeys.size(); i++) {
            ps.add(new Participant(i + 1, pubkeys.get(i)));
        }
        Roster roster = new Roster(ps);
        StartRequest draft = new StartRequest("0".repeat(64), type, curve, threshold, roster);
        return DkgCodec.template(draft, now, roster.pubkeys()).sign(initiatorSk, rng);
    }

    /**
     * A second DKG function for miner {@code index} over {@code kv}, routed as its own: what a rogue member would
     * run beside the honest one to equivocate.
     */
    public NostrFunction dkgFunction(int index, KeyValueStore kv) {
        MinerNode m = miner(index);
        return DkgFunction.of(m.identityKey(), Set.of(pubkey(requesterSk)), kv, rng,
                RecipientRelays.parse(state.routing(), List.of(m.url())));
    }

    /** What miner {@code index} keeps from DKG run {@code runId}, if anything (read from its KV store). */
    public java.util.Optional<DkgResult> dkgResult(int index, String runId) {
        MinerNode m = miner(index);
        return new DkgResults(m.kv(), new DkgIdentity(m.identityKey()), rng).load(runId);
    }

    /** A DKG run among all miners, started by the requester (a trusted initiator); returns what it made. */
    private String dkg(KeyType type, String curve) {
        Event start = dkgStart(type, curve);
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
                    try { // a result is there only once every miner confirmed the same round-1 transcript
                        stores.get(m.index).load(start.id()).ifPresent(r -> results.put(m.index, r));
                    } catch (DkgStateException e) {
                        throw new DevnetException(type.wireName() + " DKG run " + start.id() + " at miner " + m.index
                                + ": " + e.getMessage() + " (see " + log.path() + ")");
                    }
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
            results.forEach((i, r) -> keys.put(i, (DkgResult.Frost) r));
            return "group key " + Nip19.encodeNpub(federation.groupPubkeyHex()) + " (run " + start.id() + ")";
        }
        if (type == KeyType.ELECTION_SECP256K1) {
            results.forEach((i, r) -> electionKeys.put(i, (DkgResult.Election) r));
            return "election key " + Hex.encode(electionKeys.get(1).publicKeyPackage().groupPublicKey()
                    .encodeCompressed()) + " (run " + start.id() + ")";
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

    // ---- functions ----------------------------------------------------------------------------------------

    public String installFunctions() {
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
            MinerFunctionSet.create(settings, m.kv(), m.nonceJournal(), secrets, config.sendsInvalidShares(m.index), rng, clock)
                    .forEach((fn, families) -> m.install(functionLayer.apply(m.index, fn), families));
        }
        state.write(config.dataDir());
        return "signer, roast-orchestrator, dta-function, mpin-function and vote on each miner; coordinator miner "
                + config.coordinator();
    }

    // ---- driving it ---------------------------------------------------------------------------------------

    /**
     * The PoL service's signed request to every miner (one event, or one sealed to each miner); the answers of
     * {@code answerKind} as {@code reader} (the service or the app) sees them on the PoL relay, once every miner
     * answered or the step's time is up.
     */
    List<Event> askMiners(List<Event> requests, int answerKind, RelayClient reader) {
        requests.forEach(r -> publishToAll(asService, r));
        return reader.await(answering(requests, answerKind), miners.size(), config.stepTimeout());
    }

    /** Publishes {@code e} as the PoL service at every online miner's relay. */
    public void publishAsService(Event e) {
        publishToAll(asService, e);
    }

    /** Publishes {@code e} as the requester at every online miner's relay. */
    public void publishAsRequester(Event e) {
        publishToAll(asRequester, e);
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

    public static Predicate<Event> answering(Event request, int kind) {
        return answering(List.of(request), kind);
    }

    /** Events of {@code kind} answering any of {@code requests} (their {@code e} tag). */
    public static Predicate<Event> answering(List<Event> requests, int kind) {
        Set<String> ids = requests.stream().map(Event::id).collect(java.util.stream.Collectors.toSet());
        return e -> e.kind() == kind && ids.contains(e.firstTagValue("e").orElse(""));
    }

    void needThreshold(String what, ShareCollector.Collected c) {
        if (c.valid().size() < config.threshold()) {
            throw new DevnetException(what + ": only " + c.valid().size() + " valid shares (need "
                    + config.threshold() + "); forgers " + c.forgerIndices());
        }
    }

    List<DevnetReport.Miner> minerInfo() {
        List<DevnetReport.Miner> out = new ArrayList<>();
        for (MinerNode m : miners) {
            String role = config.isOffline(m.index) ? "offline" : config.sendsInvalidShares(m.index)
                    ? "invalid-shares" : m.index == config.coordinator() ? "coordinator" : "honest";
            out.add(new DevnetReport.Miner(m.index, Nip19.encodeNpub(m.pubkey), m.url(), role));
        }
        return out;
    }

    // ---- what a caller may read -------------------------------------------------------------------------

    public DevnetConfig config() {
        return config;
    }

    public List<MinerNode> miners() {
        return List.copyOf(miners);
    }

    /** Miner {@code index} (1-based). */
    public MinerNode miner(int index) {
        return miners.get(index - 1);
    }

    public MinerNode coordinator() {
        return miner(config.coordinator());
    }

    public Federation federation() {
        return federation;
    }

    public DtaFederation dtaFederation() {
        return dtaFederation;
    }

    public DevnetState state() {
        return state;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String polRelayUrl() {
        return polServer == null ? null : polServer.url();
    }

    KeyValueStore polKv() {
        return polKv;
    }

    RelayClient serviceOnPol() {
        return serviceOnPol;
    }

    RelayClient appOnPol() {
        return appOnPol;
    }

    /** The requester's connection to the coordinator's relay, subscribed to presignatures, starts and results. */
    public RelayClient requesterOnCoordinator() {
        return requesterOnCoordinator;
    }

    /** The requester's secret key: the federation's allow-listed initiator of DKGs and sign requests. */
    public byte[] requesterKey() {
        return requesterSk.clone();
    }

    /** The PoL service's secret key (it signs proof-of-life claims). */
    public byte[] polServiceKey() {
        return serviceSk.clone();
    }

    public byte[] appKey() {
        return appSk.clone();
    }

    public byte[] demoClientKey() {
        return clientSk.clone();
    }

    public SecureRandom rng() {
        return rng;
    }

    public Clock clock() {
        return clock;
    }

    public HttpClient http() {
        return http;
    }

    /** Opens a client of {@code url} authenticated as {@code key}; closed with the federation. */
    public RelayClient openClient(String url, byte[] key) {
        return track(RelayClient.open(http, url, MinerKey.of(key)));
    }

    /** A line for the detail log ({@code devnet.log}): hosts route their logging here. */
    public void log(String line) {
        log.line(line);
    }

    public Path logPath() {
        return log.path();
    }

    public String demoClientNsec() {
        return Nip19.encodeNsec(clientSk);
    }

    public Path dataDir() {
        return config.dataDir();
    }

    private <T extends AutoCloseable> T track(T c) {
        synchronized (closing) {
            closing.add(c);
        }
        return c;
    }

    public static String topicPrefix(int miner) {
        return "m" + miner;
    }

    private Path minerDir(int i) {
        return config.dataDir().resolve("miner-" + i);
    }

    public long now() {
        return clock.instant().getEpochSecond();
    }

    String requestId() {
        byte[] b = new byte[16];
        rng.nextBytes(b);
        return Hex.encode(b);
    }

    private byte[] key() {
        return Scalar.random(rng).encode();
    }

    public static String pubkey(byte[] sk) {
        return Hex.encode(Schnorr.publicKey(sk));
    }

    static void sleep(long ms) {
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
        List<AutoCloseable> all;
        synchronized (closing) {
            all = new ArrayList<>(closing);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
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
