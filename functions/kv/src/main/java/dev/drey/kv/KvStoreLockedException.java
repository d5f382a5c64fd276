package dev.drey.kv;

/**
 * An MVStore file is already open in another process (or elsewhere in this one). MVStore holds an
 * exclusive file lock for as long as a store is open, so exactly one process may use a file at a time.
 */
public class KvStoreLockedException extends KvException {
    public KvStoreLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
