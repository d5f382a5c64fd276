package dev.drey.runtime;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one random source of a function process, replaceable after a snapshot restore. A Lambda SnapStart
 * (or any CRaC) snapshot freezes every object's state, a {@link SecureRandom}'s internal state included:
 * without a fresh generator after each restore, two execution environments restored from one snapshot
 * would draw the same bytes, so the same FROST nonces, which leaks the signing share. {@link #reseed()}
 * swaps the generator for a new one from {@code fresh} (by default a new OS-seeded {@link SecureRandom});
 * the shell calls it from its after-restore hook. Every caller holds this object, never the generator.
 */
public final class ReseedableRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final transient Spi spi;

    private ReseedableRandom(Spi spi) {
        super(spi, null);
        this.spi = spi;
    }

    /** Draws from new OS-seeded {@link SecureRandom}s: the one for production. */
    public static ReseedableRandom fromOs() {
        return over(SecureRandom::new);
    }

    /** Draws from {@code fresh.get()}, and from a new one after each {@link #reseed()} (tests inject their own). */
    public static ReseedableRandom over(Supplier<SecureRandom> fresh) {
        return new ReseedableRandom(new Spi(fresh));
    }

    /** Replaces the generator with a new one: from here on no byte depends on the state before. */
    public void reseed() {
        spi.replace();
    }

    /** How many times {@link #reseed()} ran (health and logs report it; never the state). */
    public long reseeds() {
        return spi.reseeds;
    }

    @Override
    public String getAlgorithm() {
        return "reseedable(" + spi.current.getAlgorithm() + ")";
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        private final transient Supplier<SecureRandom> fresh;
        private transient volatile SecureRandom current;
        private transient volatile long reseeds;

        Spi(Supplier<SecureRandom> fresh) {
            this.fresh = Objects.requireNonNull(fresh, "fresh");
            this.current = Objects.requireNonNull(fresh.get(), "fresh.get()");
        }

        synchronized void replace() {
            current = Objects.requireNonNull(fresh.get(), "fresh.get()");
            reseeds++;
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            current.setSeed(seed); // adds to the state, never replaces it (SecureRandom's contract)
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            current.nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            return current.generateSeed(numBytes);
        }
    }
}
