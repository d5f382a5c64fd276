package dev.drey.roast;

import dev.drey.kv.Deadlines;
import dev.drey.kv.KeyValueStore;
import java.util.List;

/**
 * The open runs of one coordinator and when each must end ({@link Deadlines}, one KV entry under
 * {@code <prefix>/<coordinator>/deadlines}), so a periodic tick on any instance finds the runs whose deadline
 * passed without listing the store; at most {@link #MAX_OPEN_RUNS}.
 */
public final class RunDeadlines {
    /** A coordinator with more open runs takes no new ones. */
    public static final int MAX_OPEN_RUNS = Deadlines.MAX_OPEN;

    private final Deadlines deadlines;

    public RunDeadlines(KeyValueStore kv, String prefix, String coordinatorPubkey) {
        this(kv, prefix, coordinatorPubkey, MAX_OPEN_RUNS);
    }

    RunDeadlines(KeyValueStore kv, String prefix, String coordinatorPubkey, int maxOpenRuns) {
        RoastChecks.pubkey(coordinatorPubkey, "coordinator");
        this.deadlines = new Deadlines(kv, prefix + "/" + coordinatorPubkey + "/deadlines", maxOpenRuns);
    }

    /** Records the run's deadline unless it has one; false if the coordinator has too many open runs. */
    public boolean register(String requestId, long deadline) {
        RoastChecks.requestId(requestId);
        return deadlines.register(requestId, deadline);
    }

    /** The runs whose deadline is at or before {@code now}, earliest registered first. */
    public List<String> due(long now) {
        return deadlines.due(now);
    }

    /** Forgets the run (it ended). */
    public void remove(String requestId) {
        deadlines.remove(requestId);
    }
}
