package dev.drey.beacon;

/** Kind 3473: an allowed requester asks the federation for the VRF of {@code input} under chain {@code chainHash}. */
public record VrfRequest(String chainHash, byte[] input) implements BeaconMessage {
    public VrfRequest {
        BeaconMessage.hash(chainHash, "chain");
        input = BeaconMessage.bytes(input, "VRF input", MAX_INPUT_BYTES);
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    @Override
    public int kind() {
        return BeaconKinds.VRF_REQUEST;
    }
}
