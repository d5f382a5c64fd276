package dev.drey.kafka;

/** What an {@link EventLogReader} calls for each record it reads, in log order per partition. */
@FunctionalInterface
public interface RecordHandler<T> {

    /** A record that decoded. Throwing stops the poll; the record will be read again. */
    void onRecord(T value, RecordPosition position);

    /**
     * A record that did not decode. By default the refusal is thrown (and the record will be
     * read again); a replayer that must not stall on one bad record logs it and returns.
     */
    default void onMalformed(RecordCodecException error, RecordPosition position) {
        throw error;
    }
}
