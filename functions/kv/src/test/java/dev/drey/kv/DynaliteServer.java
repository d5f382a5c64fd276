package dev.drey.kv;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * dynalite (an independent, open-source implementation of the DynamoDB API on Node, installed by the build
 * with {@code npm ci}) in memory on a free loopback port, for as long as a test class needs it.
 */
public final class DynaliteServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private DynaliteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static DynaliteServer start() throws IOException, InterruptedException {
        Path cli = LocalServers.moduleDir().resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(cli + " is missing: the build runs 'npm ci' in functions/kv");
        }
        int port = LocalServers.freePort();
        Process p = new ProcessBuilder("node", cli.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            LocalServers.awaitPort(port, Duration.ofSeconds(20), p);
        } catch (RuntimeException | InterruptedException e) {
            LocalServers.stop(p);
            throw e;
        }
        return new DynaliteServer(p, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws InterruptedException {
        LocalServers.stop(process);
    }
}
