package dev.drey.cli;

import dev.drey.adversary.Adversary;
import dev.drey.adversary.AdversaryReport;
import dev.drey.adversary.ScenarioResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drey adversary}: attacks against the real running system. {@code list} names the scenarios;
 * {@code run NAME... | --all [--json]} runs each against a fresh in-process federation built as {@code drey devnet}
 * builds it. Progress on stderr; exit 0 only if every scenario passed, 2 if one failed, 64 on a usage error.
 */
@Command(name = "adversary", description = "Attack a fresh in-process federation and check its defences.",
        subcommands = {AdversaryCommand.ListScenarios.class, AdversaryCommand.Run.class})
final class AdversaryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list or run");
    }

    @Command(name = "list", description = "Print the scenario names, one a line.")
    static final class ListScenarios implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Adversary.names().forEach(out::println);
            out.flush();
            return 0;
        }
    }

    @Command(name = "run", description = "Run the named scenarios (or --all), each against a fresh federation.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "scenarios to run (see `drey adversary list`)")
        List<String> names = new ArrayList<>();

        @Option(names = "--all", description = "run every scenario")
        boolean all;

        @Option(names = "--json", description = "print one JSON object on stdout")
        boolean json;

        @Option(names = "--data-dir", description = "where each scenario's federation keeps its files, one directory "
                + "per scenario, wiped at its start (default: drey-adversary in the temp directory)")
        Path dataDir;

        @Override
        public Integer call() {
            if (all == !names.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "name the scenarios to run, or give --all (not both)");
            }
            List<String> chosen = all ? Adversary.names() : names;
            for (String n : chosen) {
                if (!Adversary.names().contains(n)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no scenario \"" + n
                            + "\"; `drey adversary list` names them");
                }
            }
            Path dir = (dataDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "drey-adversary") : dataDir)
                    .toAbsolutePath();
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            DevnetCommand.quietLogging();
            AdversaryReport report = Adversary.run(chosen, dir, line -> {
                err.println("drey adversary: " + line);
                err.flush();
            });
            if (json) {
                out.println(report.toJson());
            } else {
                for (ScenarioResult r : report.scenarios()) {
                    out.printf("%-26s %-6s %7d ms  %s%n", r.name(), r.passed() ? "passed" : "FAILED", r.ms(),
                            r.observed());
                }
                out.println(report.passed() ? "all " + report.scenarios().size() + " scenario(s) passed"
                        : report.scenarios().stream().filter(r -> !r.passed()).count() + " of "
                                + report.scenarios().size() + " scenario(s) FAILED");
            }
            out.flush();
            return report.passed() ? 0 : Drey.EXIT_FAILURE;
        }
    }
}
