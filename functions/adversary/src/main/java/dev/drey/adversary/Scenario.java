package dev.drey.adversary;

import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.devnet.DevnetConfig;
import dev.drey.devnet.DevnetFederation;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One attack against a running federation: its name (as {@code drey adversary run NAME} takes it), the outcome
 * the specification requires, how the federation is built for it, and the attack itself, which observes the
 * system (Kafka topics, relays, KV stores) to decide whether the defence held. A scenario instance runs once.
 */
public interface Scenario {
    String name();

    /** The outcome the specification requires, in one sentence. */
    String expected();

    /**
     * The federation this attack needs; by default 4 miners with threshold 3, none faulty, miner 4 coordinating.
     * Steps may wait 90 s for the network: a loaded machine must fail an attack, not the federation's start-up.
     */
    default DevnetConfig config(Path dataDir) {
        return new DevnetConfig(4, 3, 0, 0, PairingCurves.defaultCurve(), dataDir, Duration.ofSeconds(90));
    }

    /** Hooks the attack needs in the federation before it starts (a KV layer, a rogue member's function). */
    default DevnetFederation.Builder prepare(DevnetFederation.Builder builder) {
        return builder;
    }

    /** Plays the attacker against the started federation and checks what the system did. */
    Outcome run(DevnetFederation federation) throws Exception;
}
