package dev.drey.crypto.frost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Vectors;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The RFC 9591 appendix E.5 FROST(secp256k1, SHA-256) vector, every field byte for byte. */
class Rfc9591VectorTest {
    private static ConformanceVector vector() throws Exception {
        return FrostVectorJson.read(Vectors.file("rfc9591/frost-secp256k1-sha256.json"));
    }

    @Test
    void everyFieldMatches() throws Exception {
        ConformanceVector v = vector();
        assertEquals(Ciphersuite.RFC9591, v.inferredSuite());
        assertEveryFieldMatches(v, Ciphersuite.RFC9591);
    }

    /** Runs {@code v} under {@code cs}: every field of the 2-of-3 vector must match (the TR vectors use it too). */
    static void assertEveryFieldMatches(ConformanceVector v, Ciphersuite cs) {
        List<ConformanceCheck.Field> fields = ConformanceCheck.run(v, cs);
        String failures = fields.stream().filter(f -> !f.pass())
                .map(f -> f.name() + ": expected " + f.expected() + " got " + f.actual())
                .collect(Collectors.joining("\n"));
        assertTrue(failures.isEmpty(), failures);
        // group key, 3 shares, 2 signers x (4 round-one + 2 binding) fields, 2 sig shares, sig + verifies
        assertEquals(1 + 3 + 12 + 2 + 2, fields.size());
    }

    @Test
    void contextStringMatters() throws Exception {
        // The same inputs under the BIP-340 variant give different binding factors and signature.
        List<ConformanceCheck.Field> fields = ConformanceCheck.run(vector(), Ciphersuite.BIP340);
        assertTrue(fields.stream().anyMatch(f -> f.name().endsWith("binding_factor") && !f.pass()));
        assertTrue(fields.stream().anyMatch(f -> f.name().equals("final_output.sig") && !f.pass()));
    }

    @Test
    void rfcSignatureVerifiesAndRejectsTampering() throws Exception {
        ConformanceVector v = vector();
        var pk = dev.drey.crypto.Point.decodeCompressed(Hex.decode(v.groupPublicKey()));
        byte[] sig = Hex.decode(v.finalSignature());
        byte[] msg = Hex.decode(v.message());
        assertTrue(Ciphersuite.RFC9591.verify(pk, msg, sig));
        assertFalse(Ciphersuite.RFC9591.verify(pk, Hex.decode("74657375"), sig));
        sig[64] ^= 1;
        assertFalse(Ciphersuite.RFC9591.verify(pk, msg, sig));
    }
}
