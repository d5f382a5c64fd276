package dev.drey.crypto.frost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * frost-core's frost-secp256k1-tr known answers (shared/vectors/frost-tr) through
 * {@link Ciphersuite#BIP340}, the code every Drey group signature takes: {@link ConformanceCheck}
 * runs {@link Dealer}, {@link Round1#commit} with the file's randomness, {@link SigningSession},
 * {@link Round2#sign} and {@link Aggregate#aggregate}, as the signer and the ROAST coordinator do,
 * and compares group key, shares, nonces, commitments, binding-factor inputs and factors,
 * signature shares and the signature byte for byte.
 */
class FrostTrVectorTest {
    private static ConformanceVector vector() throws Exception {
        return FrostVectorJson.read(Vectors.file("frost-tr/frost-secp256k1-tr-vectors.json"));
    }

    @Test
    void everyFieldMatchesThroughTheGroupSignaturePath() throws Exception {
        ConformanceVector v = vector();
        assertEquals(Ciphersuite.BIP340, v.inferredSuite(), "a 64-byte BIP-340 signature");
        Rfc9591VectorTest.assertEveryFieldMatches(v, Ciphersuite.BIP340);
    }

    @Test
    void signatureVerifiesUnderTheXOnlyGroupKeyWithAnyBip340Verifier() throws Exception {
        ConformanceVector v = vector();
        byte[] x = Point.decodeCompressed(Hex.decode(v.groupPublicKey())).xOnly();
        byte[] msg = Hex.decode(v.message());
        byte[] sig = Hex.decode(v.finalSignature());
        assertTrue(Schnorr.verify(x, msg, sig));
        sig[63] ^= 1;
        assertFalse(Schnorr.verify(x, msg, sig));
    }

    @Test
    void theRfcContextStringDoesNotReproduceThem() throws Exception {
        List<ConformanceCheck.Field> fields = ConformanceCheck.run(vector(), Ciphersuite.RFC9591);
        assertTrue(fields.stream().anyMatch(f -> f.name().endsWith("hiding_nonce") && !f.pass()));
        assertTrue(fields.stream().anyMatch(f -> f.name().equals("final_output.sig") && !f.pass()));
    }
}
