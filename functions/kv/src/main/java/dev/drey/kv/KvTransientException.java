package dev.drey.kv;

/**
 * The backend could not be reached or did not answer in time: a timeout, a refused or lost connection,
 * throttling, a server that is loading, failing over or out of capacity, or a store that was closed
 * under the caller (the process is shutting down). Retrying later may succeed.
 *
 * <p>As with every {@link KvException}, the outcome of a write is unknown. What callers must not do is
 * treat the request being handled as bad: an adapter retries it and, if the failure persists, fails the
 * delivery so the platform redelivers it, never skips it. Failures that retrying cannot cure (a foreign or
 * corrupt entry, a refused credential, a missing table) stay plain {@link KvException}s.
 */
public class KvTransientException extends KvException {
    public KvTransientException(String message) {
        super(message);
    }

    public KvTransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
