package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Vectors;
import dev.drey.crypto.bls.DrandJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * drey tlock on drand's own walkthrough chain (its info and the round-38 beacon from drand-client's tests, in the
 * shared vectors): encrypt to round 38, decrypt with the real beacon; refusals as JSON on stderr.
 */
class TlockCommandTest {
    record Run(int exit, String out, byte[] raw, String err) {
        JsonNode error() throws Exception {
            return Json.MAPPER.readTree(err);
        }
    }

    static Run run(byte[] stdin, long now, String... args) {
        CommandLine cl = Drey.commandLine();
        TlockCommand t = (TlockCommand) cl.getSubcommands().get("tlock").getCommand();
        t.stdin = new ByteArrayInputStream(stdin);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        t.stdout = raw;
        t.clock = () -> now;
        t.random = new SplittableRandom(7);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), raw.toByteArray(), err.toString());
    }

    private static JsonNode walkthrough() throws Exception {
        return Json.MAPPER.readTree(Files.readString(Vectors.file("drand/beacons.json"))).get("beacons").get(0);
    }

    private static Path write(String name, String content) throws Exception {
        return FrostCommandTest.write(name, content);
    }

    @Test
    void encryptsToARoundAndOpensWithItsBeacon() throws Exception {
        JsonNode set = walkthrough();
        Path info = write("tlock-chain.json", set.get("chainInfo").toString());
        Path beacon = write("tlock-beacon-38.json", set.get("valid").get(0).toString());
        byte[] plaintext = "sealed bid: 1.5 BTC\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

        Run enc = run(plaintext, 0, "tlock", "encrypt", "--chain-info", info.toString(), "--round", "38");
        assertEquals(0, enc.exit(), enc.err());
        assertTrue(enc.out().startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"), enc.out());
        byte[] armor = enc.out().getBytes(StandardCharsets.US_ASCII);

        Run dec = run(armor, 2_000_000_000L, "tlock", "decrypt", "--chain-info", info.toString(), "--beacon",
                beacon.toString());
        assertEquals(0, dec.exit(), dec.err());
        assertArrayEquals(plaintext, dec.raw());

        // without a beacon: which round, and when (genesis 1687506816 + 37 · 3 s)
        Run early = run(armor, 1_687_506_900L, "tlock", "decrypt", "--chain-info", info.toString());
        assertEquals(Drey.EXIT_FAILURE, early.exit());
        String message = early.error().get("message").asText();
        assertTrue(message.contains("too early") && message.contains("round 38")
                && message.contains("2023-06-23T07:55:27Z"), message);
    }

    @Test
    void refusesAForgedBeaconAnotherChainAndBadInput() throws Exception {
        JsonNode set = walkthrough();
        Path info = write("tlock-chain.json", set.get("chainInfo").toString());
        byte[] armor = run(new byte[] {1}, 0, "tlock", "encrypt", "--chain-info", info.toString(), "--round", "55")
                .out().getBytes(StandardCharsets.US_ASCII);
        // round 38's signature relabelled as round 55 (drand-client's own invalid case)
        ObjectNode relabelled = ((ObjectNode) set.get("invalid").get(0).deepCopy());
        relabelled.remove("why");
        Path forged = write("tlock-beacon-forged.json", relabelled.toString());
        Run r = run(armor, 2_000_000_000L, "tlock", "decrypt", "--chain-info", info.toString(), "--beacon",
                forged.toString());
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.error().get("message").asText().contains("does not verify"), r.err());
        assertEquals(0, r.raw().length);

        // another chain (one second later genesis, its own hash): the file names the walkthrough chain
        ObjectNode later = ((ObjectNode) set.get("chainInfo").deepCopy()).put("genesis_time", 1687506817L);
        Path other = write("tlock-other-chain.json", DrandJson.print(DrandJson.parseChainInfoIgnoringHash(
                later.toString())));
        r = run(armor, 2_000_000_000L, "tlock", "decrypt", "--chain-info", other.toString());
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.error().get("message").asText().contains("is for chain"), r.err());

        byte[] armor38 = run(new byte[] {1}, 0, "tlock", "encrypt", "--chain-info", info.toString(), "--round", "38")
                .out().getBytes(StandardCharsets.US_ASCII);
        ObjectNode badRandomness = ((ObjectNode) set.get("valid").get(0).deepCopy()).put("randomness", "00".repeat(32));
        r = run(armor38, 0, "tlock", "decrypt", "--chain-info", info.toString(), "--beacon",
                write("tlock-beacon-badrand.json", badRandomness.toString()).toString());
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.error().get("message").asText().contains("randomness"), r.err());

        // a chain info whose hash is not drand's hash of its fields is refused before anything else
        ObjectNode lying = ((ObjectNode) set.get("chainInfo").deepCopy()).put("hash", "00".repeat(32));
        r = run(armor, 0, "tlock", "decrypt", "--chain-info", write("tlock-lying.json", lying.toString()).toString());
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.error().get("message").asText().contains("is not the hash"), r.err());

        ObjectNode chained = ((ObjectNode) set.get("chainInfo").deepCopy()).put("schemeID", "pedersen-bls-chained");
        r = run(new byte[] {1}, 0, "tlock", "encrypt", "--chain-info", write("tlock-chained.json", chained.toString())
                .toString(), "--round", "3");
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.error().get("message").asText().contains("schemeID"), r.err());

        byte[] garbage = "-----BEGIN AGE ENCRYPTED FILE-----\n!!!\n-----END AGE ENCRYPTED FILE-----\n"
                .getBytes(StandardCharsets.US_ASCII);
        r = run(garbage, 0, "tlock", "decrypt", "--chain-info", info.toString());
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.error().get("message").asText().startsWith("armor:"), r.err());
        assertTrue(!r.err().contains("Exception"), "no stack trace: " + r.err());

        r = run(new byte[0], 0, "tlock", "encrypt", "--chain-info", info.toString(), "--round", "0");
        assertEquals(Drey.EXIT_USAGE, r.exit());
        r = run(new byte[0], 0, "tlock", "encrypt", "--chain-info", info.toString());
        assertEquals(Drey.EXIT_USAGE, r.exit());
    }
}
