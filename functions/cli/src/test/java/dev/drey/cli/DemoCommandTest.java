package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.nostr.Event;
import dev.drey.nostr.NostrParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
    @Test
    void demoProducesAnIssuanceEventSignedByTheGroupKey() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Drey.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("demo", "--miners", "4", "--threshold", "3"));
        JsonNode summary = Json.MAPPER.readTree(out.toString());
        Event event = new NostrParser().parseEvent(summary.get("issuanceEvent").toString());
        assertEquals(3460, event.kind());
        assertEquals(summary.get("groupPublicKey").asText(), event.pubkey());
        assertTrue(event.verify().isValid());
        assertEquals(5, summary.get("steps").size());
        assertTrue(err.toString().contains("drey demo: dkg"), "progress goes to stderr");
    }

    @Test
    void badScenarioIsAUsageLevelFailure() {
        StringWriter err = new StringWriter();
        CommandLine cl = Drey.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(Drey.EXIT_FAILURE, cl.execute("demo", "--miners", "2", "--threshold", "3"));
        assertTrue(err.toString().contains("threshold"));
    }
}
