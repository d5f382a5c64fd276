package dev.drey.relay;

import java.util.LinkedHashSet;
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
 * @param publicUrl   when set, the URL AUTH events must name (behind a proxy that rewrites Host);
 *                    otherwise the URL each client connected to
 */
public record RelayConfig(String name, String description, Optional<String> operatorPubkey, Optional<String> contact,
        Set<String> allowList, List<RosterMember> roster, Set<String> serviceKeys, boolean authRequiredForReads,
        RelayLimits limits, Optional<String> publicUrl) {

    public RelayConfig {
        name = name == null ? "drey-miner relay" : name;
        description = description == null ? "" : description;
        operatorPubkey = operatorPubkey == null ? Optional.empty() : operatorPubkey.map(PublicKeys::parse);
        contact = contact == null ? Optional.empty() : contact;
        allowList = parseAll(allowList);
        roster = roster == null ? List.of() : List.copyOf(roster);
        serviceKeys = parseAll(serviceKeys);
        limits = limits == null ? RelayLimits.DEFAULT : limits;
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
    }

    /** A private relay for the given keys with default limits. */
    public static RelayConfig allowing(Set<String> keys) {
        return new RelayConfig(null, null, Optional.empty(), Optional.empty(), keys, List.of(), Set.of(), true,
                RelayLimits.DEFAULT, Optional.empty());
    }

    public RelayConfig withLimits(RelayLimits newLimits) {
        return new RelayConfig(name, description, operatorPubkey, contact, allowList, roster, serviceKeys,
                authRequiredForReads, newLimits, publicUrl);
    }

    public RelayConfig withAuthRequiredForReads(boolean required) {
        return new RelayConfig(name, description, operatorPubkey, contact, allowList, roster, serviceKeys,
                required, limits, publicUrl);
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
