package dev.drey.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.crypto.frost.Round1;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SigningNonces;
import dev.drey.crypto.nip44.ConversationKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: secret-scalar multiplications go through libsecp256k1 (constant time) when it loads, with the
 * pure BouncyCastle path as fallback; both give the same points.
 */
class SecretMulTest {
    private static final NativeSchnorr LIB = NativeSchnorr.load();
    private static final Optional<NativeSchnorr> NATIVE = Optional.of(LIB);
    private static final Optional<NativeSchnorr> PURE = Optional.empty();

    private static Scalar randomScalar(Random rnd) {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        return Scalar.reduce(b);
    }

    @Test
    void theProductionPathIsNativeHere() {
        // The build's JVMs load libsecp256k1 (linux x86_64/aarch64 binaries ship in the jar).
        assertEquals(Schnorr.NATIVE, Schnorr.implementation(), Schnorr.fallbackReason().orElse(""));
        assertTrue(Schnorr.nativePath().isPresent());
    }

    @Test
    void nativeAndPureAgreeOnRandomInputs() {
        Random rnd = new Random(11);
        for (int i = 0; i < 200; i++) {
            Scalar k = randomScalar(rnd);
            Point p = Point.mulG(randomScalar(rnd));
            assertEquals(SecretMul.mulG(PURE, k), SecretMul.mulG(NATIVE, k), "k·G, case " + i);
            assertEquals(SecretMul.mul(PURE, p, k), SecretMul.mul(NATIVE, p, k), "k·P, case " + i);
            assertEquals(p.mul(k), LIB.mul(p, k), "binding directly, case " + i);
        }
        // Edge scalars: 1, n-1, and both parities of P.
        Scalar nMinus1 = Scalar.ONE.negate();
        Point p = Point.mulG(randomScalar(rnd));
        for (Point q : new Point[] {p, p.negate(), Point.G}) {
            assertEquals(q, SecretMul.mul(NATIVE, q, Scalar.ONE));
            assertEquals(q.negate(), SecretMul.mul(NATIVE, q, nMinus1));
        }
        assertEquals(Point.G.negate(), SecretMul.mulG(NATIVE, nMinus1));
        // Zero and infinity keep the pure path's answers instead of a native failure.
        assertTrue(SecretMul.mulG(NATIVE, Scalar.ZERO).isInfinity());
        assertTrue(SecretMul.mul(NATIVE, p, Scalar.ZERO).isInfinity());
        assertTrue(SecretMul.mul(NATIVE, Point.INFINITY, Scalar.ONE).isInfinity());
    }

    @Test
    void frostRoundOneCommitmentsMatchThePurePath() {
        Random rnd = new Random(1);
        for (int i = 0; i < 20; i++) {
            Scalar share = randomScalar(rnd);
            byte[] h = new byte[32];
            byte[] b = new byte[32];
            rnd.nextBytes(h);
            rnd.nextBytes(b);
            SigningNonces n = Round1.commit(Ciphersuite.BIP340, Identifier.of(1), share, h, b);
            assertEquals(Point.mulG(n.hiding()), n.commitments().hiding());
            assertEquals(Point.mulG(n.binding()), n.commitments().binding());
        }
    }

    @Test
    void nip44ConversationKeysOnTheVectorsAndRandomKeys() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(Files.readString(Vectors.file("nip44/nip44.vectors.json"),
                StandardCharsets.UTF_8)).path("v2").path("valid").path("get_conversation_key");
        int n = 0;
        for (JsonNode c : cases) {
            Scalar sk = Scalar.decodeNonZero(Hex.decode(c.get("sec1").asText()));
            Point peer = Point.liftX(Hex.decode(c.get("pub2").asText()));
            assertEquals(SecretMul.mul(PURE, peer, sk), SecretMul.mul(NATIVE, peer, sk), c.toString());
            assertEquals(c.get("conversation_key").asText(), Hex.encode(ConversationKey.derive(
                    Hex.decode(c.get("sec1").asText()), Hex.decode(c.get("pub2").asText()))), c.toString());
            n++;
        }
        assertTrue(n >= 30, "conversation-key vectors: " + n);
        Random rnd = new Random(44);
        for (int i = 0; i < 50; i++) {
            byte[] a = randomScalar(rnd).encode();
            byte[] b = randomScalar(rnd).encode();
            assertEquals(Hex.encode(ConversationKey.derive(a, Schnorr.publicKey(b))),
                    Hex.encode(ConversationKey.derive(b, Schnorr.publicKey(a))), "symmetric, case " + i);
        }
    }

    @Test
    void uncompressedDecodingIsStrict() {
        byte[] g = new byte[65];
        g[0] = 4;
        System.arraycopy(Bytes.fixed32(Point.G.x()), 0, g, 1, 32);
        System.arraycopy(Bytes.fixed32(Point.G.y()), 0, g, 33, 32);
        assertEquals(Point.G, Point.decodeUncompressed(g));
        byte[] off = g.clone();
        off[64] ^= 1;
        assertEquals("point: not on the curve",
                org.junit.jupiter.api.Assertions.assertThrows(CryptoException.class,
                        () -> Point.decodeUncompressed(off)).getMessage());
        byte[] prefix = g.clone();
        prefix[0] = 2;
        org.junit.jupiter.api.Assertions.assertThrows(CryptoException.class, () -> Point.decodeUncompressed(prefix));
    }
}
