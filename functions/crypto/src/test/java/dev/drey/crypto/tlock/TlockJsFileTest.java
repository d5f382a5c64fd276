package dev.drey.crypto.tlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.crypto.Hex;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.DrandJson;
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
        ChainInfo chain = DrandJson.parseChainInfo(info.toString()); // its hash is drand's, recomputed
        byte[] file = AgeArmor.decode(fixture.get("armor").asText());

        AgeFile age = AgeFile.parse(file);
        assertEquals(1, age.stanzas().size());
        assertEquals("tlock", age.stanzas().get(0).type());
        assertEquals(List.of("1000", info.get("hash").asText()), age.stanzas().get(0).args());
        assertEquals(96 + 16 + 16, age.stanzas().get(0).body().length);

        Beacon beacon = DrandJson.parseBeacon(fixture.get("beacon").toString());
        byte[] plaintext = Tlock.decrypt(chain, beacon, file, chain.roundTime(1000));
        assertArrayEquals(Hex.decode(fixture.get("plaintext").asText()), plaintext);

        // the same file with one byte of the MAC'd header changed (the chain hash's case) no longer parses or opens
        String text = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        String hash = info.get("hash").asText();
        String otherHash = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);
        byte[] altered = text.replaceFirst("-> tlock 1000 " + hash, "-> tlock 1000 " + otherHash)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        TlockException e = assertThrows(TlockException.class,
                () -> Tlock.decrypt(chain, beacon, altered, 0));
        assertTrue(e.getMessage().contains("is for chain"), e.getMessage());
    }
}
