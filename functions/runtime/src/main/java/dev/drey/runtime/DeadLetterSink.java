package dev.drey.runtime;

import java.util.List;

/**
 * Where records that can never be handled go, so none is skipped silently: the dead-letter topic
 * ({@code Topics.deadLetter()}, written by {@link KafkaDeadLetters}). {@link #send} returns only once every
 * dead letter is acknowledged and throws {@link OutboxSink.OutboxException} otherwise; the adapter then does
 * not acknowledge its input, and the redelivery dead-letters the records again (duplicates are harmless:
 * each envelope names its record).
 */
public interface DeadLetterSink {
    /**
     * Keeps failures only in the {@link BatchOutcome} (whose adapter logs them): for unit tests and the
     * devnet's in-process loop. A deployable uses {@link KafkaDeadLetters}.
     */
    DeadLetterSink OUTCOME_ONLY = (function, failures) -> { };

    void send(String function, List<RecordFailure> failures);
}
