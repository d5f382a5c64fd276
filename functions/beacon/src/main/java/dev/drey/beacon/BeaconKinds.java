package dev.drey.beacon;

import dev.drey.kafka.ProtocolKinds;

/** The beacon's kinds, as named in the one kind table ({@link ProtocolKinds}). */
public final class BeaconKinds {
    /** The drand {@code /info} JSON of the chain, group-signed by the FROST key through ROAST. */
    public static final int CHAIN_INFO = ProtocolKinds.BEACON_CHAIN_INFO;
    /** One miner's partial signature of a round or a VRF input, with its DLEQ proof. */
    public static final int PARTIAL = ProtocolKinds.BEACON_PARTIAL;
    /** A round's beacon: {round, randomness, signature}. */
    public static final int BEACON = ProtocolKinds.BEACON;
    /** A requester asks for the VRF of an input. */
    public static final int VRF_REQUEST = ProtocolKinds.VRF_REQUEST;
    /** The VRF output {input, output, proof}. */
    public static final int VRF_OUTPUT = ProtocolKinds.VRF_OUTPUT;

    private BeaconKinds() {
    }

    public static boolean isBeaconKind(int kind) {
        return kind >= CHAIN_INFO && kind <= VRF_OUTPUT;
    }
}
