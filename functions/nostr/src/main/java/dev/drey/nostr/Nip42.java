package dev.drey.nostr;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * NIP-42 client authentication: the kind-22242 event a client signs to answer a relay's
 * challenge, and the relay-side check of it. Time is passed in; nothing here reads a clock.
 */
public final class Nip42 {
    public static final int KIND = 22242;
    /** How far created_at may be from the relay's now, either way (NIP-42 suggests ~10 minutes). */
    public static final long MAX_SKEW_SECONDS = 600;

    /** Why an AUTH event was accepted or not. */
    public enum Result {
        OK("ok"),
        WRONG_KIND("invalid: auth event must be kind 22242"),
        MISSING_CHALLENGE("invalid: auth event has no challenge tag"),
        CHALLENGE_MISMATCH("invalid: challenge does not match"),
        MISSING_RELAY("invalid: auth event has no relay tag"),
        RELAY_MISMATCH("invalid: relay tag does not name this relay"),
        STALE("invalid: created_at is more than 10 minutes from now"),
        BAD_ID("invalid: id is not the hash of the event"),
        BAD_SIGNATURE("invalid: signature does not verify");

        private final String message;

        Result(String message) {
            this.message = message;
        }

        public boolean isOk() {
            return this == OK;
        }

        /** A NIP-01 style message for the OK answer to the AUTH. */
        public String message() {
            return message;
        }
    }

    private Nip42() {
    }

    /** The unsigned AUTH event answering {@code challenge} from the relay at {@code relayUrl}. */
    public static EventTemplate authTemplate(String relayUrl, String challenge, long createdAt) {
        return new EventTemplate(createdAt, KIND,
                List.of(List.of("relay", relayUrl), List.of("challenge", challenge)), "");
    }

    /**
     * Checks an AUTH event against the challenge this connection was sent, the URL the client
     * connected to and the relay's current time (unix seconds). Cheap checks come first; the
     * id and signature last.
     */
    public static Result validate(Event event, String expectedChallenge, String relayUrl, long now) {
        if (event.kind() != KIND) {
            return Result.WRONG_KIND;
        }
        Optional<String> challenge = event.firstTagValue("challenge");
        if (challenge.isEmpty()) {
            return Result.MISSING_CHALLENGE;
        }
        if (!challenge.get().equals(expectedChallenge)) {
            return Result.CHALLENGE_MISMATCH;
        }
        Optional<String> relay = event.firstTagValue("relay");
        if (relay.isEmpty()) {
            return Result.MISSING_RELAY;
        }
        if (!sameRelay(relay.get(), relayUrl)) {
            return Result.RELAY_MISMATCH;
        }
        if (Math.abs(event.createdAt() - now) > MAX_SKEW_SECONDS) {
            return Result.STALE;
        }
        return switch (event.verify()) {
            case VALID -> Result.OK;
            case BAD_ID -> Result.BAD_ID;
            case BAD_SIGNATURE -> Result.BAD_SIGNATURE;
        };
    }

    /**
     * Relay URLs are equal when they differ at most in the case of scheme and host, an explicit
     * default port, or a trailing slash. Paths and queries stay case-sensitive.
     */
    static boolean sameRelay(String a, String b) {
        Optional<String> na = normalize(a);
        return na.isPresent() && na.equals(normalize(b));
    }

    static Optional<String> normalize(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (u.getScheme() == null || u.getRawAuthority() == null) {
            return Optional.empty();
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        String authority;
        if (u.getHost() != null) {
            int port = u.getPort();
            boolean defaultPort = (port == 80 && (scheme.equals("ws") || scheme.equals("http")))
                    || (port == 443 && (scheme.equals("wss") || scheme.equals("https")));
            authority = u.getHost().toLowerCase(Locale.ROOT) + (port == -1 || defaultPort ? "" : ":" + port);
        } else {
            authority = u.getRawAuthority().toLowerCase(Locale.ROOT);
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
        return Optional.of(scheme + "://" + authority + path + query);
    }
}
