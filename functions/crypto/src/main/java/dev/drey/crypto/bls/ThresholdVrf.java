package dev.drey.crypto.bls;

import dev.drey.crypto.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * The federation's threshold VRF on any input, on the beacon's key: proof = the threshold BLS signature of
 * the input hashed to G1 under {@link #DST_STRING} (distinct from the beacon's DST, so no VRF output is ever a
 * beacon signature or the reverse), output = SHA-256(proof). Unique (one valid signature per input) and
 * verifiable by anyone with the G2 group key alone.
 */
public final class ThresholdVrf {
    public static final String DST_STRING = "DREY-VRF-V01-BLS12381G1_XMD:SHA-256_SSWU_RO_";
    static final byte[] DST = DST_STRING.getBytes(StandardCharsets.US_ASCII);

    private ThresholdVrf() {
    }

    /** An evaluation: input, output = SHA-256(proof), proof = 48-byte signature. */
    public record Evaluation(byte[] input, byte[] output, byte[] proof) {
        public Evaluation {
            if (input == null || output == null || proof == null) {
                throw new BlsException("VRF evaluation: input, output and proof are required");
            }
            input = input.clone();
            output = output.clone();
            proof = proof.clone();
        }

        public static Evaluation of(byte[] input, G1Point signature) {
            return new Evaluation(input, Bytes.sha256(signature.toBytes()), signature.toBytes());
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
    }

    /** Null when valid, else the failed check. */
    public static String check(Bls12381.PreparedG2 publicKey, Evaluation e) {
        G1Point sig;
        try {
            sig = G1Point.fromBytesNonIdentity(e.proof(), "proof");
        } catch (BlsException bad) {
            return bad.getMessage();
        }
        if (!Bls12381.verifyPairing(sig, HashToCurve.hashToG1(e.input(), DST), publicKey)) {
            return "proof: not the group's signature on the input";
        }
        if (!Bytes.constantTimeEquals(e.output(), Bytes.sha256(e.proof()))) {
            return "output: not SHA-256 of the proof";
        }
        return null;
    }

    public static boolean verify(G2Point publicKey, Evaluation e) {
        return check(new Bls12381.PreparedG2(publicKey), e) == null;
    }
}
