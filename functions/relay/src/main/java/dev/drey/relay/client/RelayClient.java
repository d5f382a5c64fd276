package dev.drey.relay.client;

import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.MinerKey;
import dev.drey.relay.gateway.RelayConnection;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A nostr client of one relay as a service, an app or a requester uses it: authenticated with NIP-42 as
 * {@code key}, publishing events (waiting for the relay's OK) and keeping every event its subscriptions
 * deliver. Failures are {@link RelayClientException}s naming the relay and what went wrong.
 */
public final class RelayClient implements AutoCloseable, RelayConnection.Listener {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    private final ConcurrentLinkedQueue<Event> received = new ConcurrentLinkedQueue<>();
    private final java.util.Set<String> stored = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final String url;
    private RelayConnection connection;

    private RelayClient(String url) {
        this.url = url;
    }

    public static RelayClient open(HttpClient http, String url, MinerKey key) {
        RelayClient c = new RelayClient(url);
        try {
            c.connection = RelayConnection.open(http, url, key, c, () -> System.currentTimeMillis() / 1000,
                    OPEN_TIMEOUT).get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            c.connection.authenticated().get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayClientException("interrupted while connecting to " + url);
        } catch (ExecutionException | TimeoutException e) {
            if (c.connection != null) {
                c.connection.close();
            }
            throw new RelayClientException("cannot connect and authenticate to " + url + ": " + cause(e));
        }
        return c;
    }

    public String url() {
        return url;
    }

    public void subscribe(String id, Filter filter) {
        try {
            connection.subscribe(id, List.of(filter)).get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayClientException("interrupted while subscribing on " + url);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayClientException("cannot subscribe on " + url + ": " + cause(e));
        }
    }

    /** Publishes and returns the relay's OK as it is (accepted or not); an unreachable relay is an exception. */
    public RelayMessage.Ok send(Event e) {
        try {
            return connection.publish(e).get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RelayClientException("interrupted while publishing to " + url);
        } catch (ExecutionException | TimeoutException ex) {
            throw new RelayClientException("cannot publish to " + url + ": " + cause(ex));
        }
    }

    /** Publishes; a refusal (other than "duplicate:", the event is there already) is an exception. */
    public void publish(Event e) {
        RelayMessage.Ok ok = send(e);
        if (!ok.accepted() && !ok.message().startsWith("duplicate:")) {
            throw new RelayClientException(url + " refused event " + e.id() + " (kind " + e.kind() + "): "
                    + ok.message());
        }
    }

    /** Every event delivered so far. */
    public List<Event> received() {
        return List.copyOf(received);
    }

    /** The delivered events matching {@code which}, once at least {@code count} arrived, or all by {@code max}. */
    public List<Event> await(Predicate<Event> which, int count, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            List<Event> got = received.stream().filter(which).toList();
            if (got.size() >= count || System.nanoTime() > deadline) {
                return got;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RelayClientException("interrupted while waiting for events on " + url);
            }
        }
    }

    @Override
    public void onEvent(String subscriptionId, Event event) {
        received.add(event);
    }

    /**
     * Whether subscription {@code id} reached its end of stored events (EOSE) within {@code max}: a query of what
     * the relay holds (an operator's status) is complete only then.
     */
    public boolean awaitStored(String id, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!stored.contains(id)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RelayClientException("interrupted while waiting for stored events on " + url);
            }
        }
        return true;
    }

    @Override
    public void onEose(String subscriptionId) {
        stored.add(subscriptionId);
    }

    @Override
    public void onClosed(String subscriptionId, String reason) {
    }

    @Override
    public void close() {
        connection.close();
    }

    private static String cause(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
