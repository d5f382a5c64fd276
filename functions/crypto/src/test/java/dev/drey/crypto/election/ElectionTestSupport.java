package dev.drey.crypto.election;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

final class ElectionTestSupport {
    private ElectionTestSupport() {
    }

    /** A deterministic SecureRandom, so a failing case can be replayed from its seed. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
