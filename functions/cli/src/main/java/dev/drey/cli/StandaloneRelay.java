package dev.drey.cli;

import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.KafkaClientSettings;
import dev.drey.relay.kafka.KafkaProbe;
import dev.drey.relay.MinerKey;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RelayLimits;
import dev.drey.relay.RosterMember;
import dev.drey.relay.node.RelayNode;
import dev.drey.relay.node.RelayNodeSettings;
import dev.drey.relay.server.RelayServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What {@code drey relay} runs: optional embedded broker, relay node, Vert.x host; closed in reverse. */
final class StandaloneRelay implements AutoCloseable {

    /** {@code publicUrl}: the URL AUTH events must name; null for {@code ws://host:port} as listened on. */
    record Options(String host, int port, List<String> allow, List<String> peers, String kafka, String topicPrefix,
            Path data, String secretKey, KafkaClientSettings kafkaClient, String publicUrl) {
        Options {
            kafkaClient = kafkaClient == null ? KafkaClientSettings.NONE : kafkaClient;
        }

        Options(String host, int port, List<String> allow, List<String> peers, String kafka, String topicPrefix,
                Path data, String secretKey, KafkaClientSettings kafkaClient) {
            this(host, port, allow, peers, kafka, topicPrefix, data, secretKey, kafkaClient, null);
        }

        Options(String host, int port, List<String> allow, List<String> peers, String kafka, String topicPrefix,
                Path data, String secretKey) {
            this(host, port, allow, peers, kafka, topicPrefix, data, secretKey, null);
        }
    }

    private final EmbeddedKafka broker;
    private final Vertx vertx;
    private final RelayNode node;
    private final RelayServer server;
    private final String bootstrapServers;
    private final Optional<String> minerPubkey;
    private final String host;

    private StandaloneRelay(String host, EmbeddedKafka broker, Vertx vertx, RelayNode node, RelayServer server,
            String bootstrapServers, Optional<String> minerPubkey) {
        this.host = host;
        this.broker = broker;
        this.vertx = vertx;
        this.node = node;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.minerPubkey = minerPubkey;
    }

    static StandaloneRelay start(Options o) {
        if (o.port() < 0 || o.port() > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535");
        }
        Optional<MinerKey> me = o.secretKey() == null ? Optional.empty() : Optional.of(MinerKey.parse(o.secretKey()));
        List<RosterMember> roster = o.peers().stream().map(RosterMember::parse).toList();
        Set<String> allowed = new LinkedHashSet<>(o.allow());
        me.ifPresent(k -> allowed.add(k.pubkey()));
        if (allowed.isEmpty() && roster.isEmpty()) {
            throw new IllegalArgumentException("--allow (or --peer / --secret-key) must name at least one key: "
                    + "the relay is private");
        }
        // The public URL must be known before the server starts: port 0 becomes a free port now.
        int port = o.port() == 0 ? freePort(o.host()) : o.port();
        String publicUrl = o.publicUrl() != null ? o.publicUrl() : dialUrl(o.host(), port);
        RelayConfig config = new RelayConfig(null, null, me.map(MinerKey::pubkey), Optional.empty(), allowed, roster,
                Set.of(), true, RelayLimits.DEFAULT, publicUrl);
        EmbeddedKafka broker = null;
        Vertx vertx = null;
        RelayNode node = null;
        try {
            String bootstrap = o.kafka();
            if (bootstrap == null) {
                EmbeddedKafka.Builder b = EmbeddedKafka.builder();
                if (o.data() != null) {
                    b.dataDir(o.data().resolve("kafka"));
                }
                broker = b.build().start();
                bootstrap = broker.bootstrapServers();
            }
            if (o.kafka() == null && !o.kafkaClient().values().isEmpty()) {
                throw new IllegalArgumentException("--kafka-config needs --kafka (the embedded broker is plain text)");
            }
            node = RelayNode.start(new RelayNodeSettings(config, bootstrap, o.topicPrefix(),
                    Optional.ofNullable(o.data()), me, null, null, null).withKafkaClient(o.kafkaClient()));
            vertx = Vertx.vertx();
            RelayServer server = RelayServer.start(vertx, node.relay(), o.host(), port);
            return new StandaloneRelay(o.host(), broker, vertx, node, server, bootstrap, me.map(MinerKey::pubkey));
        } catch (RuntimeException e) {
            if (vertx != null) {
                vertx.close();
            }
            if (node != null) {
                node.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /** The URL clients dial; a wildcard listen address is reached on the loopback interface. */
    String url() {
        return dialUrl(host, server.port());
    }

    private static String dialUrl(String host, int port) {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "ws://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    private static int freePort(String host) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("no free port on " + host + ": " + e.getMessage());
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether Kafka answers now, with this relay's client settings. */
    KafkaProbe.Result kafkaHealth() {
        return node.kafkaHealth();
    }

    Optional<String> minerPubkey() {
        return minerPubkey;
    }

    List<String> allowedKeys() {
        return List.copyOf(node.relay().config().allowedKeys());
    }

    RelayNode node() {
        return node;
    }

    @Override
    public void close() {
        server.close();
        vertx.close();
        node.close();
        if (broker != null) {
            broker.close();
        }
    }
}
