package dev.drey.devnet;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgIdentity;
import dev.drey.dkg.DkgResult;
import dev.drey.dkg.DkgResults;
import dev.drey.dkg.DkgKinds;
import dev.drey.dkg.DkgMessageException;
import dev.drey.dkg.KeyType;
import dev.drey.dkg.TranscriptConfirmation;
import dev.drey.devnet.processes.Artifacts;
import dev.drey.devnet.processes.ChaosAction;
import dev.drey.devnet.processes.ProcessInfo;
import dev.drey.devnet.processes.ProcessSpec;
import dev.drey.devnet.processes.ProcessSupervisor;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.KeyValueStores;
import dev.drey.kv.KvConfig;
import dev.drey.nostr.Nip19;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SessionStart;
import dev.drey.roast.SignatureResult;
import dev.drey.roast.SignatureShareMessage;
import java.util.TreeMap;
import dev.drey.miner.DkgFunction;
import dev.drey.miner.MinerFunctions;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.Filter;
import dev.drey.relay.MinerKey;
import dev.drey.relay.client.RelayClient;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The federation of {@code drey devnet --processes}: every deployable its own OS process under a
 * {@link ProcessSupervisor}, configured only as a deployment is (environment variables, the passphrase-sealed key
 * file and its passphrase file, the routing of the federation), and driven only as a client over the relays.
 *
 * <p>The process split, per miner: its relay ({@code relay-ingest}); its functions from the function artifact, one
 * process per {@code DREY_FUNCTION} (that artifact runs one function per process). Before the DKGs a miner has
 * only its identity key, so the function it can run is the DKG function; the signer, orchestrator, DTA and
 * M-Pin processes need the DKG results moved into the key file ({@code drey keyfile add --dkg-run}) and are not
 * started by this class yet. Plus one broker process for the whole devnet.
 */
public final class ProcessFederation implements AutoCloseable {
    /** Small heaps and the C1 compiler only: 2 cores and a dozen JVMs. */
    private static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

    private final DevnetConfig config;
    private final Artifacts artifacts;
    private final ProcessSupervisor supervisor;
    private final Consumer<String> progress;
    private final SecureRandom rng = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final byte[] requesterSk;
    private final List<byte[]> minerSks = new ArrayList<>();
    private final List<String> relayUrls = new ArrayList<>();
    private final List<ChaosAction> chaos = new ArrayList<>();
    private String bootstrap;
    private String frostRun;
    private Federation federation;
    private final byte[] polServiceSk;
    private final byte[] demoClientSk;

    public ProcessFederation(DevnetConfig config, Artifacts artifacts, Consumer<String> progress) {
        this.config = config;
        this.artifacts = artifacts;
        this.progress = progress;
        this.supervisor = new ProcessSupervisor(progress, Duration.ofSeconds(Math.max(180,
                config.stepTimeout().toSeconds())));
        this.requesterSk = Scalar.random(rng).encode();
        this.polServiceSk = Scalar.random(rng).encode();
        this.demoClientSk = Scalar.random(rng).encode();
        for (int i = 0; i < config.miners(); i++) {
            minerSks.add(Scalar.random(rng).encode());
        }
    }

