package dev.drey.relay.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.drey.relay.RateLimit;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The rate limit a relay publishes in its NIP-11 document ({@code limitation.rate_limits}, as this
 * project's relays do: {@code per_connection} and {@code per_key}, both binding on an outbox that
 * publishes its own events over one connection), so the outbox paces itself below it. Anything
 * missing, malformed or oversized reads as unknown.
 */
final class Nip11RateLimit {
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private Nip11RateLimit() {
    }

    /** Fetches the document of the relay at {@code wsUrl} (same host, http/https); never fails. */
    static CompletableFuture<Optional<RateLimit>> fetch(HttpClient http, String wsUrl, Duration timeout) {
        HttpRequest request;
        try {
            URI ws = URI.create(wsUrl);
            String scheme = ws.getScheme().equalsIgnoreCase("wss") ? "https" : "http";
            request = HttpRequest.newBuilder(new URI(scheme, ws.getRawAuthority(), ws.getRawPath().isEmpty() ? "/"
                    : ws.getRawPath(), null, null)).header("Accept", "application/nostr+json").timeout(timeout)
                    .GET().build();
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(res -> {
            try (InputStream body = res.body()) {
                if (res.statusCode() != 200) {
                    return Optional.<RateLimit>empty();
                }
                byte[] bytes = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
                return bytes.length > MAX_DOCUMENT_BYTES ? Optional.<RateLimit>empty()
                        : fromDocument(new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Optional.<RateLimit>empty();
            }
        }).exceptionally(e -> Optional.empty())
                .completeOnTimeout(Optional.empty(), timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The stricter of {@code per_connection} and {@code per_key} (each optional) of a NIP-11 document. */
    static Optional<RateLimit> fromDocument(String document) {
        Optional<RateLimit> perConnection = read(document, "per_connection");
        Optional<RateLimit> perKey = read(document, "per_key");
        if (perConnection.isEmpty() || perKey.isEmpty()) {
            return perConnection.or(() -> perKey);
        }
        RateLimit a = perConnection.get();
        RateLimit b = perKey.get();
        return Optional.of(new RateLimit(Math.min(a.perSecond(), b.perSecond()), Math.min(a.burst(), b.burst())));
    }

    /** {@code limitation.rate_limits.<name>} of a NIP-11 document, when present and valid. */
    private static Optional<RateLimit> read(String document, String name) {
        try (JsonParser p = JSON.createParser(document)) {
            if (p.nextToken() != JsonToken.START_OBJECT || !enter(p, "limitation") || !enter(p, "rate_limits")
                    || !enter(p, name)) {
                return Optional.empty();
            }
            double perSecond = Double.NaN;
            long burst = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("per_second") && v.isNumeric()) {
                    perSecond = p.getDoubleValue();
                } else if (field.equals("burst") && v == JsonToken.VALUE_NUMBER_INT) {
                    burst = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
            if (burst < 1 || burst > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            return Optional.of(new RateLimit(perSecond, (int) burst));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Inside the current object, moves into the object value of field {@code name}. */
    private static boolean enter(JsonParser p, String name) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals(name)) {
                return v == JsonToken.START_OBJECT;
            }
            p.skipChildren();
        }
        return false;
    }
}
