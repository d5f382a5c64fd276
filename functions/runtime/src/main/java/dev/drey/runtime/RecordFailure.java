package dev.drey.runtime;

/**
 * One delivered record that was not handled: {@code where} names it (topic-partition@offset when known,
 * else its place in the delivery), {@code stage} says whether it could not be read or the function failed
 * on it, {@code reason} what went wrong.
 */
public record RecordFailure(String where, Stage stage, String reason) {

    public enum Stage {
        /** The record is not a Drey event record; retrying cannot help, so it is reported and skipped. */
        DECODE,
        /** The function threw on a well-formed event. */
        FUNCTION
    }

    public RecordFailure {
        if (where == null || stage == null || reason == null) {
            throw new IllegalArgumentException("record failure: where, stage and reason are required");
        }
    }

    @Override
    public String toString() {
        return where + " (" + stage.name().toLowerCase(java.util.Locale.ROOT) + "): " + reason;
    }
}
