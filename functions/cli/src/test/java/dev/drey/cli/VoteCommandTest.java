package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code drey vote}: one simulated vote over the real federation (relays, Kafka, the miners' functions, ROAST) with
 * a bad ballot, a bad partial decryption and an absent trustee; its record verifies, and fails once tampered.
 */
class VoteCommandTest {
    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int drey(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Drey.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void aSimulatedVoteCountsRefusesNamesAndItsRecordVerifiesUntilTampered() throws Exception {
        Path record = dir.resolve("record.json");
        int code = drey("vote", "simulate", "--miners", "4", "--threshold", "2", "--options", "3", "--choices",
                "1,0,1,-", "--bad-ballot", "1", "--bad-decryption", "1", "--absent", "1", "--record",
                record.toString(), "--data-dir", dir.resolve("fed").toString());
        assertEquals(0, code, err.toString());
        JsonNode o = Json.MAPPER.readTree(out.toString());
        assertEquals(List.of(1L, 1L, 0L), List.of(o.get("tally").get(0).asLong(), o.get("tally").get(1).asLong(),
                o.get("tally").get(2).asLong()));
        assertEquals(3, o.get("ballotsCounted").asInt(), "miner 4 abstains with an all-zero ballot");
        assertEquals(1, o.get("ballotsRefused").asInt());
        assertEquals(4, o.get("culprits").get(0).asInt(), "the bad partial decryption names trustee 4");
        assertEquals(3484, o.get("resultEvent").get("kind").asInt());
        assertEquals(o.get("groupPublicKey").asText(), o.get("resultEvent").get("pubkey").asText());

        assertEquals(0, drey("vote", "verify", record.toString()), out + " " + err);
        JsonNode v = Json.MAPPER.readTree(out.toString());
        assertTrue(v.get("valid").asBoolean());
        assertEquals(o.get("tally"), v.get("tally"));

        String json = Files.readString(record, StandardCharsets.UTF_8);
        int at = json.indexOf("\\\"tally\\\":[") + 11; // inside the result's content
        char c = json.charAt(at);
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, json.substring(0, at) + (c == '1' ? '2' : '1') + json.substring(at + 1));
        assertEquals(Drey.EXIT_INVALID, drey("vote", "verify", tampered.toString()));
        assertTrue(out.toString().contains("\"failure\":\"signature: event"), out.toString());
    }

    @Test
    void usageErrorsExit64() {
        assertEquals(Drey.EXIT_USAGE, drey("vote"));
        assertEquals(Drey.EXIT_USAGE, drey("vote", "simulate", "--miners", "3", "--choices", "0,1"));
        assertEquals(Drey.EXIT_USAGE, drey("vote", "simulate", "--miners", "3", "--choices", "0+1,1,-"));
        assertEquals(Drey.EXIT_USAGE, drey("vote", "simulate", "--miners", "3", "--choices", "0,1,9"));
        assertEquals(Drey.EXIT_USAGE, drey("vote", "simulate", "--miners", "3", "--choices", "0,1,1", "--mode", "x"));
    }
}
