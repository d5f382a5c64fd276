package dev.drey.devnet;

import dev.drey.nostr.Event;
import java.util.List;

/**
 * What a devnet run did: the group key, every step with its time, the ROAST run and the issuance event (null
 * when a step failed before it). {@code ok} only when every step succeeded.
 */
public record DevnetReport(boolean ok, String groupNpub, String groupPublicKey, Event issuanceEvent, Roast roast,
        List<Step> steps, long elapsedMs, List<Miner> miners, String polRelay, String error, Beacon beacon,
        Vote vote) {

    /**
     * The beacon step ({@link BeaconStep}): the drand /info JSON, the consecutive beacons, the share of rounds
     * first seen within 1 s of their time, and the VRF evaluation (hex); null when the step did not run.
     */
    public record Beacon(String chainInfoJson, List<dev.drey.beacon.BeaconOutput> beacons, double onTimeShare,
            dev.drey.beacon.VrfOutput vrf, int pickedInvestor) {
    }

    /** The miners' vote on a parameter before the issuance (null when a step failed before it). */
    public record Vote(String proposalId, List<Long> tally, Event resultEvent, String param, String value) {
    }

    public record Step(String name, boolean ok, long ms, String detail) {
    }

    /** The ROAST run of the issuance: sessions the coordinator started, the one that signed, who was caught. */
    public record Roast(String requestId, String coordinatorNpub, int sessionsStarted, int successfulSession,
            List<Culprit> culprits) {
    }

    public record Culprit(int miner, String npub) {
    }

    /** A miner as the network sees it; {@code role} is honest, offline or invalid-shares. */
    public record Miner(int index, String npub, String relayUrl, String role) {
    }
}