    /** The broker as its own JVM on a fixed port, its log under {@code kafka/}. */
    public String startBroker() {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(artifacts.java().toString()));
        cmd.addAll(JVM_FLAGS.stream().map(f -> f.startsWith("-Xmx") ? "-Xmx512m" : f).toList());
        cmd.addAll(List.of("-cp", artifacts.brokerClassPath(), "dev.drey.kafka.EmbeddedKafkaMain", "--port",
                Integer.toString(port), "--data", config.dataDir().resolve("kafka").resolve("log").toString()));
        supervisor.start(new ProcessSpec(0, "kafka", cmd, Map.of(), config.dataDir().resolve("kafka"),
                logFile("kafka"), URI.create("tcp://127.0.0.1:" + port), null));
        bootstrap = "127.0.0.1:" + port;
        return "broker on " + bootstrap;
    }

    /** Every miner's relay from the relay artifact; started together, then each awaited. */
    public String startRelays() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 1; i <= config.miners(); i++) {
            int port = freePort();
            ports.add(port);
            relayUrls.add("ws://127.0.0.1:" + port);
        }
        List<String> roster = routing();
        List<ProcessSpec> specs = new ArrayList<>();
        for (int i = 1; i <= config.miners(); i++) {
            int port = ports.get(i - 1);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("RELAY_NAME", "drey devnet miner " + i);
            env.put("RELAY_PUBLIC_URL", relayUrls.get(i - 1));
            // relay-ingest reads its identity key only from this setting today (issue 14: seal it like the
            // functions' keys); the environment of a child process is readable by this user only
            env.put("RELAY_SECRET_KEY", Hex.encode(minerSks.get(i - 1)));
            env.put("RELAY_DATA_DIR", minerDir(i).resolve("relay").toString());
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("RELAY_KAFKA_TOPIC_PREFIX", DevnetFederation.topicPrefix(i));
            env.put("RELAY_ROSTER", String.join(",", roster));
            env.put("RELAY_ALLOW_LIST", DevnetFederation.pubkey(requesterSk));
            specs.add(new ProcessSpec(i, "relay", javaJar(artifacts.relayJar()), env, minerDir(i),
                    logFile("miner-" + i + "-relay"), health(port), metrics(port)));
        }
        supervisor.startAll(specs);
        return config.miners() + " relays on " + relayUrls.get(0) + " .. " + relayUrls.get(relayUrls.size() - 1);
    }

    /** Every miner's DKG function from the function artifact, reading its identity key from its sealed key file. */
    public String startDkgFunctions() {
        String initiator = DevnetFederation.pubkey(requesterSk);
        List<ProcessSpec> specs = new ArrayList<>();
        for (int i = 1; i <= config.miners(); i++) {
            Map<SecretKind, byte[]> entries = new EnumMap<>(SecretKind.class);
            entries.put(SecretKind.IDENTITY_KEY, minerSks.get(i - 1).clone());
            MinerFunctionSet.writeKeyFile(minerDir(i), new SecretBundle(entries), rng);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(MinerFunctions.FUNCTION, DkgFunction.NAME);
            settings.put(MinerFunctions.DKG_INITIATORS, initiator);
            settings.put(MinerFunctions.ROSTER, String.join(",", routing()));
            settings.put(MinerFunctions.DEFAULT_RELAYS, relayUrls.get(i - 1));
            settings.put(SecretStores.PATH, minerDir(i).resolve(MinerFunctionSet.KEY_FILE).toString());
            settings.put(SecretStores.PASSPHRASE_FILE, minerDir(i).resolve(MinerFunctionSet.PASSPHRASE_FILE).toString());
            settings.put(KvConfig.PATH, dkgKvPath(i).toString());
            settings.put("drey.kafka.topic-prefix", DevnetFederation.topicPrefix(i));
            settings.put("drey.adapter", "local");
            int port = freePort();
            Map<String, String> env = environment(settings);
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            specs.add(new ProcessSpec(i, DkgFunction.NAME, javaJar(artifacts.functionJar()), env, minerDir(i),
                    logFile("miner-" + i + "-" + DkgFunction.NAME), health(port), metrics(port)));
        }
        supervisor.startAll(specs);
        return DkgFunction.NAME + " function on each miner";
    }

    /**
     * A FROST DKG among the miners' DKG function processes, driven and observed only over the relays: the requester
     * (the trusted initiator) publishes the start request at every relay; the run is complete when every miner's
     * transcript confirmation (kind 3413) is on the relays, all naming the same round-1 transcript.
     */
    public String dkgFrost() {
        List<String> pubkeys = minerSks.stream().map(DevnetFederation::pubkey).toList();
        Event start = DevnetFederation.dkgStart(KeyType.FROST_BIP340, "", config.threshold(), pubkeys, now(),
                requesterSk, rng);
        List<RelayClient> clients = new ArrayList<>();
        try {
            for (String url : relayUrls) {
                RelayClient c = RelayClient.open(http, url, MinerKey.of(requesterSk));
                clients.add(c);
                c.subscribe("dkg", Filter.builder().kinds(DkgKinds.CONFIRMATION).tag('e', start.id()).build());
                c.publish(start);
            }
            Map<String, String> transcripts = new LinkedHashMap<>();
            long deadline = System.nanoTime() + config.stepTimeout().toNanos();
            while (transcripts.size() < pubkeys.size()) {
                for (RelayClient c : clients) {
                    for (Event e : c.received()) {
                        if (pubkeys.contains(e.pubkey())) {
                            confirmation(e, start.id()).ifPresent(t -> transcripts.put(e.pubkey(),
                                    Hex.encode(t.transcript())));
                        }
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new DevnetException("FROST DKG run " + start.id() + ": " + transcripts.size() + " of "
                            + pubkeys.size() + " miners confirmed within " + config.stepTimeout().toSeconds()
                            + " s (see " + config.dataDir().resolve("logs") + ")");
                }
                DevnetFederation.sleep(200);
            }
            if (transcripts.values().stream().distinct().count() != 1) {
                throw new DevnetException("FROST DKG run " + start.id() + ": the miners confirmed different round-1 "
                        + "transcripts");
            }
            frostRun = start.id();
            return "run " + start.id() + ": " + transcripts.size() + " miners confirmed one transcript";
        } finally {
            clients.forEach(RelayClient::close);
        }
    }

    /**
     * What each operator does after a DKG ({@code drey keyfile add --dkg-run}): stop the DKG function, take the
     * confirmed share from its KV store (sealed under the identity key) into the key file. The group key must be
     * the same at every miner.
     */
    public String takeFrostShares() {
        if (frostRun == null) {
            throw new DevnetException("no FROST DKG run completed");
        }
        Map<Integer, DkgResult.Frost> results = new TreeMap<>();
        for (int i = 1; i <= config.miners(); i++) {
            supervisor.stop("miner-" + i + "/" + DkgFunction.NAME);
            Map<String, String> kvSettings = Map.of(KvConfig.PATH, dkgKvPath(i).toString());
            try (KeyValueStore kv = KeyValueStores.open(KvConfig.from(kvSettings, Map.of()))) {
                int index = i;
                DkgResult r = new DkgResults(kv, new DkgIdentity(minerSks.get(i - 1)), rng).load(frostRun)
                        .orElseThrow(() -> new DevnetException("miner " + index + " has no confirmed share of run "
                                + frostRun));
                results.put(i, (DkgResult.Frost) r);
            }
        }
        PublicKeyPackage group = results.get(1).publicKeyPackage();
        Map<Identifier, String> members = new TreeMap<>();
        for (Map.Entry<Integer, DkgResult.Frost> r : results.entrySet()) {
            if (!r.getValue().publicKeyPackage().groupPublicKey().equals(group.groupPublicKey())) {
                throw new DevnetException("miners disagree on the group key after the DKG");
            }
            members.put(r.getValue().keyPackage().identifier(), DevnetFederation.pubkey(minerSks.get(r.getKey() - 1)));
            Map<SecretKind, byte[]> entries = new EnumMap<>(SecretKind.class);
            entries.put(SecretKind.IDENTITY_KEY, minerSks.get(r.getKey() - 1).clone());
            entries.put(SecretKind.FROST_SHARE, r.getValue().keyPackage().signingShare().encode());
            MinerFunctionSet.writeKeyFile(minerDir(r.getKey()), new SecretBundle(entries), rng);
        }
        federation = new Federation(group, members);
        return "frost-share in every key file; group key " + Nip19.encodeNpub(federation.groupPubkeyHex());
    }

    /** Every miner's signer, and the coordinator's orchestrator, from the function artifact and the key files. */
    public String startSigners() {
        String coordinator = DevnetFederation.pubkey(minerSks.get(config.coordinator() - 1));
        DevnetState state = new DevnetState(bootstrap, config.threshold(), DevnetFederation.pubkey(requesterSk),
                DevnetFederation.pubkey(polServiceSk), routing()).withFederation(federation, coordinator,
                DevnetFederation.pubkey(demoClientSk), List.of(), config.curve().id());
        List<ProcessSpec> specs = new ArrayList<>();
        for (int i = 1; i <= config.miners(); i++) {
            specs.add(functionSpec(i, MinerFunctions.SIGNER, state));
        }
        specs.add(functionSpec(config.coordinator(), MinerFunctions.ORCHESTRATOR, state));
        supervisor.startAll(specs);
        return "signer on each miner, roast-orchestrator on the coordinator (miner " + config.coordinator() + ")";
    }

    private ProcessSpec functionSpec(int i, String function, DevnetState state) {
        String pubkey = DevnetFederation.pubkey(minerSks.get(i - 1));
        Map<String, String> settings = new LinkedHashMap<>(MinerFunctionSet.settings(state, pubkey, minerDir(i)));
        settings.put(MinerFunctions.FUNCTION, function);
        settings.put(KvConfig.PATH, minerDir(i).resolve(function).resolve("kv.mv.db").toString());
        settings.put("drey.kafka.topic-prefix", DevnetFederation.topicPrefix(i));
        settings.put("drey.adapter", "local");
        int port = freePort();
        Map<String, String> env = environment(settings);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new ProcessSpec(i, function, javaJar(artifacts.functionJar()), env, minerDir(i),
                logFile("miner-" + i + "-" + function), health(port), metrics(port));
    }

    /**
     * ROAST signs a message (purpose {@value Devnet#PURPOSE_MESSAGE}) for the requester, observed on the
     * coordinator's relay; with {@code chaosTarget} that miner's signer process is SIGKILLed right after the
     * request went out, and must be restarted. The signature must verify under the group key.
     */
    public String roastSign(int chaosTarget) {
        byte[] message = new byte[32];
        rng.nextBytes(message);
        String coordinator = DevnetFederation.pubkey(minerSks.get(config.coordinator() - 1));
        SignRequest draft = new SignRequest("0".repeat(64), message, Devnet.PURPOSE_MESSAGE, List.of(coordinator),
                null, null);
        Event request = RoastCodec.template(draft, now(), new ArrayList<>(federation.memberPubkeys().values()))
                .sign(requesterSk, rng);
        String coordinatorUrl = relayUrls.get(config.coordinator() - 1);
        List<RelayClient> others = new ArrayList<>();
        try (RelayClient watch = RelayClient.open(http, coordinatorUrl, MinerKey.of(requesterSk))) {
            Filter run = Filter.builder().kinds(RoastKinds.SESSION_START, RoastKinds.SIGNATURE_SHARE,
                    RoastKinds.SIGNATURE_RESULT).tag('e', request.id()).build();
            watch.subscribe("roast", run);
            for (String url : relayUrls) {
                RelayClient c = RelayClient.open(http, url, MinerKey.of(requesterSk));
                others.add(c);
                c.subscribe("roast", run); // session starts are on the signers' relays
                c.publish(request);
            }
            boolean recovered = true;
            String target = chaosTarget == 0 ? null : "miner-" + chaosTarget + "/" + MinerFunctions.SIGNER;
            if (target != null) {
                int before = supervisor.restarts(target);
                supervisor.kill(target);
                recovered = supervisor.awaitRecovered(target, before, Duration.ofSeconds(180));
            }
            List<Event> results = watch.await(e -> e.kind() == RoastKinds.SIGNATURE_RESULT, 1, config.stepTimeout()
                    .plusSeconds(120));
            if (target != null) {
                chaos.add(new ChaosAction("sigkill", target, "roast-sign", recovered && !results.isEmpty()));
                if (!recovered) {
                    throw new DevnetException(target + " did not come back after SIGKILL");
                }
            }
            if (results.isEmpty()) {
                throw new DevnetException("no signature result for request " + request.id() + " on "
                        + coordinatorUrl + " (see " + config.dataDir().resolve("logs") + ")");
            }
            SignatureResult result = (SignatureResult) RoastCodec.decode(results.get(0));
            if (!result.succeeded()) {
                throw new DevnetException("ROAST failed: " + result.reason() + "; culprits " + result.culprits());
            }
            if (!Schnorr.verify(Hex.decode(federation.groupPubkeyHex()), message, result.signature())) {
                throw new DevnetException("the ROAST signature does not verify under the group key");
            }
            DevnetFederation.sleep(1000); // the last session start may reach a signer's relay after the result
            List<Event> seen = new ArrayList<>(watch.received());
            others.forEach(c -> seen.addAll(c.received()));
            String nonces = noNonceUsedTwice(seen, request.id());
            return "message signed in session " + result.sessionId() + "; " + nonces + "; BIP-340 signature verifies under "
                    + Nip19.encodeNpub(federation.groupPubkeyHex()) + (target == null ? "" : "; " + target
                    + " SIGKILLed and restarted meanwhile");
        } finally {
            others.forEach(RelayClient::close);
        }
    }

    /**
     * No nonce used twice, as an outsider sees it on the coordinator's relay: across the run's session starts no
     * signer's commitments appear in two sessions, and no signer sent two different shares for one session (a
     * restarted signer re-sending the same share event is fine: same event id).
     */
    static String noNonceUsedTwice(List<Event> seen, String requestId) {
        Map<String, Integer> commitmentSession = new LinkedHashMap<>();
        Map<String, String> shareOf = new LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        int sessions = 0;
        for (Event e : seen) {
            if (!ids.add(e.id()) || !e.verify().isValid()) {
                continue;
            }
            if (e.kind() == RoastKinds.SESSION_START && RoastCodec.decode(e) instanceof SessionStart start
                    && start.requestId().equals(requestId)) {
                sessions++;
                for (Identifier signer : start.signers()) {
                    String key = Hex.encode(start.commitmentsOf(signer).encode());
                    Integer earlier = commitmentSession.putIfAbsent(key, start.sessionId());
                    if (earlier != null && earlier != start.sessionId()) {
                        throw new DevnetException("nonce reuse: signer " + signer + "'s commitments are in sessions "
                                + earlier + " and " + start.sessionId() + " of request " + requestId);
                    }
                }
            } else if (e.kind() == RoastKinds.SIGNATURE_SHARE
                    && RoastCodec.decode(e) instanceof SignatureShareMessage share
                    && share.requestId().equals(requestId)) {
                String slot = e.pubkey() + "/" + share.sessionId();
                String earlier = shareOf.putIfAbsent(slot, Hex.encode(share.share()));
                if (earlier != null && !earlier.equals(Hex.encode(share.share()))) {
                    throw new DevnetException("nonce reuse: " + e.pubkey() + " sent two different shares in session "
                            + share.sessionId() + " of request " + requestId);
                }
            }
        }
        return sessions + " session(s), " + shareOf.size() + " share(s), no commitments in two sessions";
    }

    private Path dkgKvPath(int i) {
        return minerDir(i).resolve(DkgFunction.NAME).resolve("kv.mv.db");
    }

    /** {@code e} as a signed transcript confirmation of run {@code runId}; anything else (or malformed) is ignored. */
    private static java.util.Optional<TranscriptConfirmation> confirmation(Event e, String runId) {
        if (e.kind() != DkgKinds.CONFIRMATION || !e.verify().isValid()) {
            return java.util.Optional.empty();
        }
        try {
            return DkgCodec.decode(e) instanceof TranscriptConfirmation t && t.runId().equals(runId)
                    ? java.util.Optional.of(t) : java.util.Optional.empty();
        } catch (DkgMessageException bad) {
            return java.util.Optional.empty();
        }
    }

    /** The process name of miner {@code miner}'s relay, for {@link #killAndReadBack}. */
    public static String relay(int miner) {
        return "miner-" + miner + "/relay";
    }

    public static final String BROKER = "kafka";

    /**
     * Chaos: SIGKILLs process {@code target} (a relay, or {@link #BROKER}) right after miner {@code miner}'s relay
     * acknowledged an event ({@code OK true}), waits for the supervisor to restart it, and reads the event back from
     * that relay (its index is derived from the Kafka log): an acknowledged event is never lost.
     */
    public String killAndReadBack(String target, int miner, String atStep) {
        String url = relayUrls.get(miner - 1);
        Event probe = new EventTemplate(now(), 1, List.of(List.of("t", "drey-devnet-durability")),
                "acknowledged before " + target + " was killed").sign(requesterSk, rng);
        try (RelayClient c = RelayClient.open(http, url, MinerKey.of(requesterSk))) {
            c.publish(probe);
        }
        int before = supervisor.restarts(target);
        supervisor.kill(target);
        boolean recovered = supervisor.awaitRecovered(target, before, Duration.ofSeconds(180));
        boolean found = false;
        if (recovered) {
            try (RelayClient c = RelayClient.open(http, url, MinerKey.of(requesterSk))) {
                c.subscribe("probe", Filter.builder().ids(probe.id()).build());
                found = !c.await(e -> e.id().equals(probe.id()), 1, config.stepTimeout()).isEmpty();
            }
        }
        chaos.add(new ChaosAction("sigkill", target, atStep, recovered && found));
        if (!recovered) {
            throw new DevnetException(target + " did not come back after SIGKILL" + supervisor.failure()
                    .map(f -> ": " + f).orElse(""));
        }
        if (!found) {
            throw new DevnetException("event " + probe.id() + " was acknowledged by " + relay(miner)
                    + " and is gone after " + target + " was killed and restarted");
        }
        return target + " killed and restarted; event " + probe.id() + " acknowledged by " + relay(miner)
                + " before, read back after";
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    public List<ProcessInfo> processes() {
        return supervisor.processes();
    }

    public List<ChaosAction> chaos() {
        return List.copyOf(chaos);
    }

    public List<Long> livePids() {
        return supervisor.livePids();
    }

    public List<String> relayUrls() {
        return List.copyOf(relayUrls);
    }

    /** Routing of the federation as relays and functions read it: {@code pubkey@ws://...}, one per miner. */
    private List<String> routing() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < relayUrls.size(); i++) {
            out.add(DevnetFederation.pubkey(minerSks.get(i)) + "@" + relayUrls.get(i));
        }
        return out;
    }

    /** MicroProfile Config's environment form of each setting: {@code drey.kv.path} is {@code DREY_KV_PATH}. */
    static Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> env = new LinkedHashMap<>();
        settings.forEach((k, v) -> env.put(k.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT), v));
        return env;
    }

    private List<String> javaJar(Path jar) {
        List<String> cmd = new ArrayList<>(List.of(artifacts.java().toString()));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-jar", jar.toString()));
        return cmd;
    }

    private Path minerDir(int i) {
        return config.dataDir().resolve("miner-" + i);
    }

    private Path logFile(String name) {
        return config.dataDir().resolve("logs").resolve(name + ".log");
    }

    private static URI health(int port) {
        return URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    }

    private static URI metrics(int port) {
        return URI.create("http://127.0.0.1:" + port + "/q/metrics");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    @Override
    public void close() {
        supervisor.close();
        progress.accept("every process stopped; " + supervisor.livePids().size() + " still alive");
    }
}
