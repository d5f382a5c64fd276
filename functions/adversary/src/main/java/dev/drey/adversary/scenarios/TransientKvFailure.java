package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.MinerNode;
import dev.drey.kv.FaultInjectingKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.roast.SignatureResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every miner's KV backend fails about one write in three (transient errors, as a timing-out backend gives) for a
 * few seconds while a ROAST run is under way (a backend
 * having a bad spell, not an attacker's doing but the same shape as one). No record may be dropped (the adapter
 * must retry, not skip) and the signature must still be produced.
 */
public final class TransientKvFailure implements Scenario {
    private static final long FAULTY_MS = 4000;
    private final Map<Integer, FaultInjectingKeyValueStore> backends = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "transient-kv-failure";
    }

    @Override
    public String expected() {
        return "the KV backend failing a share of writes for a while during a ROAST run drops no record "
                + "(recordsSkipped 0) and the signature is produced";
    }

    @Override
    public DevnetFederation.Builder prepare(DevnetFederation.Builder builder) {
        return builder.kvLayer((index, kv) -> backends.computeIfAbsent(index,
                i -> new FaultInjectingKeyValueStore(kv, i, 1.0 / 3, Integer.MAX_VALUE).disarm()));
    }

    @Override
    public Outcome run(DevnetFederation f) {
        long skippedBefore = f.miners().stream().mapToLong(MinerNode::recordFailures).sum();
        Event request = Attacks.messageSignRequest(f, f.demoClientKey(), Attacks.randomMessage(f));
        backends.values().forEach(FaultInjectingKeyValueStore::arm);
        Optional<SignatureResult> result;
        try {
            Attacks.publishEverywhere(f, f.demoClientKey(), request);
            Attacks.sleep(FAULTY_MS);
        } finally {
            backends.values().forEach(FaultInjectingKeyValueStore::disarm);
        }
        result = Attacks.awaitResult(f, request, Duration.ofSeconds(30));
        long injected = backends.values().stream().mapToLong(FaultInjectingKeyValueStore::faultsInjected).sum();
        long skipped = f.miners().stream().mapToLong(MinerNode::recordFailures).sum() - skippedBefore;
        boolean signed = result.map(SignatureResult::succeeded).orElse(false);
        return new Outcome(signed && skipped == 0 && injected > 0, injected + " writes failed on purpose over "
                + FAULTY_MS + " ms; the functions skipped " + skipped + " record(s); result: " + result.map(r ->
                        r.succeeded() ? "signed in session " + r.sessionId() : "failed (" + r.reason() + ")")
                        .orElse("none within 30 s"),
                Outcome.measured("injectedFailures", injected, "recordsSkipped", skipped, "signed", signed));
    }
}
