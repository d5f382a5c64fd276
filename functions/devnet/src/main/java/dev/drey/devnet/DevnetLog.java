package dev.drey.devnet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The devnet's detail log ({@code devnet.log} in the data directory): every function's notes and failures, so
 * the terminal shows progress only. Notes never carry secrets (the functions' contract).
 */
final class DevnetLog implements AutoCloseable {
    private final Path path;
    private BufferedWriter out;

    private DevnetLog(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    static DevnetLog open(Path dir) {
        Path p = dir.resolve("devnet.log");
        try {
            Files.createDirectories(dir);
            return new DevnetLog(p, Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new DevnetException("cannot write the devnet log " + p + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    synchronized void line(String text) {
        if (out == null) {
            return;
        }
        try {
            out.write(Instant.now() + " " + text);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            out = null; // a full disk must not stop the network; the terminal still shows progress
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing left to report it to
            }
            out = null;
        }
    }
}
