package dev.drey.beacon;

import dev.drey.crypto.Bytes;

/**
 * Kind 3472: a round's beacon, drand's {@code {round, randomness, signature}} with randomness =
 * SHA-256(signature). Unique per round: every aggregator publishes the same content.
 */
public record BeaconOutput(long round, byte[] randomness, byte[] signature) implements BeaconMessage {
    public BeaconOutput {
        BeaconMessage.round(round);
        signature = BeaconMessage.bytes(signature, "signature", MAX_ELEMENT_BYTES);
        if (randomness == null || !java.util.Arrays.equals(randomness, Bytes.sha256(signature))) {
            throw new BeaconException("beacon: randomness must be SHA-256 of the signature");
        }
        randomness = randomness.clone();
    }

    /** The beacon of {@code round} whose group signature is {@code signature}. */
    public static BeaconOutput of(long round, byte[] signature) {
        return new BeaconOutput(round, Bytes.sha256(signature), signature);
    }

    @Override
    public byte[] randomness() {
        return randomness.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public int kind() {
        return BeaconKinds.BEACON;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeaconOutput b && b.round == round && java.util.Arrays.equals(b.signature, signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(round);
    }

    @Override
    public String toString() {
        return "BeaconOutput[round=" + round + ", randomness=" + BeaconMessage.shortHex(randomness) + "]";
    }
}
