package dev.drey.devnet;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgKinds;
import dev.drey.dkg.DkgMessageException;
import dev.drey.dkg.KeyType;
import dev.drey.dkg.TranscriptConfirmation;
import dev.drey.devnet.processes.Artifacts;
import dev.drey.devnet.processes.ChaosAction;
import dev.drey.devnet.processes.ProcessInfo;
import dev.drey.devnet.processes.ProcessSpec;
import dev.drey.devnet.processes.ProcessSupervisor;
import dev.drey.kv.KvConfig;
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

    public ProcessFederation(DevnetConfig config, Artifacts artifacts, Consumer<String> progress) {
        this.config = config;
        this.artifacts = artifacts;
        this.progress = progress;
        this.supervisor = new ProcessSupervisor(progress, Duration.ofSeconds(Math.max(180,
                config.stepTimeout().toSeconds())));
        this.requesterSk = Scalar.random(rng).encode();
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
            settings.put(KvConfig.PATH, minerDir(i).resolve(DkgFunction.NAME).resolve("kv.mv.db").toString());
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
            return "run " + start.id() + ": " + transcripts.size() + " miners confirmed one transcript";
        } finally {
            clients.forEach(RelayClient::close);
        }
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
