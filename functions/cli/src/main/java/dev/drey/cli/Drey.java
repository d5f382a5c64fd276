package dev.drey.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator's command line. Results are JSON on stdout; failures are JSON on stderr
 * with exit code 2; usage errors exit 64.
 */
@Command(name = "drey", mixinStandardHelpOptions = true, version = "drey 0.1.0",
        description = "Drey Miner: the node software of the Drey federation.")
public final class Drey implements Runnable {
    public static final int EXIT_INVALID = 1;
    public static final int EXIT_FAILURE = 2;
    public static final int EXIT_USAGE = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Builds the command tree; each command group registers here. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Drey());
        // Subcommands are registered here, one line per command group.
        cl.addSubcommand(new KeygenCommand());
        cl.addSubcommand("event", new EventCommand());
        cl.addSubcommand("nip44", new Nip44Command());
        cl.addSubcommand(new FrostCommand());
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand(new RoastCommand());
        cl.addSubcommand(new RelayCommand());
        cl.addSubcommand(new MpinCommand());
        cl.addSubcommand(new DtaCommand());
        cl.addSubcommand(new DevnetCommand());
        cl.addSubcommand(new AdversaryCommand());
        cl.addSubcommand(new VoteCommand());
        cl.addSubcommand(new ReplayCommand());
        cl.addSubcommand(new KeyfileCommand());
        cl.addSubcommand(new BeaconCommand());
        cl.addSubcommand(new VrfCommand());
        cl.addSubcommand(new TlockCommand());
        cl.addSubcommand(new FederationCommand());
        cl.addSubcommand(new DkgCommand());
        cl.addSubcommand(new SignCommand());
        cl.addSubcommand(new StatusCommand());
        withHelp(cl);
        cl.setParameterExceptionHandler(CliSupport::usageError);
        cl.setExecutionExceptionHandler(CliSupport::failure);
        return cl;
    }

    /** Every command of the tree answers --help (and --version), whether or not its class asked for it. */
    private static void withHelp(CommandLine cl) {
        if (!cl.getCommandSpec().mixinStandardHelpOptions()) {
            cl.getCommandSpec().mixinStandardHelpOptions(true);
        }
        cl.getSubcommands().values().forEach(Drey::withHelp);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
