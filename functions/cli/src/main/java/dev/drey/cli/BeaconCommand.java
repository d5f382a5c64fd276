package dev.drey.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code drey beacon ...}: the randomness beacon (drand's {@code bls-unchained-g1-rfc9380} form). Each
 * subcommand is its own class; a new one is one more entry in {@code subcommands}.
 */
@Command(name = "beacon", description = "Randomness beacon: verify beacons and chain info (ours or drand's quicknet).",
        mixinStandardHelpOptions = true, subcommands = {BeaconVerifyCommand.class, BeaconChainHashCommand.class})
public final class BeaconCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a beacon subcommand is required");
    }
}
