package dev.drey.crypto;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates ../shared/vectors (passed by the build as -Dvectors.dir). A vector test skips with a
 * clear message only when the folder is absent.
 */
public final class Vectors {
    private Vectors() {
    }

    public static Path dir() {
        String p = System.getProperty("vectors.dir");
        Path dir = p == null ? Path.of("../shared/vectors") : Path.of(p);
        assumeTrue(Files.isDirectory(dir),
                "conformance vectors not found at " + dir.toAbsolutePath() + " (set -Dvectors.dir); skipping");
        return dir;
    }

    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(f), "vector file missing: " + f + "; skipping");
        return f;
    }
}
