package dev.drey.devnet;

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
 * A nostr client of one relay as the PoL service, the app or the requester uses it: authenticated with
 * NIP-42, publishing events and keeping every event its subscriptions deliver.
 */
final class RelayClient implements AutoCloseable, RelayConnection.Listener {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    private final ConcurrentLinkedQueue<Event> received = new ConcurrentLinkedQueue<>();
    private final String url;
    private RelayConnection connection;

    private RelayClient(String url) {
        this.url = url;
    }

    static RelayClient open(HttpClient http, String url, MinerKey key) {
        RelayClient c = new RelayClient(url);
        try {
            c.connection = RelayConnection.open(http, url, key, c, () -> System.currentTimeMillis() / 1000,
                    OPEN_TIMEOUT).get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            c.connection.authenticated().get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevnetException("interrupted while connecting to " + url);
        } catch (ExecutionException | TimeoutException e) {
            if (c.connection != null) {
                c.connection.close();
            }
            throw new DevnetException("cannot connect and authenticate to " + url + ": " + cause(e));
        }
        return c;
    }

    String url() {
        return url;
    }

    void subscribe(String id, Filter filter) {
        try {
            connection.subscribe(id, List.of(filter)).get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevnetException("interrupted while subscribing on " + url);
        } catch (ExecutionException | TimeoutException e) {
            throw new DevnetException("cannot subscribe on " + url + ": " + cause(e));
        }
    }

    /** Publishes and waits for the relay's OK; a refusal or an unreachable relay is a {@link DevnetException}. */
    void publish(Event e) {
        RelayMessage.Ok ok;
        try {
            ok = connection.publish(e).get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DevnetException("interrupted while publishing to " + url);
        } catch (ExecutionException | TimeoutException ex) {
            throw new DevnetException("cannot publish to " + url + ": " + cause(ex));
        }
        if (!ok.accepted() && !ok.message().startsWith("duplicate:")) {
            throw new DevnetException(url + " refused event " + e.id() + " (kind " + e.kind() + "): " + ok.message());
        }
    }

    /** The delivered events matching {@code which}, once at least {@code count} arrived, or all by {@code max}. */
    List<Event> await(Predicate<Event> which, int count, Duration max) {
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
                throw new DevnetException("interrupted while waiting for events on " + url);
            }
        }
    }

    @Override
    public void onEvent(String subscriptionId, Event event) {
        received.add(event);
    }

    @Override
    public void onEose(String subscriptionId) {
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
