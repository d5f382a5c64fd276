package dev.drey.runtime.metrics;

import java.time.Duration;

/**
 * The domain metrics port: what the plain-Java core reports, named for the domain. The core calls these
 * methods; a deployable binds the two primitives ({@link #increment}, {@link #record}) to its metrics
 * library (Micrometer in the Quarkus apps); {@link #NONE} (the default everywhere else: unit tests, the
 * devnet) drops everything. Implementations must be thread-safe and must never throw: a metric is never
 * a reason to fail a record. Label values outside a metric's fixed set are counted as {@link DreyMetric#OTHER}.
 */
public interface DreyMetrics {

    /** Reports nothing. */
    DreyMetrics NONE = new DreyMetrics() {
        @Override
        public void increment(DreyMetric metric, String... labelValues) {
        }

        @Override
        public void record(DreyMetric metric, Duration elapsed, String... labelValues) {
        }
    };

    /** Adds one to a {@link DreyMetric.Type#COUNTER}; {@code labelValues} in the order of {@link DreyMetric#labels()}. */
    void increment(DreyMetric metric, String... labelValues);

    /** Records one observation of a {@link DreyMetric.Type#TIMER}. */
    void record(DreyMetric metric, Duration elapsed, String... labelValues);

    // ---- relay -------------------------------------------------------------------------------------

    default void relayEventAccepted() {
        increment(DreyMetric.RELAY_EVENTS_ACCEPTED);
    }

    /** {@code reason}: the NIP-01 prefix of the {@code OK false} (invalid, blocked, rate-limited, ...). */
    default void relayEventRefused(String reason) {
        increment(DreyMetric.RELAY_EVENTS_REFUSED, reason);
    }

    default void relayTimeToOk(Duration elapsed) {
        record(DreyMetric.RELAY_TIME_TO_OK, elapsed);
    }

    default void relayKafkaAppend(Duration elapsed) {
        record(DreyMetric.RELAY_KAFKA_APPEND, elapsed);
    }

    // ---- every function ----------------------------------------------------------------------------

    /** One record through {@code function}: {@code outcome} is {@link Labels#HANDLED}, {@link Labels#SKIPPED} or {@link Labels#FAILED}. */
    default void functionRecord(String function, String kind, String outcome) {
        increment(DreyMetric.FUNCTION_RECORDS, function, kind, outcome);
    }

    // ---- ROAST -------------------------------------------------------------------------------------

    default void roastSessionStarted() {
        increment(DreyMetric.ROAST_SESSIONS_STARTED);
    }

    default void roastRunCompleted(Duration timeToSignature) {
        increment(DreyMetric.ROAST_RUNS_COMPLETED);
        if (timeToSignature != null) {
            record(DreyMetric.ROAST_TIME_TO_SIGNATURE, timeToSignature);
        }
    }

    /** {@code reason}: {@link Labels#DEADLINE} or {@link Labels#ABORTED}. */
    default void roastRunFailed(String reason) {
        increment(DreyMetric.ROAST_RUNS_FAILED, reason);
    }

    // ---- DKG ---------------------------------------------------------------------------------------

    /** {@code outcome}: {@link Labels#COMPLETED}, {@link Labels#FAILED} or {@link Labels#TIMED_OUT}. */
    default void dkgRunEnded(String outcome) {
        increment(DreyMetric.DKG_RUNS, outcome);
    }

    // ---- DTA, M-Pin, PoL ---------------------------------------------------------------------------

    /** {@code share}: client-secret, time-permit or server-secret. */
    default void shareIssued(String share) {
        increment(DreyMetric.SHARES_ISSUED, share);
    }

    default void shareRefused(String share, String reason) {
        increment(DreyMetric.SHARES_REFUSED, share, reason);
    }

    default void pinLockout() {
        increment(DreyMetric.PIN_LOCKOUTS);
    }

    // ---- beacon ------------------------------------------------------------------------------------

    /** A beacon round was published after its scheduled time. */
    default void beaconRoundLate() {
        increment(DreyMetric.BEACON_ROUNDS_LATE);
    }

    /** A beacon round's time passed by more than a period and it was never published. */
    default void beaconRoundMissed() {
        increment(DreyMetric.BEACON_ROUNDS_MISSED);
    }
}
