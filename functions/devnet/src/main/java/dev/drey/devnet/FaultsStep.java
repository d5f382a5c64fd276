package dev.drey.devnet;

import java.util.ArrayList;
import java.util.List;

/** The scenario's faulty miners: the offline ones stop; the others keep running with their corrupting signer. */
public final class FaultsStep {
    private FaultsStep() {
    }

    public static String injectFaults(DevnetFederation f) {
        List<String> what = new ArrayList<>();
        for (MinerNode m : f.miners()) {
            if (f.config().isOffline(m.index)) {
                m.goOffline();
                what.add("miner " + m.index + " offline");
            } else if (f.config().sendsInvalidShares(m.index)) {
                what.add("miner " + m.index + " sends invalid signature shares");
            }
        }
        return what.isEmpty() ? "no faulty miners" : String.join(", ", what);
    }
}
