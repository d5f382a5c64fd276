package dev.drey.beacon;

/**
 * Kind 3471: member {@code index}'s partial signature of a target (a beacon round, or the input of a VRF
 * request) on chain {@code chainHash}, with its DLEQ proof against the member's verification share.
 */
public record PartialMessage(String chainHash, Target target, int index, byte[] partial, byte[] proof)
        implements BeaconMessage {
    public PartialMessage {
        BeaconMessage.hash(chainHash, "chain");
        if (target == null) {
            throw new BeaconException("partial: a round or a VRF request is required");
        }
        if (index < 1 || index > 10_000) {
            throw new BeaconException("partial: index must be in 1..10000");
        }
        partial = BeaconMessage.bytes(partial, "partial", MAX_ELEMENT_BYTES);
        proof = BeaconMessage.bytes(proof, "proof", MAX_ELEMENT_BYTES);
    }

    @Override
    public byte[] partial() {
        return partial.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    @Override
    public int kind() {
        return BeaconKinds.PARTIAL;
    }

    @Override
    public String toString() {
        return "PartialMessage[" + target + ", index=" + index + ", partial=" + BeaconMessage.shortHex(partial) + "]";
    }

    /** What a partial signs. */
    public sealed interface Target {
        Domain domain();

        /** The bytes hashed to G1. */
        byte[] message();

        /** A stable name for this target in the KV store and notes. */
        String key();
    }

    /** A beacon round: message SHA-256(round, 8 bytes big endian), drand's DST. */
    public record Round(long round) implements Target {
        public Round {
            BeaconMessage.round(round);
        }

        @Override
        public Domain domain() {
            return Domain.BEACON;
        }

        @Override
        public byte[] message() {
            return ChainSchedule.roundMessage(round);
        }

        @Override
        public String key() {
            return "round/" + round;
        }
    }

    /** The input of VRF request {@code requestId} (its event id), signed under the VRF DST. */
    public record Vrf(String requestId, byte[] input) implements Target {
        public Vrf {
            BeaconMessage.hash(requestId, "VRF request id");
            input = BeaconMessage.bytes(input, "VRF input", MAX_INPUT_BYTES);
        }

        @Override
        public byte[] input() {
            return input.clone();
        }

        @Override
        public Domain domain() {
            return Domain.VRF;
        }

        @Override
        public byte[] message() {
            return input.clone();
        }

        @Override
        public String key() {
            return "vrf/" + requestId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Vrf v && v.requestId.equals(requestId) && java.util.Arrays.equals(v.input, input);
        }

        @Override
        public int hashCode() {
            return requestId.hashCode();
        }

        @Override
        public String toString() {
            return "Vrf[request=" + requestId + "]";
        }
    }
}
