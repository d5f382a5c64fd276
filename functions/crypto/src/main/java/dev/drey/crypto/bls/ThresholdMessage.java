package dev.drey.crypto.bls;

import dev.drey.crypto.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * What a threshold BLS signature is over: the bytes hashed to G1 ({@code message}) under {@code dst}, and the
 * {@code binding} every partial's proof is tied to (the chain hash for a beacon round, the VRF DST for a VRF
 * input), so a proof made for one round, input or chain is worthless for another.
 */
public record ThresholdMessage(byte[] dst, byte[] message, byte[] binding) {
    private static final byte[] PROOF_DOMAIN = "drey/bls/partial/v1".getBytes(StandardCharsets.US_ASCII);

    public ThresholdMessage {
        if (dst == null || dst.length == 0 || message == null || binding == null) {
            throw new BlsException("threshold message: dst, message and binding are required");
        }
        dst = dst.clone();
        message = message.clone();
        binding = binding.clone();
    }

    /** Round r of the chain with chain hash {@code chainHash}: message SHA-256(r), beacon DST. */
    public static ThresholdMessage beaconRound(byte[] chainHash, long round) {
        if (chainHash == null || chainHash.length != ChainInfo.HASH_BYTES) {
            throw new BlsException("beacon round: chain hash must be " + ChainInfo.HASH_BYTES + " bytes");
        }
        return new ThresholdMessage(BeaconScheme.DST, BeaconScheme.roundMessage(round), chainHash);
    }

    /** A VRF evaluation on {@code input} (any bytes): the input itself under the VRF DST. */
    public static ThresholdMessage vrf(byte[] input) {
        return new ThresholdMessage(ThresholdVrf.DST, input, ThresholdVrf.DST);
    }

    @Override
    public byte[] dst() {
        return dst.clone();
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    @Override
    public byte[] binding() {
        return binding.clone();
    }

    /** H(message) in G1. */
    public G1Point point() {
        return HashToCurve.hashToG1(message, dst);
    }

    /** The DLEQ context of the partial from {@code index}: length-prefixed domain, binding, message, index. */
    byte[] proofContext(int index) {
        return Bytes.concat(prefixed(PROOF_DOMAIN), prefixed(binding), prefixed(message),
                new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index});
    }

    private static byte[] prefixed(byte[] b) {
        int n = b.length;
        return Bytes.concat(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThresholdMessage m && java.util.Arrays.equals(dst, m.dst)
                && java.util.Arrays.equals(message, m.message) && java.util.Arrays.equals(binding, m.binding);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(message);
    }

    @Override
    public String toString() {
        return "ThresholdMessage[" + dev.drey.crypto.Hex.encode(message) + "]";
    }
}
