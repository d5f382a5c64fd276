package dev.drey.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The one way every vector test (this module, and through the test jar pol and cli) finds
 * ../shared/vectors (passed by the build as -Dvectors.dir).
 *
 * <p>A missing folder or file skips the test, saying so, only on a developer machine; under CI
 * (environment {@code CI=true}) it fails the build, so a CI job that lost the vectors cannot go
 * green without checking them.
 */
public final class Vectors {
    /** The environment variable CI services set; {@code true} turns a skip into a failure. */
    public static final String CI_VARIABLE = "CI";

    private Vectors() {
    }

    public static Path dir() {
        return dir(System.getProperty("vectors.dir"), System.getenv(CI_VARIABLE));
    }

    public static Path file(String relative) {
        return file(System.getProperty("vectors.dir"), System.getenv(CI_VARIABLE), relative);
    }

    /** {@link #dir()} with the property and the environment passed in (testable without either). */
    static Path dir(String property, String ci) {
        Path dir = property == null ? Path.of("../shared/vectors") : Path.of(property);
        if (!Files.isDirectory(dir)) {
            missing(ci, "conformance vectors not found at " + dir.toAbsolutePath() + " (set -Dvectors.dir)");
        }
        return dir;
    }

    static Path file(String property, String ci, String relative) {
        Path f = dir(property, ci).resolve(relative);
        if (!Files.isRegularFile(f)) {
            missing(ci, "vector file missing: " + f.toAbsolutePath());
        }
        return f;
    }

    private static void missing(String ci, String what) {
        if ("true".equalsIgnoreCase(ci)) {
            throw new AssertionFailedError(what + "; " + CI_VARIABLE + "=true, so this fails instead of skipping");
        }
        throw new TestAbortedException(what + "; skipping (under " + CI_VARIABLE + "=true this fails)");
    }
}
