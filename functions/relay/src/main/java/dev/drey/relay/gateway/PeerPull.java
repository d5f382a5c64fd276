package dev.drey.relay.gateway;

import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.relay.EventPolicies;
import dev.drey.relay.EventPolicy;
import dev.drey.relay.MinerKey;
import dev.drey.relay.RateLimit;
import dev.drey.relay.Rejection;
import dev.drey.relay.Relay;
import dev.drey.relay.RelayConfig;
import dev.drey.relay.SessionContext;
import dev.drey.relay.TokenBucket;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps a subscription on one peer's relay, authenticated (NIP-42) as this miner, for the events
 * {@code p}-tagged to this miner and for federation broadcasts (kinds 3400-3499), and stores what
 * arrives in this miner's log through {@link Relay#ingest} (signature checked, one append per event
 * id). A peer is not trusted more than a client: each new event must pass {@link #admission} (this
 * relay's allow-list and limits, a tighter created_at window for protocol kinds) and the peer's
 * token bucket; refused events are logged and counted and never reach Kafka, and a peer beyond its
 * rate is cut off and resumed after back-off. Stored results come in pages of {@link #PAGE}; when
 * a page is full the older rest is fetched with {@code until}. The checkpoint (highest
 * {@code created_at} received, never beyond now) is saved only once every backfill page ended and
 * every append was acknowledged; a reconnect resumes from it minus an overlap (late-published
 * events; duplicates cost nothing and use no rate). Failures reconnect with back-off.
 *
 * <p>All state lives on the given single-threaded scheduler; websocket callbacks hop onto it.
 */
public final class PeerPull implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeerPull.class.getName());
    public static final int PAGE = 500;
    public static final int FEDERATION_FIRST_KIND = 3400;
    public static final int FEDERATION_LAST_KIND = 3499;

    private final String peerKey;
    private final String peerUrl;
    private final MinerKey me;
    private final Relay relay;
    private final GatewayState state;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final HttpClient http;
    private final LongSupplier nowMillis;
    private final long overlapSeconds;
    private final EventPolicy admission;
    private final RateLimit perPeer;
    /** The peer's rate, kept across reconnects so a reconnect does not refill it. */
    private final TokenBucket bucket;

    // Scheduler thread only.
    private RelayConnection connection;
    private int generation;
    private int attempts;
    private boolean stopped;
    private final Map<String, Page> pages = new HashMap<>();
    private int pendingAppends;
    private long maxSeen = -1;
    private int pageCounter;
    private volatile long received;
    private volatile long refused;
    private volatile long rateLimited;
    /** The newest created_at (bounded by now) of an event this peer gave us, kept across reconnects; -1: none yet. */
    private volatile long newestPulled = -1;
    private int refusalsLogged;
    private volatile boolean connected;

    /** One REQ in progress: its filter (with since/until/limit) and what it returned so far. */
    private static final class Page {
        final Filter filter;
        final boolean live;
        int count;
        long oldest = Long.MAX_VALUE;
        boolean done;

        Page(Filter filter, boolean live) {
            this.filter = filter;
            this.live = live;
        }
    }

    /**
     * @param nowMillis the clock (unix milliseconds) for AUTH, the created_at window and the rate limit
     * @param admission what a new event must pass ({@link #admission(RelayConfig)})
     * @param perPeer   events per second (and burst) this peer may deliver
     */
    public PeerPull(String peerKey, String peerUrl, MinerKey me, Relay relay, GatewayState state,
            ScheduledExecutorService scheduler, Backoff backoff, HttpClient http, LongSupplier nowMillis,
            Duration overlap, EventPolicy admission, RateLimit perPeer) {
        this.peerKey = peerKey;
        this.peerUrl = peerUrl;
        this.me = me;
        this.relay = relay;
        this.state = state;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.http = http;
        this.nowMillis = nowMillis;
        this.overlapSeconds = overlap.toSeconds();
        this.admission = admission;
        this.perPeer = perPeer;
        this.bucket = new TokenBucket(perPeer, nowMillis.getAsLong());
    }

    /**
     * The rules a pulled event must pass, as for a client write to this relay, judged as if sent on an
     * unauthenticated connection (the peer relay, not the author, hands it over): this relay's limits
     * (tags, content, its created_at window, 15 minutes either way for protocol kinds); no AUTH
     * events; id and signature; this relay's allow-list (roster, service keys, clients). Gift wraps
     * (random authors; nothing in the protocol sends them over peer pull) and NIP-70 protected events
     * (only their author may publish them) are refused.
     */
    public static EventPolicy admission(RelayConfig config) {
        return EventPolicy.inOrder(List.of(
                EventPolicies.limits(config.limits()),
                EventPolicies.noAuthEvents(),
                EventPolicies.validIdAndSignature(),
                EventPolicies.allowList(config.allowedKeys()),
                EventPolicies.protectedEvents(),
                EventPolicies.giftWraps()));
    }

    public PeerPull start() {
        scheduler.execute(this::connect);
        return this;
    }

    public String peerUrl() {
        return peerUrl;
    }

    /** Events received from the peer (before dedupe). */
    public long received() {
        return received;
    }

    /** Events refused (not asked for, not admitted, or beyond the peer's rate) since start. */
    public long refused() {
        return refused;
    }

    /** Events refused because the peer went beyond its rate (each cut the connection) since start. */
    public long rateLimited() {
        return rateLimited;
    }

    /** The newest created_at (unix seconds, never in the future) pulled from this peer since start; -1 if none. */
    public long newestPulled() {
        return newestPulled;
    }

    /** The peer's public key (hex): the roster member this pull serves. */
    public String peerKey() {
        return peerKey;
    }

    public boolean isConnected() {
        return connected;
    }

    /** The filters pulled: what is addressed to this miner, and federation broadcasts. */
    static List<Filter> baseFilters(String me) {
        Set<Integer> kinds = new LinkedHashSet<>();
        for (int k = FEDERATION_FIRST_KIND; k <= FEDERATION_LAST_KIND; k++) {
            kinds.add(k);
        }
        return List.of(Filter.builder().tag('p', me).build(),
                new Filter(null, null, kinds, Map.of(), null, null, null));
    }

    private void connect() {
        if (stopped) {
            return;
        }
        int gen = ++generation;
        RelayConnection.Listener listener = new RelayConnection.Listener() {
            @Override
            public void onEvent(String sub, Event event) {
                scheduler.execute(() -> onEventReceived(gen, sub, event));
            }

            @Override
            public void onEose(String sub) {
                scheduler.execute(() -> onEoseReceived(gen, sub));
            }

            @Override
            public void onClosed(String sub, String reason) {
                scheduler.execute(() -> fail(gen, "subscription " + sub + " closed by the peer: " + reason));
            }
        };
        RelayConnection.open(http, peerUrl, me, listener, () -> nowMillis.getAsLong() / 1000, Duration.ofSeconds(10))
                .thenCompose(c -> c.authenticated().orTimeout(10, TimeUnit.SECONDS).thenApply(v -> c)
                        .whenComplete((v, e) -> {
                            if (e != null) {
                                c.close();
                            }
                        }))
                .whenComplete((c, e) -> scheduler.execute(() -> onConnected(gen, c, e)));
    }

    private void onConnected(int gen, RelayConnection c, Throwable error) {
        if (gen != generation || stopped) {
            if (c != null) {
                c.close();
            }
            return;
        }
        if (error != null) {
            fail(gen, "cannot connect: " + RelayConnectionErrors.describe(error));
            return;
        }
        connection = c;
        connected = true;
        refusalsLogged = 0;
        c.closed().whenComplete((reason, e) -> scheduler.execute(() -> fail(gen, "connection ended: " + reason)));
        pages.clear();
        pendingAppends = 0;
        maxSeen = -1;
        Long since = null;
        var checkpoint = state.peerCheckpoint(peerKey);
        if (checkpoint.isPresent()) {
            since = Math.max(0, checkpoint.getAsLong() - overlapSeconds);
        }
        List<Filter> base = baseFilters(me.pubkey());
        for (int i = 0; i < base.size(); i++) {
            Filter b = base.get(i);
            Filter f = new Filter(b.ids(), b.authors(), b.kinds(), b.tags(), since, null, PAGE);
            open("pull-" + i, new Page(f, true));
        }
    }

    private void open(String sub, Page page) {
        pages.put(sub, page);
        connection.subscribe(sub, List.of(page.filter));
    }

    private void onEventReceived(int gen, String sub, Event event) {
        Page page = pages.get(sub);
        if (gen != generation || page == null || stopped) {
            return;
        }
        received++;
        if (!page.filter.matches(event)) {
            refuse(event, "its subscription did not ask for it");
            return;
        }
        if (!page.done) {
            page.count++;
            page.oldest = Math.min(page.oldest, event.createdAt());
        }
        long now = nowMillis.getAsLong();
        if (relay.index().contains(event.id())) {
            // Stored already (the id is the content's hash): nothing to check, append or count.
            seen(event, now);
            maybeCheckpoint();
            return;
        }
        if (!bucket.tryTake(now)) {
            rateLimited++;
            refuse(event, "beyond the peer's rate of " + perPeer.perSecond() + " events/s (burst "
                    + perPeer.burst() + ")");
            fail(gen, "rate limit exceeded; the rest is pulled again after back-off");
            return;
        }
        Optional<Rejection> rejection = admission.check(event, new SessionContext(Set.of(), now));
        seen(event, now);
        if (rejection.isPresent()) {
            refuse(event, rejection.get().text());
            maybeCheckpoint();
            return;
        }
        pendingAppends++;
        relay.ingest(event).whenComplete((stored, e) -> scheduler.execute(() -> {
            if (gen != generation) {
                return;
            }
            pendingAppends--;
            if (e != null) {
                fail(gen, "could not store event " + event.id() + ": " + RelayConnectionErrors.describe(e));
            } else {
                maybeCheckpoint();
            }
        }));
    }

    /** The checkpoint may pass an event, but never now: a future-dated event must not make us skip ahead. */
    private void seen(Event event, long nowMillis) {
        maxSeen = Math.max(maxSeen, Math.min(event.createdAt(), Math.floorDiv(nowMillis, 1000L)));
        newestPulled = Math.max(newestPulled, maxSeen);
    }

    private void refuse(Event event, String why) {
        refused++;
        // A hostile peer can send refusals by the thousand: the first few per connection are logged.
        if (refusalsLogged++ < 20) {
            LOG.log(Level.WARNING, "peer pull from " + peerUrl + ": refused event " + event.id() + " by "
                    + event.pubkey() + " (kind " + event.kind() + "): " + GatewayState.clean(why));
        }
    }

    private void onEoseReceived(int gen, String sub) {
        Page page = pages.get(sub);
        if (gen != generation || page == null || page.done || stopped) {
            return;
        }
        page.done = true;
        if (!page.live) {
            connection.unsubscribe(sub);
            pages.remove(sub);
        }
        if (page.count >= PAGE) {
            Filter f = page.filter;
            if (f.until() != null && f.until() == page.oldest) {
                LOG.log(Level.WARNING, "peer " + peerUrl + " has more than " + PAGE
                        + " events in one second; some of them may be missed");
            } else {
                open("page-" + (++pageCounter), new Page(
                        new Filter(f.ids(), f.authors(), f.kinds(), f.tags(), f.since(), page.oldest, PAGE), false));
            }
        }
        maybeCheckpoint();
    }

    private void maybeCheckpoint() {
        if (pendingAppends > 0) {
            return;
        }
        for (Entry<String, Page> p : pages.entrySet()) {
            if (!p.getValue().done) {
                return;
            }
        }
        attempts = 0;
        if (maxSeen >= 0) {
            state.savePeerCheckpoint(peerKey, maxSeen);
        }
    }

    private void fail(int gen, String why) {
        if (gen != generation || stopped) {
            return;
        }
        generation++;
        connected = false;
        if (connection != null) {
            connection.close();
            connection = null;
        }
        Duration delay = backoff.delay(attempts++);
        LOG.log(Level.INFO, "peer pull from " + peerUrl + ": " + why + "; retrying in " + delay.toMillis() + " ms");
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.execute(() -> {
            stopped = true;
            connected = false;
            if (connection != null) {
                connection.close();
                connection = null;
            }
        });
    }
}
