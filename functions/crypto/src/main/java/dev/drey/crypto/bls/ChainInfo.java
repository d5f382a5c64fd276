package dev.drey.crypto.bls;

import dev.drey.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * A beacon chain's information as drand's HTTP {@code /info} serves it and drand-client and tlock-js consume
 * it: group public key (G2), period in seconds, genesis time (Unix seconds), genesis seed ({@code groupHash}),
 * scheme and beacon id. The chain hash ({@link #hash()}) is computed as drand's {@code chain.Info.Hash}:
 * SHA-256 of period (uint32, big-endian) || genesis time (int64, big-endian) || the 96-byte public key ||
 * the genesis seed || the beacon id's bytes, the id left out when it is drand's default ("" or "default").
 * {@link DrandJson} reads and writes the JSON form.
 */
public record ChainInfo(G2Point publicKey, long period, long genesisTime, byte[] groupHash, String schemeId,
        String beaconId) {
    public static final int HASH_BYTES = 32;
    /** drand's beacon ids: short lowercase names. */
    private static final Pattern BEACON_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}|");

    public ChainInfo {
        if (publicKey == null || publicKey.isIdentity()) {
            throw new BlsException("chain info: public_key must be a G2 point other than the identity");
        }
        if (period < 1 || period > 0xffffffffL) {
            throw new BlsException("chain info: period must be 1 to 2^32-1 seconds");
        }
        if (genesisTime < 0) {
            throw new BlsException("chain info: genesis_time must not be negative");
        }
        if (groupHash == null || groupHash.length != HASH_BYTES) {
            throw new BlsException("chain info: groupHash must be " + HASH_BYTES + " bytes");
        }
        if (!BeaconScheme.ID.equals(schemeId)) {
            throw new BlsException("chain info: schemeID must be " + BeaconScheme.ID);
        }
        if (beaconId == null || !BEACON_ID.matcher(beaconId).matches()) {
            throw new BlsException("chain info: beaconID must be lowercase letters, digits, '-' or '_' (at most 64)");
        }
        groupHash = groupHash.clone();
    }

    @Override
    public byte[] groupHash() {
        return groupHash.clone();
    }

    /** drand's chain hash of these fields. */
    public byte[] hash() {
        MessageDigest h = Hashes.sha256();
        h.update(new byte[] {(byte) (period >>> 24), (byte) (period >>> 16), (byte) (period >>> 8), (byte) period});
        h.update(BeaconScheme.be64(genesisTime));
        h.update(publicKey.toBytes());
        h.update(groupHash);
        if (!beaconId.isEmpty() && !beaconId.equals("default")) {
            h.update(beaconId.getBytes(StandardCharsets.US_ASCII));
        }
        return h.digest();
    }

    /** The Unix time at which {@code round} is due (round 1 at genesis). */
    public long roundTime(long round) {
        if (round < 1) {
            throw new BlsException("round: must be at least 1");
        }
        return genesisTime + (round - 1) * period;
    }

    /** The latest round due at Unix time {@code unixSeconds} (0 before genesis). */
    public long roundAt(long unixSeconds) {
        return unixSeconds < genesisTime ? 0 : (unixSeconds - genesisTime) / period + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainInfo c && publicKey.equals(c.publicKey) && period == c.period
                && genesisTime == c.genesisTime && java.util.Arrays.equals(groupHash, c.groupHash)
                && schemeId.equals(c.schemeId) && beaconId.equals(c.beaconId);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(hash());
    }

    @Override
    public String toString() {
        return "ChainInfo[" + DrandJson.print(this) + "]";
    }
}
