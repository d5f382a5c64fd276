package dev.drey.devnet;

import dev.drey.crypto.frost.Identifier;
import dev.drey.kv.KeyValueStore;
import dev.drey.nostr.Nip19;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastCoordinator;
import dev.drey.roast.RoastStateStore;
import dev.drey.roast.RunState;
import java.util.ArrayList;
import java.util.List;

/** The ROAST run as the coordinator's KV store keeps it: sessions started, the one that signed, the culprits. */
final class RoastRun {
    private RoastRun() {
    }

    static DevnetReport.Roast of(KeyValueStore coordinatorKv, String coordinatorPubkey, Federation federation,
            String requestId) {
        RunState s = new RoastStateStore(coordinatorKv, new RoastCoordinator(federation)).load(coordinatorPubkey, requestId)
                .orElseThrow(() -> new DevnetException("the coordinator keeps no run for request " + requestId));
        List<DevnetReport.Culprit> culprits = new ArrayList<>();
        for (Identifier id : s.malicious()) {
            culprits.add(new DevnetReport.Culprit(id.value().toBigInteger().intValueExact(),
                    Nip19.encodeNpub(federation.pubkeyOf(id))));
        }
        return new DevnetReport.Roast(requestId, Nip19.encodeNpub(coordinatorPubkey), s.sessions().size(),
                s.successfulSession(), culprits);
    }
}
