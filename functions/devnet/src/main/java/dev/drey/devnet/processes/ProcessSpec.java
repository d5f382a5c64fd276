package dev.drey.devnet.processes;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One supervised OS process as a deployment would run it: its command line, its environment (its whole
 * configuration: settings and the locations of its key file and passphrase file, never a secret inline unless the
 * deployable offers no other way) and where its output goes.
 *
 * @param miner    the miner it belongs to (0 for shared infrastructure such as the broker)
 * @param role     what it is ({@code kafka}, {@code relay}, {@code signer}, {@code functions}, ...)
 * @param ready    polled until the process is ready (its {@code /q/health/ready}); null: ready once started
 * @param metrics  where its metrics are served, for the report (may be null)
 */
public record ProcessSpec(int miner, String role, List<String> command, Map<String, String> env, Path workDir,
        Path logFile, URI ready, URI metrics) {
    public ProcessSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(logFile, "logFile");
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("a supervised process needs a command");
        }
        command = List.copyOf(command);
        env = Map.copyOf(env == null ? Map.of() : env);
    }

    /** The name progress lines and chaos records use: {@code miner-2/signer}, or the role alone for shared ones. */
    public String name() {
        return miner == 0 ? role : "miner-" + miner + "/" + role;
    }

    /** The environment is configuration that may name secrets' locations: only the variable names are shown. */
    @Override
    public String toString() {
        return "ProcessSpec[" + name() + ", " + command.get(0) + " ..., env " + env.keySet() + ", log " + logFile + "]";
    }
}
