package dev.drey.crypto.tlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.crypto.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A file tlock-js 0.9.0 wrote (tlock-js-file.json: its armor, the chain and the round's beacon made with noble),
 * read without Node: the age layer and the IBE against an independent writer. The live both-ways test is the interop
 * module's TlockInteropTest.
 */
class TlockJsFileTest {
    @Test
    void opensAFileTlockJsWrote() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("tlock-js-file.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        JsonNode info = fixture.get("chainInfo");
        Tlock.Chain chain = new Tlock.Chain(Hex.decode(info.get("public_key").asText()),
                Hex.decode(info.get("hash").asText()), info.get("genesis_time").asLong(), info.get("period").asLong());
        byte[] file = AgeArmor.decode(fixture.get("armor").asText());

        AgeFile age = AgeFile.parse(file);
        assertEquals(1, age.stanzas().size());
        assertEquals("tlock", age.stanzas().get(0).type());
        assertEquals(List.of("1000", info.get("hash").asText()), age.stanzas().get(0).args());
        assertEquals(96 + 16 + 16, age.stanzas().get(0).body().length);

        JsonNode b = fixture.get("beacon");
        Tlock.RoundSignature beacon = new Tlock.RoundSignature(b.get("round").asLong(),
                Hex.decode(b.get("signature").asText()));
        byte[] plaintext = Tlock.forUnchainedG1().decrypt(chain, beacon, file, chain.roundTime(1000));
        assertArrayEquals(Hex.decode(fixture.get("plaintext").asText()), plaintext);

        // the same file with one byte of the MAC'd header changed (the chain hash's case) no longer parses or opens
        String text = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] altered = text.replaceFirst("-> tlock 1000 0", "-> tlock 1000 1")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        TlockException e = assertThrows(TlockException.class,
                () -> Tlock.forUnchainedG1().decrypt(chain, beacon, altered, 0));
        assertTrue(e.getMessage().contains("is for chain"), e.getMessage());
    }
}
