package dev.drey.devnet.processes;

import dev.drey.devnet.DevnetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two deployables {@code drey devnet --processes} runs, as the build leaves them: the relay
 * ({@code relay-ingest}) and the function artifact ({@code roast-orchestrator}, which hosts every function by
 * {@code DREY_FUNCTION}); and the Java launcher and class path the broker process runs on.
 */
public record Artifacts(Path relayJar, Path functionJar, Path java, String brokerClassPath) {
    public static final String BUILD_COMMAND = "mvn -B -DskipTests -pl relay-ingest,roast-orchestrator -am package";

    /** The artifacts under the project root {@code root}; fails, naming the command that builds them, if absent. */
    public static Artifacts under(Path root) {
        Path relay = root.resolve("relay-ingest/target/quarkus-app/quarkus-run.jar");
        Path function = root.resolve("roast-orchestrator/target/quarkus-app/quarkus-run.jar");
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(relay, function)) {
            if (!Files.isRegularFile(p)) {
                missing.add(p.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new DevnetException("--processes runs the built deployables, and " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing; build them in " + root + " with: "
                    + BUILD_COMMAND);
        }
        return new Artifacts(relay, function, Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"));
    }

    /**
     * The project root: {@code drey.home} (the {@code ./drey} launcher sets it), else the nearest directory at or
     * above the working directory that holds {@code relay-ingest}.
     */
    public static Path projectRoot() {
        String home = System.getProperty("drey.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("relay-ingest")) && Files.isDirectory(p.resolve("roast-orchestrator"))) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
