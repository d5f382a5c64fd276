package dev.drey.crypto.bls;

/**
 * One round's output of an unchained beacon as drand publishes it: {@code {round, randomness, signature}}
 * (randomness 32 bytes, signature 48). A value, not a verdict: {@link BeaconVerifier} checks it.
 */
public record Beacon(long round, byte[] randomness, byte[] signature) {
    public Beacon {
        if (randomness == null || signature == null) {
            throw new BlsException("beacon: randomness and signature are required");
        }
        randomness = randomness.clone();
        signature = signature.clone();
    }

    /** The beacon of a round from its (aggregated) signature. */
    public static Beacon of(long round, G1Point signature) {
        return new Beacon(round, BeaconScheme.randomness(signature), signature.toBytes());
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
    public boolean equals(Object o) {
        return o instanceof Beacon b && round == b.round && java.util.Arrays.equals(randomness, b.randomness)
                && java.util.Arrays.equals(signature, b.signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(round) * 31 + java.util.Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Beacon[" + DrandJson.print(this) + "]";
    }
}
