package dev.drey.crypto.tlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.crypto.Bytes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TlockHashToG1Test {
    private static final TlockHashToG1 QUUX = new TlockHashToG1("QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_");

    /** RFC 9380 appendix J.9.1 (affine x and y there; the y's sign is the compressed encoding's flag). */
    @Test
    void meetsRfc9380KnownAnswers() {
        assertEquals("852926add2207b76ca4fa57a8734416c8dc95e24501772c814278700eed6d1e4e8cf62d9c09db0fac349612b759e79a1",
                Hex.encode(QUUX.hash(new byte[0])));
        assertEquals("83567bc5ef9c690c2ab2ecdf6a96ef1c139cc0b2f284dca0a9a7943388a49a3aee664ba5379a7655d3c68900be2f6903",
                Hex.encode(QUUX.hash("abc".getBytes(StandardCharsets.US_ASCII))));
        // and the y coordinate of the "" vector itself
        assertEquals("08ba738453bfed09cb546dbb0783dbb3a5f1f566ed67bb6be0e8c67e2e81a4cc68ee29813bb7994998f3eae0c9c6a265",
                String.format("%096x", TlockPoints.toBigInteger(
                        TlockPoints.decodeG1(QUUX.hash(new byte[0]), "p").getY())));
    }

    /** drand-client's G1 test beacon (round 38 of its walkthrough chain) verifies; relabelled to round 55 it does not. */
    @Test
    void verifiesDrandsOwnBeacon() throws IOException {
        JsonNode set = new ObjectMapper().readTree(Files.readString(Vectors.file("drand/beacons.json")))
                .get("beacons").get(0);
        JsonNode info = set.get("chainInfo");
        Tlock.Chain chain = new Tlock.Chain(Hex.decode(info.get("public_key").asText()),
                Hex.decode(info.get("hash").asText()), info.get("genesis_time").asLong(), info.get("period").asLong());
        Tlock tlock = new Tlock(new TlockHashToG1(Tlock.DST));
        JsonNode valid = set.get("valid").get(0);
        byte[] signature = Hex.decode(valid.get("signature").asText());
        assertTrue(tlock.verifies(chain, valid.get("round").asLong(), signature));
        assertArrayEquals(Hex.decode(valid.get("randomness").asText()), Bytes.sha256(signature));
        JsonNode invalid = set.get("invalid").get(0);
        assertFalse(tlock.verifies(chain, invalid.get("round").asLong(), Hex.decode(invalid.get("signature").asText())));
    }
}
