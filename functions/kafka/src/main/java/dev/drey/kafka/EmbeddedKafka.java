package dev.drey.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running inside
 * this JVM, for tests, devnet and {@code drey relay} without {@code --kafka}. Plain text on
 * 127.0.0.1 only: it is a local log, not a service to expose.
 *
 * <p>The client port is fixed after the first start (chosen free unless given), so a broker can
 * be stopped and started again on the same data directory and the same address; producers that
 * kept running reconnect to it. A caller-given data directory survives {@link #close()}; without
 * one a temporary directory is used and deleted on close.
 *
 * <p>Start, stop and close are synchronized: a stop from another thread waits for a start in
 * progress. Kafka itself halts the JVM on a fatal storage or metadata fault, as a broker process
 * would; that is the one way this class can end its host.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String PLAIN_LISTENER = "PLAINTEXT";
    private static final String SASL_LISTENER = "SASL_PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean temporary;
    private final Map<String, String> overrides;
    private final SaslUser saslUser;
    private int port;
    private KafkaRaftServer server;
    private Duration lastStartTime = Duration.ZERO;

    /** The one account of a SASL/PLAIN broker (clients and the broker itself use it). */
    private record SaslUser(String username, String password) {
        /** A client's login. */
        String jaasConfig() {
            return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + username
                    + "\" password=\"" + password + "\";";
        }

        /** The broker's own login plus the accounts it accepts ({@code user_<name>="<password>"}). */
        String brokerJaasConfig() {
            return jaasConfig().replaceFirst(";$", " user_" + username + "=\"" + password + "\";");
        }

        @Override
        public String toString() {
            return "SaslUser[" + username + ", password redacted]";
        }
    }

    private EmbeddedKafka(Path dataDir, boolean temporary, int port, Map<String, String> overrides,
            SaslUser saslUser) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.port = port;
        this.overrides = Map.copyOf(overrides);
        this.saslUser = saslUser;
    }

    /** A broker on a free port with a temporary data directory deleted on close. Not started. */
    public static EmbeddedKafka temporary() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the broker keeps its log and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /** The client port; 0 until the first start when no port was given. */
    public synchronized int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, the value for {@code bootstrap.servers}. */
    public synchronized String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("the broker has no port yet: start it first");
        }
        return HOST + ":" + port;
    }

    /**
     * What a client needs besides {@link #bootstrapServers()}: nothing for a plain-text broker;
     * SASL_PLAINTEXT with PLAIN and the account's JAAS config for a {@link Builder#saslPlain} one.
     */
    public KafkaClientSettings clientSettings() {
        if (saslUser == null) {
            return KafkaClientSettings.NONE;
        }
        return KafkaClientSettings.of(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", saslUser.jaasConfig()));
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Wall time of the last successful {@link #start()}, up to the first answered metadata request. */
    public synchronized Duration lastStartTime() {
        return lastStartTime;
    }

    /**
     * Formats the data directory if it is new, starts the broker and returns once it answers a
     * metadata request. Starting a running broker is an error.
     */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            throw new IllegalStateException("the broker is already running on " + bootstrapServers());
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        if (port == 0) {
            port = freePort();
        } else {
            // Kafka would find out only after starting its controller, with a long stack trace.
            checkPortFree(port);
        }
        // A static single voter: the controller port is in the config only, never in the log,
        // so a fresh free port on each start is fine.
        int controllerPort = freePort();
        Properties props = brokerProperties(controllerPort);
        formatIfNew();
        KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            started.startup();
            awaitMetadata(t0);
        } catch (RuntimeException e) {
            shutdownQuietly(started);
            throw e instanceof EmbeddedKafkaException ? e
                    : new EmbeddedKafkaException("the embedded broker failed to start on " + HOST + ":" + port
                            + " with data in " + dataDir + ": " + e.getMessage(), e);
        }
        server = started;
        lastStartTime = Duration.ofNanos(System.nanoTime() - t0);
        return this;
    }

    /** Shuts the broker down cleanly (logs flushed, directory lock released). No-op when stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer s = server;
        server = null;
        s.shutdown();
        s.awaitShutdown();
    }

    /** Stops the broker and deletes the data directory if it was temporary. */
    @Override
    public synchronized void close() {
        stop();
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    private Properties brokerProperties(int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        String listener = saslUser == null ? PLAIN_LISTENER : SASL_LISTENER;
        p.put("listeners", listener + "://" + HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", listener + "://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", listener + ":" + listener + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", listener);
        if (saslUser != null) {
            // The client listener takes PLAIN only; the controller listener stays plain text on
            // loopback (it is not a client endpoint). The account is both the broker's own login
            // (inter-broker) and the one user it accepts.
            p.put("sasl.enabled.mechanisms", "PLAIN");
            p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", saslUser.brokerJaasConfig());
        }
        p.put("log.dirs", dataDir.toString());
        // One node: every internal topic must fit on it.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        // Topics are created on purpose (EventLog.ensureTopics), as on a managed cluster.
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.leader.rebalance.enable", "false");
        // Small files and few threads: a dev broker on a small machine.
        p.put("log.segment.bytes", Integer.toString(8 * 1024 * 1024));
        p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        // Fast, clean shutdown: the broker's controlled shutdown waits for a heartbeat round trip.
        p.put("broker.heartbeat.interval.ms", "200");
        p.put("broker.session.timeout.ms", "3000");
        p.put("controller.quorum.election.timeout.ms", "1000");
        p.put("controller.quorum.fetch.timeout.ms", "2000");
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private void formatIfNew() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .addDirectory(dataDir.toString())
                    .setMetadataLogDirectory(dataDir.toString())
                    .run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException("cannot format the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** KafkaRaftServer.startup() returns before the broker serves clients; wait until it does. */
    private void awaitMetadata(long t0) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "20");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "100");
        p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "20");
        clientSettings().applyTo(p);
        long deadline = t0 + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(p)) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedKafkaException("interrupted while waiting for the broker", e);
                } catch (Exception e) {
                    last = e;
                }
                sleep(20);
            }
            throw new EmbeddedKafkaException("the embedded broker did not answer a metadata request within "
                    + READY_TIMEOUT.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()), last);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException ignored) {
            // Already failing; the start error is the one worth reporting.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new EmbeddedKafkaException("the embedded broker failed to start on " + HOST + ":" + port
                    + ": the port is in use (" + e.getMessage() + ")", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while waiting for the broker", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new EmbeddedKafkaException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Options for an {@link EmbeddedKafka}. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private SaslUser saslUser;

        private Builder() {
        }

        /** Keep the log here (kept on close); by default a temporary directory deleted on close. */
        public Builder dataDir(Path dir) {
            if (dir != null && dir.toAbsolutePath().toString().contains(",")) {
                // log.dirs is a comma-separated list.
                throw new IllegalArgumentException("the data directory path must not contain a comma: " + dir);
            }
            this.dataDir = dir;
            return this;
        }

        /** The client port; 0 (the default) picks a free port at the first start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Any broker setting, applied last (e.g. {@code log.retention.hours}). */
        public Builder brokerProperty(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        /**
         * The client listener demands SASL/PLAIN (security protocol SASL_PLAINTEXT) and accepts
         * this one account. Names and passwords are letters, digits, {@code . _ -} (they are
         * quoted into a JAAS config).
         */
        public Builder saslPlain(String username, String password) {
            for (String[] v : new String[][] {{"username", username}, {"password", password}}) {
                if (v[1] == null || !v[1].matches("[A-Za-z0-9._-]+")) {
                    throw new IllegalArgumentException("the SASL " + v[0]
                            + " must be letters, digits, '.', '_' or '-' (at least one)");
                }
            }
            this.saslUser = new SaslUser(username, password);
            return this;
        }

        public EmbeddedKafka build() {
            if (dataDir != null) {
                return new EmbeddedKafka(dataDir.toAbsolutePath(), false, port, overrides, saslUser);
            }
            try {
                return new EmbeddedKafka(Files.createTempDirectory("drey-kafka-"), true, port, overrides, saslUser);
            } catch (IOException e) {
                throw new EmbeddedKafkaException("cannot create a temporary data directory: " + e.getMessage(), e);
            }
        }
    }
}
