package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Vectors;
import dev.drey.crypto.bls.BlsDealer;
import dev.drey.crypto.bls.DrandJson;
import dev.drey.crypto.bls.PartialSignature;
import dev.drey.crypto.bls.ThresholdBls;
import dev.drey.crypto.bls.ThresholdMessage;
import dev.drey.crypto.bls.ThresholdVrf;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code drey beacon verify | chain-hash} and {@code drey vrf verify}: exit codes and JSON, on drand's own data. */
class BeaconCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, JsonNode out, String err) {
    }

    private static Run run(String stdin, String... args) throws Exception {
        CommandLine cl = Drey.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        try { // put the test's stdin into the command that will run (a usage error never reads it)
            CommandLine.ParseResult leaf = cl.parseArgs(args);
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            Object cmd = leaf.commandSpec().userObject();
            byte[] in = stdin.getBytes(StandardCharsets.UTF_8);
            if (cmd instanceof BeaconVerifyCommand b) {
                b.stdin = new ByteArrayInputStream(in);
            } else if (cmd instanceof VrfCommand.Verify v) {
                v.stdin = new ByteArrayInputStream(in);
            }
        } catch (CommandLine.ParameterException usage) {
            // execute() below reports it as the command line does
        }
        int exit = cl.execute(args);
        String o = out.toString().strip();
        return new Run(exit, o.isEmpty() ? null : Json.MAPPER.readTree(o), err.toString());
    }

    private static JsonNode vectors() throws Exception {
        return Json.MAPPER.readTree(Files.readString(Vectors.file("drand/beacons.json")));
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void drandClientTestBeaconsVerifyThroughTheCommand() throws Exception {
        JsonNode chain = vectors().get("beacons").get(0);
        String info = file("walkthrough.json", chain.get("chainInfo").toString()).toString();
        JsonNode good = chain.get("valid").get(0);
        Run ok = run(good.toString(), "beacon", "verify", "--chain-info", info);
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().get("valid").asBoolean());
        assertEquals(38, ok.out().get("round").asLong());
        ObjectNode bad = chain.get("invalid").get(0).deepCopy();
        bad.remove("why");
        Run no = run(bad.toString(), "beacon", "verify", "--chain-info", info);
        assertEquals(1, no.exit());
        assertFalse(no.out().get("valid").asBoolean());
        assertTrue(no.out().get("reason").asText().startsWith("signature"), no.out().toString());
        Run garbage = run("{\"round\":1}", "beacon", "verify", "--chain-info", info);
        assertEquals(1, garbage.exit());
        assertTrue(garbage.out().get("reason").asText().contains("randomness"), garbage.out().toString());
    }

    @Test
    void chainHashIsRecomputedAsDrandDoes() throws Exception {
        ObjectNode quicknet = vectors().get("chainHash").get(0).get("chainInfo").deepCopy();
        String published = quicknet.remove("hash").asText();
        Run r = run("", "beacon", "chain-hash", "--chain-info", file("q.json", quicknet.toString()).toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971", r.out().get("hash").asText());
        assertEquals(published, r.out().get("hash").asText());
    }

    @Test
    void badChainInfoIsAUsageError() throws Exception {
        ObjectNode quicknet = vectors().get("chainHash").get(0).get("chainInfo").deepCopy();
        quicknet.put("hash", "00".repeat(32));
        Run wrongHash = run("{}", "beacon", "verify", "--chain-info", file("w.json", quicknet.toString()).toString());
        assertEquals(64, wrongHash.exit());
        assertTrue(wrongHash.err().contains("hash"), wrongHash.err());
        assertEquals(64, run("{}", "beacon", "verify", "--chain-info", dir.resolve("absent.json").toString()).exit());
        assertEquals(64, run("{}", "beacon", "verify").exit());
        assertEquals(64, run("", "beacon").exit());
    }

    @Test
    void vrfOutputsVerifyWithThePublicKeyAlone() throws Exception {
        SecureRandom rng = new SecureRandom();
        BlsDealer.Dealt dealt = BlsDealer.deal(2, 3, rng);
        byte[] input = "pick an investor".getBytes(StandardCharsets.UTF_8);
        ThresholdMessage m = ThresholdMessage.vrf(input);
        List<PartialSignature> ps = new ArrayList<>();
        ps.add(ThresholdBls.sign(dealt.shares().get(2), m, rng));
        ps.add(ThresholdBls.sign(dealt.shares().get(0), m, rng));
        ThresholdVrf.Evaluation e = ThresholdVrf.Evaluation.of(input,
                ThresholdBls.aggregate(dealt.groupKey(), m, ps).signature());
        String pk = dealt.groupKey().publicKey().toHex();
        Run ok = run(DrandJson.toNode(e).toString(), "vrf", "verify", "--public-key", pk);
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(Hex.encode(e.output()), ok.out().get("output").asText());
        ObjectNode tampered = DrandJson.toNode(e);
        tampered.put("input", Hex.encode("pick another one".getBytes(StandardCharsets.UTF_8)));
        Run no = run(tampered.toString(), "vrf", "verify", "--public-key", pk);
        assertEquals(1, no.exit());
        assertTrue(no.out().get("reason").asText().startsWith("proof"), no.out().toString());
        assertEquals(64, run("{}", "vrf", "verify", "--public-key", "00".repeat(96)).exit());
        assertEquals(64, run("{}", "vrf", "verify", "--public-key", "zz").exit());
    }
}
