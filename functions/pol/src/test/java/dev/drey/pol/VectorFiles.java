package dev.drey.pol;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/vectors (passed by the build as -Dvectors.dir); skips clearly when it is absent. */
final class VectorFiles {
    private VectorFiles() {
    }

    static Path file(String relative) {
        String p = System.getProperty("vectors.dir");
        Path dir = p == null ? Path.of("../shared/vectors") : Path.of(p);
        assumeTrue(Files.isDirectory(dir), "conformance vectors not found at " + dir.toAbsolutePath() + "; skipping");
        Path f = dir.resolve(relative);
        assumeTrue(Files.isRegularFile(f), "vector file missing: " + f + "; skipping");
        return f;
    }
}
