package dev.drey.cli;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.bls.Bls12381;
import dev.drey.crypto.bls.BlsException;
import dev.drey.crypto.bls.DrandJson;
import dev.drey.crypto.bls.G2Point;
import dev.drey.crypto.bls.ThresholdVrf;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drey vrf ...}: the federation's threshold VRF (BLS12-381, DST {@value ThresholdVrf#DST_STRING}). */
@Command(name = "vrf", description = "Threshold VRF: verify an output with the group's G2 public key alone.",
        mixinStandardHelpOptions = true, subcommands = {VrfCommand.Verify.class})
public final class VrfCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a vrf subcommand is required");
    }

    @Command(name = "verify", description = "Read {input, output, proof} (hex) on stdin; exit 0 {valid:true} or "
            + "exit 1 {valid:false, reason}.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--public-key", required = true, paramLabel = "HEX",
                description = "the group public key: 96-byte compressed G2 point (the beacon chain's public_key)")
        String publicKey;

        InputStream stdin = System.in;

        @Override
        public Integer call() {
            G2Point pk;
            try {
                pk = G2Point.fromBytesNonIdentity(Hex.decode(publicKey, G2Point.BYTES), "--public-key");
            } catch (CryptoException e) { // bad hex, or a bad point (BlsException)
                throw new CommandLine.ParameterException(spec.commandLine(), "--public-key: " + e.getMessage());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            String reason;
            try {
                ThresholdVrf.Evaluation e = DrandJson.parseVrfEvaluation(Stdin.readAll(stdin).strip());
                reason = ThresholdVrf.check(new Bls12381.PreparedG2(pk), e);
                if (reason == null) {
                    out.put("valid", true);
                    out.put("output", Hex.encode(e.output()));
                    FrostCommand.print(spec, out);
                    return 0;
                }
            } catch (BlsException e) {
                reason = e.getMessage();
            }
            out.put("valid", false);
            out.put("reason", reason);
            FrostCommand.print(spec, out);
            return Drey.EXIT_INVALID;
        }
    }
}
