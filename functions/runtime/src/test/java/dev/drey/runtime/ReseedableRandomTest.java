package dev.drey.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.Round1;
import dev.drey.crypto.frost.SigningNonces;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two execution environments restored from one snapshot start with the same generator state. The snapshot
 * is simulated by a deterministic generator (SHA1PRNG with a fixed seed, the frozen state): each "restore"
 * builds its own copy of that state; without the after-restore reseed both would commit to the same FROST
 * nonces, with it they do not.
 */
class ReseedableRandomTest {
    private static final Scalar SHARE = Scalar.of(0x5eedL);
    private static final Identifier ID = Identifier.of(1);

    /** The generator state frozen in the snapshot: the same bytes for every restored copy. */
    private static SecureRandom snapshotState() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed("state at snapshot time".getBytes(StandardCharsets.UTF_8));
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** One restored environment: the snapshot's state first, then (after a reseed) fresh OS entropy. */
    private static ReseedableRandom restored() {
        boolean[] first = {true};
        Supplier<SecureRandom> fresh = () -> {
            if (first[0]) {
                first[0] = false;
                return snapshotState();
            }
            return new SecureRandom();
        };
        return ReseedableRandom.over(fresh);
    }

    private static SigningNonces nonces(SecureRandom rng) {
        return Round1.commit(Ciphersuite.BIP340, ID, SHARE, bytes(rng), bytes(rng));
    }

    private static byte[] bytes(SecureRandom rng) {
        byte[] b = new byte[32];
        rng.nextBytes(b);
        return b;
    }

    @Test
    void withoutTheReseedTwoRestoresRepeatTheNonces() {
        // The control: the simulation is faithful, two copies of one frozen state do collide.
        SigningNonces a = nonces(restored());
        SigningNonces b = nonces(restored());
        assertEquals(a.commitments(), b.commitments());
    }

    @Test
    void afterRestoreTheNoncesOfTwoRestoresDiffer() {
        ReseedableRandom first = restored();
        ReseedableRandom second = restored();
        first.reseed();
        second.reseed();
        SigningNonces a = nonces(first);
        SigningNonces b = nonces(second);
        assertNotEquals(a.commitments().hiding(), b.commitments().hiding());
        assertNotEquals(a.commitments().binding(), b.commitments().binding());
        assertNotEquals(a.hiding(), b.hiding());
        assertEquals(1, first.reseeds());
    }

    @Test
    void aReseedLeavesNoDependenceOnTheOldState() {
        ReseedableRandom r = ReseedableRandom.over(ReseedableRandomTest::snapshotState);
        byte[] before = bytes(r);
        r.reseed(); // a new copy of the same frozen state: the stream starts over, proving the generator was replaced
        assertArrayEquals(before, bytes(r));
        assertFalse(r.getAlgorithm().isBlank());
    }
}
