package dev.drey.roast;

/** A stored run state cannot be read (corrupt, truncated, another format or another federation). */
public final class RunStateException extends RuntimeException {
    public RunStateException(String message) {
        super(message);
    }
}
