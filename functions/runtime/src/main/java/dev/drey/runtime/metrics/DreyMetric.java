package dev.drey.runtime.metrics;

import java.util.List;
import java.util.Set;

/**
 * Every metric a Drey deployable exports: the one registry of names. The Micrometer binding registers
 * exactly these, the Grafana dashboard check reads the exported names from here, and each label has a
 * fixed set of values ({@link Label#values}) or is bounded by configuration ({@link Label#configured}),
 * so an attacker's input can never mint a new time series.
 */
public enum DreyMetric {
    RELAY_EVENTS_ACCEPTED("drey_relay_events_accepted", Type.COUNTER,
            "Events the relay answered OK true (stored, duplicate or ephemeral)"),
    RELAY_EVENTS_REFUSED("drey_relay_events_refused", Type.COUNTER,
            "Events the relay answered OK false, by NIP-01 prefix", Label.of("reason", Labels.RELAY_REFUSALS)),
    RELAY_TIME_TO_OK("drey_relay_time_to_ok", Type.TIMER,
            "From an EVENT frame's arrival to its OK (includes the Kafka append)"),
    RELAY_KAFKA_APPEND("drey_relay_kafka_append", Type.TIMER,
            "From handing an accepted event to Kafka to the broker's acknowledgement"),
    RELAY_PEER_PULL_LAG("drey_relay_peer_pull_lag_seconds", Type.GAUGE,
            "Seconds since the last event pulled from each configured peer relay (-1: none yet)",
            Label.configured("peer")),
    RELAY_OUTBOX_BACKLOG("drey_relay_outbox_backlog", Type.GAUGE,
            "Outbox deliveries waiting for their recipient's OK"),
    /** Kept by the outbox publisher itself and read at each scrape ({@link #readAtScrape()}). */
    RELAY_OUTBOX_RETRIES("drey_relay_outbox_retries", Type.COUNTER, true,
            "Outbox deliveries refused for now (rate-limited, error, auth-required) and tried again"),
    FUNCTION_RECORDS("drey_function_records", Type.COUNTER,
            "Records a function handled, skipped (dead-lettered) or failed (redelivered), by event kind",
            Label.configured("function"), Label.of("kind", Labels.KINDS), Label.of("outcome", Labels.OUTCOMES)),
    ROAST_SESSIONS_STARTED("drey_roast_sessions_started", Type.COUNTER, "ROAST sessions this coordinator started"),
    ROAST_RUNS_COMPLETED("drey_roast_runs_completed", Type.COUNTER, "ROAST runs that ended with a group signature"),
    ROAST_RUNS_FAILED("drey_roast_runs_failed", Type.COUNTER, "ROAST runs that failed, by why",
            Label.of("reason", Labels.RUN_FAILURES)),
    ROAST_TIME_TO_SIGNATURE("drey_roast_time_to_signature", Type.TIMER,
            "From a sign request reaching this coordinator to its group signature"),
    DKG_RUNS("drey_dkg_runs", Type.COUNTER, "DKG runs that ended, by outcome", Label.of("outcome", Labels.DKG_OUTCOMES)),
    SHARES_ISSUED("drey_shares_issued", Type.COUNTER, "DTA client-secret, time-permit and M-Pin server-secret shares issued",
            Label.of("share", Labels.SHARES)),
    SHARES_REFUSED("drey_shares_refused", Type.COUNTER, "Share requests answered with a refusal, by reason",
            Label.of("share", Labels.SHARES),
            // bounded by the caller: a RefusalReason code (pol), anything else passed as "other"
            Label.configured("reason")),
    PIN_LOCKOUTS("drey_pin_lockouts", Type.COUNTER, "Identities locked after too many wrong PINs"),
    BEACON_ROUNDS_LATE("drey_beacon_rounds_late", Type.COUNTER, "Beacon rounds published after their time"),
    BEACON_ROUNDS_MISSED("drey_beacon_rounds_missed", Type.COUNTER, "Beacon rounds never published");

    /** How the metric is exported. */
    public enum Type {
        /** A monotonic count: exported as {@code <name>_total}. */
        COUNTER,
        /** A latency histogram in seconds: {@code <name>_seconds_bucket|_count|_sum|_max}. */
        TIMER,
        /** A value read when scraped: {@code <name>}. */
        GAUGE
    }

    /** A label with its allowed values; {@code values} empty means bounded by configuration instead. */
    public record Label(String name, Set<String> values) {
        public Label {
            values = Set.copyOf(values);
        }

        static Label of(String name, Set<String> values) {
            return new Label(name, values);
        }

        /** Values come from the deployment's configuration (function name, roster peers): bounded there. */
        static Label configured(String name) {
            return new Label(name, Set.of());
        }

        public boolean isConfigured() {
            return values.isEmpty();
        }
    }

    /** The value a label gets when a caller passes one outside its fixed set. */
    public static final String OTHER = "other";

    private final String metricName;
    private final Type type;
    private final String help;
    private final List<Label> labels;
    private final boolean readAtScrape;

    DreyMetric(String metricName, Type type, String help, Label... labels) {
        this(metricName, type, type == Type.GAUGE, help, labels);
    }

    DreyMetric(String metricName, Type type, boolean readAtScrape, String help, Label... labels) {
        this.metricName = metricName;
        this.type = type;
        this.help = help;
        this.labels = List.of(labels);
        this.readAtScrape = readAtScrape;
    }

    /**
     * True when a component keeps the value and the deployable reads it at each scrape (gauges, and counters a
     * component already counts); false when the core reports it through {@link DreyMetrics}.
     */
    public boolean readAtScrape() {
        return readAtScrape;
    }

    /** The meter name (Prometheus base name, before the type's suffixes). */
    public String metricName() {
        return metricName;
    }

    public Type type() {
        return type;
    }

    public String help() {
        return help;
    }

    public List<Label> labels() {
        return labels;
    }

    /** The series names this metric appears under in the Prometheus exposition. */
    public List<String> exportedNames() {
        return switch (type) {
            case COUNTER -> List.of(metricName + "_total");
            case TIMER -> List.of(metricName + "_seconds_bucket", metricName + "_seconds_count",
                    metricName + "_seconds_sum", metricName + "_seconds_max");
            case GAUGE -> List.of(metricName);
        };
    }

    /**
     * {@code value} for label {@code i} if it is one of the label's fixed values (or the label is configured),
     * else {@link #OTHER}.
     */
    public String bounded(int i, String value) {
        Label l = labels.get(i);
        if (value == null) {
            return OTHER;
        }
        return l.isConfigured() || l.values().contains(value) ? value : OTHER;
    }
}
