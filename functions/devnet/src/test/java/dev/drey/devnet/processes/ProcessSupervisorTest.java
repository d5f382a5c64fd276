package dev.drey.devnet.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.devnet.DevnetException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor over real child JVMs: readiness, restart after SIGKILL, failure with the log, nothing left behind. */
class ProcessSupervisorTest {
    @TempDir
    Path dir;

    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    private ProcessSpec child(int miner, String role, Map<String, String> env, int port) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessSpec(miner, role, List.of(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), HealthChild.class.getName()), env, dir,
                dir.resolve("logs").resolve(role + ".log"),
                port == 0 ? null : URI.create("http://127.0.0.1:" + port + "/q/health/ready"),
                URI.create("http://127.0.0.1:" + port + "/q/metrics"));
    }

    @Test
    void restartsAKilledProcessAndLeavesNothingBehind() throws Exception {
        List<Long> pids;
        int relayPort = freePort();
        int signerPort = freePort();
        try (ProcessSupervisor s = new ProcessSupervisor(progress::add, Duration.ofSeconds(60))) {
            s.start(child(1, "relay", Map.of("CHILD_PORT", "" + relayPort), relayPort));
            ProcessInfo signer = s.start(child(1, "signer", Map.of("CHILD_PORT", "" + signerPort), signerPort));
            assertEquals(2, s.livePids().size());

            long killed = s.kill("miner-1/signer");
            assertEquals(signer.pid(), killed);
            assertTrue(s.awaitRecovered("miner-1/signer", 0, Duration.ofSeconds(60)), String.join("\n", progress));
            ProcessInfo after = s.processes().stream().filter(p -> p.role().equals("signer")).findFirst().orElseThrow();
            assertEquals(1, after.restarts());
            assertNotEquals(killed, after.pid());
            assertEquals("http://127.0.0.1:" + signerPort + "/q/metrics", after.metricsUrl());
            assertTrue(ProcessSupervisor.httpProbe().test(URI.create("http://127.0.0.1:" + signerPort
                    + "/q/health/ready")), "the restarted process serves again");
            assertEquals(0, s.processes().get(0).restarts());
            pids = s.livePids();
            assertEquals(2, pids.size());
        }
        // after close: every pid ever started (the killed one too) is gone
        for (long pid : pids) {
            assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "pid " + pid + " still alive");
        }
        assertTrue(Files.readString(dir.resolve("logs/signer.log")).lines().filter(l -> l.startsWith("child ready"))
                .count() >= 2, "the log file is appended to across restarts");
    }

    @Test
    void aProcessThatExitsBeforeReadyFailsWithItsLog() throws Exception {
        try (ProcessSupervisor s = new ProcessSupervisor(progress::add, Duration.ofSeconds(60))) {
            int port = freePort();
            DevnetException e = assertThrows(DevnetException.class, () -> s.start(child(2, "functions",
                    Map.of("CHILD_FAIL", "federation file missing: /nowhere", "CHILD_PORT", "" + port), port)));
            assertTrue(e.getMessage().contains("miner-2/functions exited (3) before it was ready"), e.getMessage());
            assertTrue(e.getMessage().contains("federation file missing: /nowhere"), e.getMessage());
            assertTrue(s.processes().isEmpty());
            assertTrue(s.livePids().isEmpty());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
