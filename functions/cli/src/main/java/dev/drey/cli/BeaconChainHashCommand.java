package dev.drey.cli;

import dev.drey.crypto.Hex;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drey beacon chain-hash --chain-info FILE}: drand's chain hash recomputed from the other fields. */
@Command(name = "chain-hash", description = "Recompute a chain's hash from its info (public_key, period, "
        + "genesis_time, groupHash, beaconID) as drand does; prints {hash}. The file's own hash may be absent or wrong.")
final class BeaconChainHashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--chain-info", required = true, paramLabel = "FILE", description = "the chain's info JSON")
    Path chainInfo;

    @Override
    public Integer call() {
        FrostCommand.print(spec, Map.of("hash", Hex.encode(ChainInfoFile.read(spec.commandLine(), chainInfo, true).hash())));
        return 0;
    }
}
