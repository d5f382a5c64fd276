package dev.drey.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the relay core is told by its host: who may use it, how it describes itself and
 * its limits. Plain values; the Quarkus layer maps its configuration onto this record.
 *
 * @param allowList   extra keys allowed besides the roster and the service keys (hex)
 * @param roster      the federation's members
 * @param serviceKeys keys of services this miner serves (e.g. the PoL service) (hex)
 * @param authRequiredForReads REQ needs NIP-42 authentication as an allowed key
 * @param publicUrl   the relay's public websocket URL ({@code ws://} or {@code wss://}), required: AUTH
 *                    events must name it. Never taken from the request (a Host header is the client's
 *                    to choose, so an AUTH event made for another relay would pass)
 * @param resources   connection, output and query limits that protect the relay's resources
 */
public record RelayConfig(String name, String description, Optional<String> operatorPubkey, Optional<String> contact,
        Set<String> allowList, List<RosterMember> roster, Set<String> serviceKeys, boolean authRequiredForReads,
        RelayLimits limits, String publicUrl, ResourceLimits resources) {

    public RelayConfig {
        name = name == null ? "drey-miner relay" : name;
        description = description == null ? "" : description;
        operatorPubkey = operatorPubkey == null ? Optional.empty() : operatorPubkey.map(PublicKeys::parse);
        contact = contact == null ? Optional.empty() : contact;
        allowList = parseAll(allowList);
        roster = roster == null ? List.of() : List.copyOf(roster);
        serviceKeys = parseAll(serviceKeys);
        limits = limits == null ? RelayLimits.DEFAULT : limits;
        publicUrl = checkPublicUrl(publicUrl);
        resources = resources == null ? ResourceLimits.DEFAULT : resources;
    }

    /** With the default resource limits. */
    public RelayConfig(String name, String description, Optional<String> operatorPubkey, Optional<String> contact,
            Set<String> allowList, List<RosterMember> roster, Set<String> serviceKeys, boolean authRequiredForReads,
            RelayLimits limits, String publicUrl) {
        this(name, description, operatorPubkey, contact, allowList, roster, serviceKeys, authRequiredForReads, limits,
                publicUrl, ResourceLimits.DEFAULT);
    }

    /** A private relay at {@code publicUrl} for the given keys with default limits. */
    public static RelayConfig allowing(String publicUrl, Set<String> keys) {
        return new RelayConfig(null, null, Optional.empty(), Optional.empty(), keys, List.of(), Set.of(), true,
                RelayLimits.DEFAULT, publicUrl);
    }

    public RelayConfig withLimits(RelayLimits newLimits) {
        return new RelayConfig(name, description, operatorPubkey, contact, allowList, roster, serviceKeys,
                authRequiredForReads, newLimits, publicUrl, resources);
    }

    public RelayConfig withResources(ResourceLimits newResources) {
        return new RelayConfig(name, description, operatorPubkey, contact, allowList, roster, serviceKeys,
                authRequiredForReads, limits, publicUrl, newResources);
    }

    public RelayConfig withAuthRequiredForReads(boolean required) {
        return new RelayConfig(name, description, operatorPubkey, contact, allowList, roster, serviceKeys,
                required, limits, publicUrl, resources);
    }

    /** Fails closed: without its own URL the relay cannot tell an AUTH event made for it from one made elsewhere. */
    private static String checkPublicUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the relay's public URL is required (e.g. wss://relay.example.org): "
                    + "AUTH events must name it");
        }
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the relay's public URL is not a URL: " + url);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("ws") || scheme.equals("wss")) || u.getHost() == null || u.getRawUserInfo() != null
                || u.getRawFragment() != null) {
            throw new IllegalArgumentException("the relay's public URL must be ws://host[:port][/path] or "
                    + "wss://host[:port][/path], was " + url);
        }
        return url.trim();
    }

    /** Every key that may write and read: roster, service keys and the extra allow-list. */
    public Set<String> allowedKeys() {
        Set<String> all = new LinkedHashSet<>(allowList);
        roster.forEach(m -> all.add(m.pubkey()));
        all.addAll(serviceKeys);
        return Set.copyOf(all);
    }

    private static Set<String> parseAll(Set<String> keys) {
        Set<String> out = new LinkedHashSet<>();
        if (keys != null) {
            for (String k : keys) {
                out.add(PublicKeys.parse(k));
            }
        }
        return Set.copyOf(out);
    }
}
