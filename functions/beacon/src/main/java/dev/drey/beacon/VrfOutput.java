package dev.drey.beacon;

import dev.drey.crypto.Bytes;

/**
 * Kind 3474: the VRF of request {@code requestId}: {@code output} = SHA-256(proof), {@code proof} = the group's
 * BLS signature of {@code input} under the VRF DST, verifiable with the chain's public key alone.
 */
public record VrfOutput(String requestId, byte[] input, byte[] output, byte[] proof) implements BeaconMessage {
    public VrfOutput {
        BeaconMessage.hash(requestId, "VRF request id");
        input = BeaconMessage.bytes(input, "VRF input", MAX_INPUT_BYTES);
        proof = BeaconMessage.bytes(proof, "VRF proof", MAX_ELEMENT_BYTES);
        if (output == null || !java.util.Arrays.equals(output, Bytes.sha256(proof))) {
            throw new BeaconException("VRF output must be SHA-256 of the proof");
        }
        output = output.clone();
    }

    public static VrfOutput of(String requestId, byte[] input, byte[] signature) {
        return new VrfOutput(requestId, input, Bytes.sha256(signature), signature);
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    @Override
    public int kind() {
        return BeaconKinds.VRF_OUTPUT;
    }
}
