package dev.drey.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Progress lines on stderr, prefixed with the command ({@code drey dkg: ...}); stdout stays the JSON result. */
final class Progress implements Consumer<String> {
    private final PrintWriter err;
    private final String prefix;

    Progress(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public void accept(String line) {
        err.println(prefix + ": " + line);
        err.flush();
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
