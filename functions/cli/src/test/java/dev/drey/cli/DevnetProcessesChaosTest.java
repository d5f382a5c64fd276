package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.devnet.processes.Artifacts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The multi-process devnet: {@code drey devnet --processes --chaos} with the smallest federation (2 miners) over the
 * built relay-ingest and roast-orchestrator artifacts (the reactor packages them first: see this module's pom).
 * Asserts the guarantees the run checks and reports: every process came up, the DKG function processes completed a
 * FROST DKG over the relays (one confirmed transcript), the shares went into the key files, the signer processes
 * signed a message with ROAST although one signer was SIGKILLed during it (the signature verifies under the group
 * key), the SIGKILLed relay was restarted and an event it had
 * acknowledged was read back, and no process is left alive afterwards.
 * Without the artifacts (a module-only build) it is skipped, except under CI=true where it fails.
 */
@Tag("processes")
class DevnetProcessesChaosTest {
    @TempDir
    Path dir;

    @Test
    void processesWithChaosRecoverAndLeaveNothingBehind() throws Exception {
        Path root = Artifacts.projectRoot();
        boolean built = Files.isRegularFile(root.resolve("relay-ingest/target/quarkus-app/quarkus-run.jar"))
                && Files.isRegularFile(root.resolve("roast-orchestrator/target/quarkus-app/quarkus-run.jar"));
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(built, "the deployables are not packaged: " + Artifacts.BUILD_COMMAND);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Drey.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("devnet", "--processes", "--chaos", "--miners", "2", "--threshold", "2", "--faulty",
                "0", "--json", "--data-dir", dir.resolve("devnet").toString());
        assertEquals(0, code, err.toString());
        JsonNode r = Json.MAPPER.readTree(out.toString());
        assertTrue(r.get("ok").asBoolean(), out.toString());

        Set<String> steps = new HashSet<>();
        for (JsonNode s : r.get("steps")) {
            assertTrue(s.get("ok").asBoolean(), s.toString());
            steps.add(s.get("name").asText());
        }
        assertEquals(Set.of("kafka", "relays", "dkg-functions", "dkg-frost", "frost-shares", "signers", "roast-sign",
                "chaos-relay"), steps);

        Set<String> roles = new HashSet<>();
        for (JsonNode p : r.get("processes")) {
            roles.add(p.get("miner").asInt() + "/" + p.get("role").asText());
            assertTrue(p.get("pid").asLong() > 0);
        }
        // the DKG functions were stopped once their shares were in the key files
        assertEquals(Set.of("0/kafka", "1/relay", "2/relay", "1/signer", "2/signer", "2/roast-orchestrator"), roles);

        JsonNode chaos = r.get("chaos");
        assertEquals(2, chaos.size(), out.toString());
        assertEquals("miner-1/signer", chaos.get(0).get("target").asText());
        assertEquals("roast-sign", chaos.get(0).get("atStep").asText());
        assertTrue(chaos.get(0).get("recovered").asBoolean(), "the signer came back and ROAST still signed");
        assertEquals("miner-1/relay", chaos.get(1).get("target").asText());
        assertTrue(chaos.get(1).get("recovered").asBoolean(), "restarted and the acknowledged event read back");
        for (JsonNode c : chaos) {
            assertEquals("sigkill", c.get("action").asText());
        }
        for (JsonNode p : r.get("processes")) {
            int expected = p.get("miner").asInt() == 1 && !p.get("role").asText().equals("kafka") ? 1 : 0;
            assertEquals(expected, p.get("restarts").asInt(), p.toString());
        }
        assertEquals(0, r.get("aliveAfterStop").size(), "no child process outlives the devnet");
        for (JsonNode p : r.get("processes")) {
            long pid = p.get("pid").asLong();
            assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "pid " + pid + " still alive");
        }
        assertTrue(Files.size(dir.resolve("devnet/logs/miner-1-relay.log")) > 0, "each process logs to its file");
    }
}
