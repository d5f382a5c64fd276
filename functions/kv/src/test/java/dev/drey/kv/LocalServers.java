package dev.drey.kv;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test helpers: free loopback ports, waiting for a server, and child JVMs on the test class path. */
public final class LocalServers {
    private LocalServers() {}

    /**
     * A started redis-server (the binary shipped in embedded-redis, 6.2) on {@code port}, configured as the
     * project ships Redis: no snapshots, the append-only file fsynced before every reply (what a durable
     * {@code consume} requires of a Redis older than 7.2).
     */
    public static redis.embedded.RedisServer durableRedis(int port, String dirPrefix) throws Exception {
        redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly yes")
                .setting("appendfsync always")
                .setting("dir " + tempDir(dirPrefix))
                .build();
        server.start();
        awaitPort(port, Duration.ofSeconds(10), null);
        return server;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    public static void awaitPort(int port, Duration timeout, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("server process exited with " + process.exitValue()
                        + " before listening on port " + port);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after " + timeout);
    }

    /** The module directory (where package.json and node_modules are), passed by the build. */
    public static Path moduleDir() {
        String dir = System.getProperty("kv.dir");
        return dir == null ? Path.of("").toAbsolutePath() : Path.of(dir);
    }

    /** Starts {@code mainClass} in a new JVM with this test class path and the given system properties. */
    public static Process startJvm(Class<?> mainClass, Map<String, String> properties, List<String> args)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1"); // short-lived children: fast start beats peak speed
        cmd.add("-Xmx128m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    public static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    public static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }
}
