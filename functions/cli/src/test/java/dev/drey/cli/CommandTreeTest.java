package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The whole command tree: every command answers {@code --help} with its usage and exit 0, and usage errors exit 64
 * with a JSON error on stderr, whichever command they hit (no stack trace, never 2).
 */
class CommandTreeTest {
    @TempDir
    static Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run drey(List<String> args) {
        return drey(Drey.commandLine(), args);
    }

    /** Runs {@code args} on {@code cl} (picocli resets every option before each parse, so one tree serves many). */
    private static Run drey(CommandLine cl, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    /** Every command path of the tree, e.g. [federation, check]. */
    static List<List<String>> paths(CommandLine cl, List<String> prefix) {
        List<List<String>> all = new ArrayList<>();
        all.add(prefix);
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases lead to the same command
                List<String> p = new ArrayList<>(prefix);
                p.add(name);
                all.addAll(paths(sub, p));
            }
        });
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        CommandLine tree = Drey.commandLine();
        List<List<String>> paths = paths(tree, List.of());
        assertTrue(paths.size() > 30, "the walk found " + paths.size() + " commands");
        assertTrue(paths.contains(List.of("relay")) && paths.contains(List.of("federation", "check"))
                && paths.contains(List.of("dkg", "start")) && paths.contains(List.of("sign", "request")));
        return paths.stream().map(path -> DynamicTest.dynamicTest("drey " + String.join(" ", path) + " --help", () -> {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run r = drey(tree, args);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("Usage: drey" + (path.isEmpty() ? "" : " " + String.join(" ", path))),
                    r.out());
            assertTrue(r.out().contains("-h, --help"), r.out());
        }));
    }

    static Stream<List<String>> badUsages() throws Exception {
        Path fed = Files.writeString(dir.resolve("f.json"), "{}");
        String npub = "npub1" + "x";
        return Stream.of(
                List.of(),
                List.of("no-such-command"),
                List.of("devnet", "--miners", "1"),
                List.of("devnet", "--threshold", "9"),
                List.of("devnet", "--miners", "many"),
                List.of("relay"),
                List.of("relay", "--port", "1", "--no-such-option"),
                List.of("federation"),
                List.of("federation", "init", "--threshold", "2", "--out", dir.resolve("x.json").toString()),
                List.of("federation", "init", "--threshold", "1", "--out", dir.resolve("x.json").toString(),
                        "--member", npub + "@ws://a", "--member", npub + "@ws://b"),
                List.of("federation", "check"),
                List.of("dkg"),
                List.of("dkg", "start", "--federation", fed.toString(), "--key", "rsa"),
                List.of("sign", "request", "--federation", fed.toString(), "--message", "zz", "--purpose", "p"),
                List.of("sign", "request", "--federation", fed.toString(), "--message", "ab".repeat(32),
                        "--purpose", "p", "--timeout", "0"),
                List.of("status"),
                List.of("replay"),
                List.of("frost", "dealer", "--bogus"),
                List.of("keyfile", "create", "--bogus"));
    }

    @ParameterizedTest
    @MethodSource("badUsages")
    void usageErrorsExit64(List<String> args) {
        Run r = drey(args);
        assertEquals(Drey.EXIT_USAGE, r.exit(), "drey " + args + ": " + r.err());
        assertTrue(r.err().contains("\"error\":\"usage\""), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aSecretKeyValueOnTheCommandLineIsRefusedWithoutEchoingIt() {
        String secret = "22".repeat(32);
        Run r = drey(List.of("status", "--federation", dir.resolve("none.json").toString(), "--secret-key", secret));
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.err().contains("--secret-key: a secret on the command line"), r.err());
        assertTrue(!r.err().contains(secret) && !r.out().contains(secret), r.err());
    }
}
