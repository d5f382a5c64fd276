package dev.drey.relay.gateway;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Short descriptions of connection and store failures for logs. */
final class RelayConnectionErrors {
    private RelayConnectionErrors() {
    }

    static String describe(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
