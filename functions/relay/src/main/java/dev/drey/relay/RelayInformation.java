package dev.drey.relay;

import dev.drey.nostr.JsonWriter;
import java.util.List;

/** The NIP-11 relay information document, with the limits the relay really enforces. */
public final class RelayInformation {
    /** NIPs this relay implements: basics, NIP-11, AUTH, protected events. */
    public static final List<Integer> SUPPORTED_NIPS = List.of(1, 11, 42, 70);
    public static final String MEDIA_TYPE = "application/nostr+json";
    public static final String SOFTWARE = "drey-miner relay-ingest";
    public static final String VERSION = "0.1.0";

    private final RelayConfig config;

    RelayInformation(RelayConfig config) {
        this.config = config;
    }

    public String toJson() {
        RelayLimits l = config.limits();
        JsonWriter w = new JsonWriter(1024);
        w.rawAscii("{\"name\":").string(config.name());
        w.rawAscii(",\"description\":").string(config.description());
        config.operatorPubkey().ifPresent(p -> w.rawAscii(",\"pubkey\":").string(p));
        config.contact().ifPresent(c -> w.rawAscii(",\"contact\":").string(c));
        w.rawAscii(",\"supported_nips\":[");
        for (int i = 0; i < SUPPORTED_NIPS.size(); i++) {
            if (i > 0) {
                w.raw(',');
            }
            w.number(SUPPORTED_NIPS.get(i));
        }
        w.rawAscii("],\"software\":").string(SOFTWARE).rawAscii(",\"version\":").string(VERSION);
        w.rawAscii(",\"limitation\":{");
        w.rawAscii("\"max_message_length\":").number(l.maxMessageBytes());
        w.rawAscii(",\"max_subscriptions\":").number(l.maxSubscriptions());
        w.rawAscii(",\"max_filters\":").number(l.maxFilters());
        w.rawAscii(",\"max_limit\":").number(l.maxLimit());
        w.rawAscii(",\"default_limit\":").number(l.defaultLimit());
        w.rawAscii(",\"max_subid_length\":").number(64);
        w.rawAscii(",\"max_event_tags\":").number(l.maxEventTags());
        w.rawAscii(",\"max_content_length\":").number(l.maxContentLength());
        w.rawAscii(",\"min_pow_difficulty\":").number(0);
        w.rawAscii(",\"auth_required\":").bool(config.authRequiredForReads());
        w.rawAscii(",\"payment_required\":").bool(false);
        w.rawAscii(",\"restricted_writes\":").bool(true);
        w.rawAscii(",\"created_at_lower_limit\":").number(l.createdAtPastSeconds());
        w.rawAscii(",\"created_at_upper_limit\":").number(l.createdAtFutureSeconds());
        // Not in NIP-11's list: the narrower window of federation protocol kinds (3400-3499).
        w.rawAscii(",\"protocol_created_at_lower_limit\":").number(l.protocolCreatedAtPastSeconds());
        w.rawAscii(",\"protocol_created_at_upper_limit\":").number(l.protocolCreatedAtFutureSeconds());
        // Not in NIP-11's list; published so clients can pace themselves.
        w.rawAscii(",\"rate_limits\":{\"per_connection\":");
        rate(w, l.perConnection());
        w.rawAscii(",\"per_key\":");
        rate(w, l.perKey());
        w.rawAscii("}}}");
        return w.toString();
    }

    private static void rate(JsonWriter w, RateLimit r) {
        w.rawAscii("{\"per_second\":");
        if (r.perSecond() == Math.rint(r.perSecond()) && r.perSecond() < 1e15) {
            w.number((long) r.perSecond());
        } else {
            w.rawAscii(Double.toString(r.perSecond()));
        }
        w.rawAscii(",\"burst\":").number(r.burst()).raw('}');
    }
}
