package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** drey roast simulate, run in process. */
class RoastCommandTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static String[] run(String... args) {
        CommandLine cl = Drey.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void adaptiveSimulationPrintsAVerifyingSignature() throws Exception {
        String[] r = run("roast", "simulate", "--threshold", "4", "--signers", "7", "--silent", "2", "--invalid", "1",
                "--attack", "adaptive", "--seed", "9");
        assertEquals("0", r[0], r[2]);
        JsonNode j = M.readTree(r[1]);
        byte[] sig = Hex.decode(j.get("signature").asText());
        byte[] key = Hex.decode(j.get("groupPublicKey").asText());
        byte[] msg = Hex.decode(j.get("message").asText());
        assertEquals(64, sig.length);
        assertEquals(32, msg.length);
        assertTrue(Schnorr.verify(key, msg, sig));
        assertEquals(4, j.get("sessionsStarted").asInt(), "f + 1 sessions under the adaptive attack");
        assertEquals(4, j.get("successfulSession").asInt());
        assertEquals(1, j.get("malicious").size(), "the invalid signer is in M");
        assertTrue(j.get("messagesSent").asInt() > 0 && j.get("messagesReceived").asInt() > 0);
        assertTrue(j.has("elapsedMs"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals("64", run("roast", "simulate", "--threshold", "5", "--signers", "3")[0]);
        assertEquals("64", run("roast", "simulate", "--threshold", "2", "--signers", "3", "--attack", "x")[0]);
        assertEquals("64", run("roast", "simulate", "--threshold", "2", "--signers", "3", "--coordinators", "3")[0],
                "at most n - t + 1 coordinators");
        assertEquals("64", run("roast", "simulate", "--threshold", "2", "--signers", "3", "--coordinators", "2",
                "--silent-coordinators", "2")[0], "at least one live coordinator");
        assertEquals("64", run("roast", "simulate", "--threshold", "2", "--signers", "3", "--stagger-ms", "-1")[0]);
    }

    @Test
    void severalCoordinatorsWithTheFirstCrashedStillSign() throws Exception {
        String[] r = run("roast", "simulate", "--threshold", "4", "--signers", "7", "--silent", "1", "--attack",
                "adaptive", "--coordinators", "3", "--silent-coordinators", "1", "--seed", "11");
        assertEquals("0", r[0], r[2]);
        JsonNode j = M.readTree(r[1]);
        assertTrue(Schnorr.verify(Hex.decode(j.get("groupPublicKey").asText()), Hex.decode(j.get("message").asText()),
                Hex.decode(j.get("signature").asText())));
        assertEquals(3, j.get("coordinators").asInt());
        assertEquals(1, j.get("winningCoordinator").asInt(), "the first live coordinator wins");
        JsonNode runs = j.get("coordinatorRuns");
        assertEquals("silent", runs.get(0).get("status").asText());
        assertEquals("completed", runs.get(1).get("status").asText());
        assertEquals("completed-by-other", runs.get(2).get("status").asText());
        assertTrue(j.get("simulatedNetworkMs").asLong() > 0);
    }
}
