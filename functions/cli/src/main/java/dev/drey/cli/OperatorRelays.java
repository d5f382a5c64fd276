package dev.drey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.relay.MinerKey;
import dev.drey.relay.client.RelayClient;
import dev.drey.relay.client.RelayClientException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The operator's connections to the members' relays: NIP-11 probes, NIP-42 authenticated clients as the
 * operator's key, publishing one event everywhere and collecting what the relays hold. A relay that does not
 * answer is reported, never fatal on its own: the federation tolerates n − t missing members.
 */
final class OperatorRelays implements AutoCloseable {
    static final int MAX_NIP11_BYTES = 64 * 1024;

    /** What a probe of one member's relay found. */
    record Probe(int member, String pubkey, String relay, boolean reachable, String software, String version,
            boolean authenticated, long latencyMs, String error) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("member", member);
            m.put("pubkey", pubkey);
            m.put("relay", relay);
            m.put("reachable", reachable);
            m.put("software", software);
            m.put("version", version);
            m.put("authenticated", authenticated);
            m.put("latencyMs", latencyMs);
            if (error != null) {
                m.put("error", error);
            }
            return m;
        }
    }

    private final HttpClient http;
    private final MinerKey key;
    private final Duration timeout;
    private final Map<String, RelayClient> open = new LinkedHashMap<>();

    OperatorRelays(MinerKey key, Duration timeout) {
        this.key = key;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** NIP-11 (reachability, software, version, latency of the document), then NIP-42 AUTH as the operator. */
    Probe probe(OperatorFederation.Member m) {
        long t0 = System.nanoTime();
        JsonNode doc;
        try {
            doc = nip11(m.relay());
        } catch (IOException | RuntimeException e) {
            return new Probe(m.id(), m.pubkey(), m.relay(), false, null, null, false,
                    (System.nanoTime() - t0) / 1_000_000, "NIP-11: " + message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        long latency = (System.nanoTime() - t0) / 1_000_000;
        String software = doc.path("software").isTextual() ? clip(doc.get("software").textValue()) : null;
        String version = doc.path("version").isTextual() ? clip(doc.get("version").textValue()) : null;
        try {
            client(m.relay());
            return new Probe(m.id(), m.pubkey(), m.relay(), true, software, version, true, latency, null);
        } catch (RelayClientException e) {
            return new Probe(m.id(), m.pubkey(), m.relay(), true, software, version, false, latency,
                    "NIP-42: " + e.getMessage());
        }
    }

    private JsonNode nip11(String wsUrl) throws IOException, InterruptedException {
        URI ws = URI.create(wsUrl);
        String scheme = ws.getScheme().equalsIgnoreCase("wss") ? "https" : "http";
        URI uri;
        try {
            uri = new URI(scheme, ws.getRawAuthority(), ws.getRawPath() == null || ws.getRawPath().isEmpty() ? "/"
                    : ws.getRawPath(), null, null);
        } catch (java.net.URISyntaxException e) {
            throw new IOException("bad relay URL");
        }
        HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/nostr+json")
                .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = res.body()) {
            if (res.statusCode() != 200) {
                throw new IOException("HTTP " + res.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_NIP11_BYTES + 1);
            if (bytes.length > MAX_NIP11_BYTES) {
                throw new IOException("document larger than " + MAX_NIP11_BYTES + " bytes");
            }
            JsonNode doc = Json.MAPPER.readTree(bytes);
            if (doc == null || !doc.isObject()) {
                throw new IOException("not a JSON object");
            }
            return doc;
        }
    }

    /** An authenticated client of {@code url}, opened once and kept until {@link #close()}. */
    RelayClient client(String url) {
        RelayClient c = open.get(url);
        if (c == null) {
            c = RelayClient.open(http, url, key);
            open.put(url, c);
        }
        return c;
    }

    /**
     * Publishes {@code e} to every member's relay; returns the relays that took it. Fails only when none did.
     */
    List<String> publishToAll(OperatorFederation f, Event e, Consumer<String> progress) {
        List<String> took = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (OperatorFederation.Member m : f.members()) {
            try {
                client(m.relay()).publish(e);
                took.add(m.relay());
            } catch (RelayClientException ex) {
                failed.add(ex.getMessage());
                progress.accept("member " + m.id() + ": " + ex.getMessage());
            }
        }
        if (took.isEmpty()) {
            throw new CliException("no member's relay took event " + e.id() + ": " + failed);
        }
        return took;
    }

    /**
     * Subscribes {@code filter} on every reachable member relay (unreachable ones are reported to {@code progress});
     * returns the clients subscribed.
     */
    List<RelayClient> subscribeAll(OperatorFederation f, String id, Filter filter, Consumer<String> progress) {
        List<RelayClient> subscribed = new ArrayList<>();
        for (OperatorFederation.Member m : f.members()) {
            try {
                RelayClient c = client(m.relay());
                c.subscribe(id, filter);
                subscribed.add(c);
            } catch (RelayClientException ex) {
                progress.accept("member " + m.id() + ": " + ex.getMessage());
            }
        }
        if (subscribed.isEmpty()) {
            throw new CliException("no member's relay could be reached");
        }
        return subscribed;
    }

    /** Every distinct event the subscribed relays delivered so far (relays overlap: deduplicated by id). */
    static List<Event> received(List<RelayClient> clients) {
        Map<String, Event> byId = new LinkedHashMap<>();
        for (RelayClient c : clients) {
            for (Event e : c.received()) {
                byId.putIfAbsent(e.id(), e);
            }
        }
        return List.copyOf(byId.values());
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        open.values().forEach(RelayClient::close);
        open.clear();
    }
}
