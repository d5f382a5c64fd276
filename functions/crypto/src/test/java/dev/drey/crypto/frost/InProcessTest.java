package dev.drey.crypto.frost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Schnorr;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process ceremonies the command line and interop harness use. */
class InProcessTest {
    @Test
    void dkgAndDealerKeysSignAsBip340() {
        SecureRandom rng = FrostTestSupport.seeded(40);
        byte[] msg = "nostr event id".getBytes(StandardCharsets.UTF_8);
        for (InProcess.Keys keys : List.of(InProcess.dkg(Ciphersuite.BIP340, 3, 4, rng), InProcess.dealer(3, 4, rng))) {
            byte[] sig = InProcess.sign(Ciphersuite.BIP340, keys,
                    List.of(Identifier.of(4), Identifier.of(1), Identifier.of(2)), msg, rng);
            assertEquals(64, sig.length);
            assertTrue(Schnorr.verify(keys.publicKeyPackage().groupPublicKey().xOnly(), msg, sig));
        }
    }

    @Test
    void unknownOrRepeatedSignersAreNamed() {
        SecureRandom rng = FrostTestSupport.seeded(41);
        InProcess.Keys keys = InProcess.dealer(2, 3, rng);
        FrostException unknown = assertThrows(FrostException.class, () -> InProcess.sign(Ciphersuite.BIP340, keys,
                List.of(Identifier.of(1), Identifier.of(7)), new byte[0], rng));
        assertEquals(List.of(Identifier.of(7)), unknown.culprits());
        FrostException twice = assertThrows(FrostException.class, () -> InProcess.sign(Ciphersuite.BIP340, keys,
                List.of(Identifier.of(2), Identifier.of(2)), new byte[0], rng));
        assertEquals(List.of(Identifier.of(2)), twice.culprits());
    }
}
