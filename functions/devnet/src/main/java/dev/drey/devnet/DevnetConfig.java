package dev.drey.devnet;

import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The devnet scenario: {@code miners} miners with signing threshold {@code threshold}; of them {@code offline}
 * go offline before the signing and {@code invalid} send invalid signature shares (the faulty miners are the
 * lowest indices; the coordinator is the highest, always healthy).
 *
 * @param dataDir where the broker's log, the miners' KV stores, relay indexes and key files live (wiped at start,
 *                kept after the run for {@code drey replay})
 * @param stepTimeout how long one step may wait for the network
 */
public record DevnetConfig(int miners, int threshold, int offline, int invalid, PairingCurve curve, Path dataDir,
        Duration stepTimeout) {
    public static final int MAX_MINERS = 16;

    public DevnetConfig {
        if (miners < 2 || miners > MAX_MINERS) {
            throw new IllegalArgumentException("--miners must be 2.." + MAX_MINERS + " on one machine, was " + miners);
        }
        if (threshold < 2 || threshold > miners) {
            throw new IllegalArgumentException("--threshold must be 2.." + miners + ", was " + threshold);
        }
        if (offline < 0 || invalid < 0) {
            throw new IllegalArgumentException("--faulty must not be negative");
        }
        if (offline + invalid > miners - threshold) {
            throw new IllegalArgumentException("--faulty " + (offline + invalid) + " leaves fewer than " + threshold
                    + " honest miners: ROAST can tolerate at most miners - threshold = " + (miners - threshold)
                    + " faulty ones");
        }
        if (curve == null || dataDir == null) {
            throw new IllegalArgumentException("devnet: curve and data directory are required");
        }
        stepTimeout = stepTimeout == null ? Duration.ofSeconds(60) : stepTimeout;
    }

    /** {@code faulty} split as evenly as possible: the first half (rounded up) offline, the rest sending bad shares. */
    public static DevnetConfig of(int miners, int threshold, int faulty, Path dataDir) {
        if (faulty < 0) {
            throw new IllegalArgumentException("--faulty must not be negative, was " + faulty);
        }
        return new DevnetConfig(miners, threshold, (faulty + 1) / 2, faulty / 2, PairingCurves.defaultCurve(), dataDir,
                null);
    }

    /** Miner indices 1..offline are offline during the signing. */
    public boolean isOffline(int index) {
        return index <= offline;
    }

    /** Miner indices offline+1..offline+invalid send invalid signature shares. */
    public boolean sendsInvalidShares(int index) {
        return index > offline && index <= offline + invalid;
    }

    /** The coordinator: the highest index, never faulty. */
    public int coordinator() {
        return miners;
    }
}
