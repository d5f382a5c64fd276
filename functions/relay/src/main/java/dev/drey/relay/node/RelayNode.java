package dev.drey.relay.node;

import dev.drey.runtime.metrics.DreyMetrics;
import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogConfig;
import dev.drey.kafka.Topics;
import dev.drey.relay.EventIndex;
import dev.drey.relay.IndexFeed;
import dev.drey.relay.MinerKey;
import dev.drey.relay.EventPolicy;
import dev.drey.relay.Relay;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.RosterMember;
import dev.drey.relay.SubscriptionRegistry;
import dev.drey.relay.gateway.GatewaySettings;
import dev.drey.relay.gateway.GatewayState;
import dev.drey.relay.gateway.OutboxPublisher;
import dev.drey.relay.gateway.PeerPull;
import dev.drey.relay.kafka.KafkaEventSink;
import dev.drey.relay.kafka.KafkaIndexFeeder;
import dev.drey.relay.kafka.KafkaProbe;
import dev.drey.relay.store.MvStoreEventIndex;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * One miner's relay with its Kafka log, without any server: the relay core over a
 * {@link KafkaEventSink}, the MVStore index filled by a {@link KafkaIndexFeeder}, and (with a
 * miner key) peer pull from every roster member with a relay URL and the outbox publisher. Host
 * it with {@code RelayServer} (plain Vert.x) or the Quarkus app. Peer pull starts only once the
 * index has caught up with the log, so its duplicate check sees everything already stored.
 */
public final class RelayNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayNode.class.getName());
    private static final int QUERY_THREADS = 2;
    private static final int QUERY_QUEUE = 1024;

    private final RelayNodeSettings settings;
    private final Topics topics;
    private final EventLog log;
    private final MvStoreEventIndex index;
    private final GatewayState state;
    private final ExecutorService queries;
    private final Relay relay;
    private final KafkaIndexFeeder feeder;
    private final KafkaProbe probe;
    private final ScheduledExecutorService gateway;
    private final HttpClient http;
    private final List<PeerPull> peers = new ArrayList<>();
    private volatile OutboxPublisher outbox;
    private volatile boolean closed;

    private RelayNode(RelayNodeSettings s, DreyMetrics metrics) {
        this.settings = s;
        this.topics = Topics.withPrefix(s.topicPrefix());
        this.log = new EventLog(EventLogConfig.of(s.bootstrapServers()).withTopics(topics)
                .withDeliveryTimeout(s.deliveryTimeout()).withClientSettings(s.kafkaClient()));
        try {
            log.ensureTopics();
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        this.index = s.dataDir().map(d -> MvStoreEventIndex.open(d.resolve("index")))
                .orElseGet(MvStoreEventIndex::inMemory);
        this.state = s.dataDir().map(d -> GatewayState.open(d.resolve("gateway"))).orElseGet(GatewayState::inMemory);
        SubscriptionRegistry live = new SubscriptionRegistry();
        // Bounded: a flood of REQs across connections is refused ("busy") instead of queueing without end.
        this.queries = new ThreadPoolExecutor(QUERY_THREADS, QUERY_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUERY_QUEUE), daemon("relay-query"), new ThreadPoolExecutor.AbortPolicy());
        this.relay = Relay.privateRelay(s.relay(), new KafkaEventSink(log), index, live, queries, metrics);
        this.feeder = new KafkaIndexFeeder(s.bootstrapServers(), s.kafkaClient(), topics.eventTopics(), index,
                new IndexFeed(index, live), Duration.ofSeconds(30)).start();
        this.probe = new KafkaProbe(s.bootstrapServers(), s.kafkaClient(), Duration.ofSeconds(2));
        this.gateway = Executors.newSingleThreadScheduledExecutor(daemon("relay-gateway"));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        if (s.minerKey().isPresent()) {
            MinerKey me = s.minerKey().get();
            feeder.caughtUp().thenRun(() -> startGateway(me));
        } else if (s.relay().roster().stream().anyMatch(m -> m.relayUrl().isPresent())) {
            LOG.log(Level.WARNING, "no miner secret key configured: peer pull and outbox are off");
        }
    }

    /** Connects to Kafka (creating missing topics), opens the index and starts feeding it. */
    public static RelayNode start(RelayNodeSettings settings) {
        return start(settings, DreyMetrics.NONE);
    }

    /** As {@link #start(RelayNodeSettings)}, the relay's events counted in {@code metrics}. */
    public static RelayNode start(RelayNodeSettings settings, DreyMetrics metrics) {
        return new RelayNode(settings, metrics);
    }

    private synchronized void startGateway(MinerKey me) {
        if (closed) {
            return;
        }
        GatewaySettings g = settings.gateway();
        EventPolicy admission = PeerPull.admission(settings.relay());
        LongSupplier clock = System::currentTimeMillis;
        for (RosterMember m : settings.relay().roster()) {
            if (m.relayUrl().isEmpty() || m.pubkey().equals(me.pubkey())) {
                continue;
            }
            peers.add(new PeerPull(m.pubkey(), m.relayUrl().get(), me, relay, state, gateway, settings.backoff(),
                    http, clock, settings.pullOverlap(), admission, g.perPeer()).start());
        }
        outbox = new OutboxPublisher(settings.bootstrapServers(), settings.kafkaClient(), topics.outbox(), me, state,
                gateway, settings.backoff(), http, clock, g, outboxRelays(settings.relay(), g)).start();
        LOG.log(Level.INFO, "gateway started: pulling from " + peers.size() + " peer relays; outbox on");
    }

    /** Where the outbox may publish: the roster's relays and the configured outbox relays, nothing else. */
    static Set<String> outboxRelays(RelayConfig config, GatewaySettings g) {
        Set<String> urls = new LinkedHashSet<>(g.outboxRelays());
        config.roster().forEach(m -> m.relayUrl().ifPresent(urls::add));
        return urls;
    }

    /** Waits until the index holds everything that was in the log at start. */
    public void awaitCaughtUp(Duration max) throws TimeoutException {
        try {
            feeder.caughtUp().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public Relay relay() {
        return relay;
    }

    public EventIndex index() {
        return index;
    }

    public Topics topics() {
        return topics;
    }

    /** The producer this node appends with (tests and functions may put records on the outbox). */
    public EventLog log() {
        return log;
    }

    public GatewayState state() {
        return state;
    }

    public KafkaIndexFeeder feeder() {
        return feeder;
    }

    public synchronized List<PeerPull> peers() {
        return List.copyOf(peers);
    }

    /** The outbox publisher, once the gateway started (null before, or without a miner key). */
    public OutboxPublisher outbox() {
        return outbox;
    }

    /** The readiness probe's admin client. */
    public KafkaProbe probe() {
        return probe;
    }

    /** Whether Kafka answers now (readiness). */
    public KafkaProbe.Result kafkaHealth() {
        return probe.check();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        peers.forEach(PeerPull::close);
        if (outbox != null) {
            outbox.close();
        }
        gateway.shutdown();
        try {
            gateway.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feeder.close();
        queries.shutdownNow();
        probe.close();
        log.close();
        index.close();
        state.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
