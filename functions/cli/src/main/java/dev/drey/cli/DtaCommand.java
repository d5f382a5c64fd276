package dev.drey.cli;

import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drey dta ...}: the Distributed Trust Authority. */
@Command(name = "dta", description = "Distributed Trust Authority (M-Pin client secrets, permits, server secret).",
        mixinStandardHelpOptions = true, subcommands = {DtaCommand.SimulateCmd.class})
public final class DtaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a dta subcommand is required");
    }

    @Command(name = "simulate", description = "Enrol a random identity with an in-process federation and "
            + "authenticate it with the right PIN, a wrong PIN and last month's permit.")
    static final class SimulateCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--threshold", required = true, description = "shares needed (t >= 1)")
        int threshold;

        @Option(names = "--miners", required = true, description = "number of miners (n >= t, at most 50)")
        int miners;

        @Option(names = "--forge", defaultValue = "0", description = "how many miners forge their shares")
        int forge;

        @Option(names = "--curve", defaultValue = "bls381", description = "bls381 (default) or bn254cx")
        String curve;

        @Override
        public Integer call() throws IOException {
            CommandLine cl = spec.commandLine();
            if (threshold < 1 || miners < threshold || miners > 50) {
                throw new CommandLine.ParameterException(cl, "need 1 <= --threshold <= --miners <= 50");
            }
            if (forge < 0 || forge > miners) {
                throw new CommandLine.ParameterException(cl, "need 0 <= --forge <= --miners");
            }
            PairingCurve c;
            try {
                c = PairingCurves.byName(curve);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            FrostCommand.print(spec, new DtaSimulation().run(c, threshold, miners, forge));
            return 0;
        }
    }
}
