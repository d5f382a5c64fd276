package dev.drey.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built `drey` command line (functions/cli/target/drey.jar) as an operator would. */
final class DreyCommand {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private DreyCommand() {
    }

    static Result run(String stdin, String... args) {
        return run(60, stdin, args);
    }

    static Result run(int timeoutSeconds, String stdin, String... args) {
        Path jar = Path.of(System.getProperty("drey.root", "../.."), "functions/cli/target/drey.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("drey.jar not built at " + jar + " (run mvn -B verify from the root)");
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("drey timed out");
            }
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
