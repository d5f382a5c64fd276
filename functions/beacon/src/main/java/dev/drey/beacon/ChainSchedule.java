package dev.drey.beacon;

import dev.drey.crypto.Bytes;
import java.nio.ByteBuffer;

/**
 * When rounds happen: round r is due at genesis + (r−1)·period (drand's numbering, round 1 at genesis). Pure.
 */
public record ChainSchedule(long genesisTime, int period) {
    public ChainSchedule {
        if (genesisTime <= 0 || period < 1 || period > 86_400) {
            throw new BeaconException("chain schedule: genesis time must be positive and the period 1..86400 s");
        }
    }

    /** The time round {@code round} is due (epoch seconds). */
    public long timeOf(long round) {
        if (round < 1) {
            throw new BeaconException("rounds start at 1");
        }
        return Math.addExact(genesisTime, Math.multiplyExact(round - 1, (long) period));
    }

    /** The latest round due at {@code now}; 0 before genesis. */
    public long latestRoundAt(long now) {
        return now < genesisTime ? 0 : (now - genesisTime) / period + 1;
    }

    /** drand's unchained message: SHA-256 of the round as an 8-byte big-endian integer. */
    public static byte[] roundMessage(long round) {
        return Bytes.sha256(ByteBuffer.allocate(8).putLong(round).array());
    }
}
