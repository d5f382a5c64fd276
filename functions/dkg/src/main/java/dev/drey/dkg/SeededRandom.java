package dev.drey.dkg;

import dev.drey.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A deterministic random stream: HMAC-SHA256(seed, label || counter) blocks. A participant keeps only a
 * 32-byte random seed per run (encrypted in its state) and re-derives its secret polynomial and its round-1
 * proof from it whenever it needs them, so a restarted instance sends exactly what it sent before. (The
 * pairing DKG's secret polynomial has no serialised form; re-deriving it is the only way to keep it.)
 */
final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    SeededRandom(byte[] seed, String label) {
        super(new Spi(seed, label.getBytes(StandardCharsets.UTF_8)), null);
    }

    @Override
    public String toString() {
        return "SeededRandom[redacted]";
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final byte[] key;
        private final byte[] label;
        private long counter;
        private byte[] block = new byte[0];
        private int used;

        Spi(byte[] seed, byte[] label) {
            if (seed == null || seed.length != 32) {
                throw new IllegalArgumentException("seed must be 32 bytes");
            }
            this.key = seed.clone();
            this.label = label.clone();
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            // Deterministic by design: extra seeding is ignored.
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (used == block.length) {
                    block = Hashes.hmacSha256(key, label, ByteBuffer.allocate(8).putLong(counter++).array());
                    used = 0;
                }
                bytes[i] = block[used++];
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] b = new byte[numBytes];
            engineNextBytes(b);
            return b;
        }
    }
}
