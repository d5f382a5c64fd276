package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconVerifier;
import dev.drey.crypto.bls.BlsException;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.DrandJson;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drey beacon verify --chain-info FILE}: one beacon on stdin, exit 0 valid or 1 invalid with the reason. */
@Command(name = "verify", description = "Read a beacon {round, randomness, signature} on stdin; exit 0 "
        + "{valid:true, round, chainHash} or exit 1 {valid:false, reason}.")
final class BeaconVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--chain-info", required = true, paramLabel = "FILE",
            description = "the chain's info as drand's /info endpoint serves it (its hash must match)")
    Path chainInfo;

    /** Standard input; tests put their own stream here. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        ChainInfo chain = ChainInfoFile.read(spec.commandLine(), chainInfo, false);
        Map<String, Object> out = new LinkedHashMap<>();
        Beacon beacon;
        try {
            beacon = DrandJson.parseBeacon(Stdin.readAll(stdin).strip());
        } catch (BlsException e) {
            out.put("valid", false);
            out.put("reason", e.getMessage());
            FrostCommand.print(spec, out);
            return Drey.EXIT_INVALID;
        }
        BeaconVerifier.Verdict v = new BeaconVerifier(chain).verify(beacon);
        out.put("valid", v.valid());
        out.put("round", beacon.round());
        out.put("chainHash", Hex.encode(chain.hash()));
        if (!v.valid()) {
            out.put("reason", v.reason());
        }
        FrostCommand.print(spec, out);
        return v.valid() ? 0 : Drey.EXIT_INVALID;
    }
}
