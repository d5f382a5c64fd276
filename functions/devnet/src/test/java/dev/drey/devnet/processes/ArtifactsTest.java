package dev.drey.devnet.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.devnet.DevnetException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing deployables are named with the command that builds them; present ones are found. */
class ArtifactsTest {
    @TempDir
    Path root;

    @Test
    void missingArtifactsNameTheBuildCommand() throws Exception {
        Path relay = root.resolve("relay-ingest/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(relay.getParent());
        Files.writeString(relay, "");
        DevnetException e = assertThrows(DevnetException.class, () -> Artifacts.under(root));
        assertTrue(e.getMessage().contains("roast-orchestrator/target/quarkus-app/quarkus-run.jar is missing"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("with: " + Artifacts.BUILD_COMMAND), e.getMessage());
        assertTrue(!e.getMessage().contains(relay.toString()), "the relay artifact is there: " + e.getMessage());
    }

    @Test
    void findsBothArtifacts() throws Exception {
        for (String m : new String[] {"relay-ingest", "roast-orchestrator"}) {
            Path jar = root.resolve(m + "/target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "");
        }
        Artifacts a = Artifacts.under(root);
        assertEquals(root.resolve("relay-ingest/target/quarkus-app/quarkus-run.jar"), a.relayJar());
        assertEquals(root.resolve("roast-orchestrator/target/quarkus-app/quarkus-run.jar"), a.functionJar());
    }
}
