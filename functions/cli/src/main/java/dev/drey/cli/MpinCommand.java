package dev.drey.cli;

import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.pol.MpinVectorCheck;
import dev.drey.pol.MpinVectorFile;
import dev.drey.pol.ServerChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drey mpin ...}: M-Pin conformance against Milagro's vector files. */
@Command(name = "mpin", description = "M-Pin (Milagro) conformance.", mixinStandardHelpOptions = true,
        subcommands = {MpinCommand.CheckVectorsCmd.class})
public final class MpinCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "an mpin subcommand is required");
    }

    @Command(name = "check-vectors", description = "Run a Milagro M-Pin vector file (.txt blocks or .json list) "
            + "through the share, recombination, permit, token, client and server code; exit 0 only if all match.")
    static final class CheckVectorsCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", description = "vector file")
        Path file;

        @Option(names = "--curve", description = "bls381, bn254cx or bls383 (default: from the file name)")
        String curve;

        @Option(names = "--limit", description = "check only the first N cases (default: all)")
        Integer limit;

        @Override
        public Integer call() throws IOException {
            if (limit != null && limit < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
            }
            MpinVectorFile f = MpinVectorFile.read(file);
            int total = limit == null ? f.cases().size() : Math.min(limit, f.cases().size());
            String name = curve != null ? curve : f.curveFromName().orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "cannot tell the curve from the file name; give --curve"));
            PairingCurve c;
            try {
                c = PairingCurves.byName(name);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            MpinVectorCheck check = new MpinVectorCheck(c, ServerChecks.all(c), new SecureRandom());
            List<Object> cases = new ArrayList<>();
            int passed = 0;
            for (int i = 0; i < total; i++) {
                MpinVectorCheck.CaseResult r = check.run(i, f.cases().get(i));
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("case", r.name());
                o.put("pass", r.passed());
                if (!r.passed()) {
                    o.put("mismatches", r.mismatches());
                }
                cases.add(o);
                passed += r.passed() ? 1 : 0;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", file.toString());
            out.put("curve", c.id());
            out.put("cases", cases);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("total", total);
            summary.put("inFile", f.cases().size());
            summary.put("passed", passed);
            summary.put("failed", total - passed);
            summary.put("servers", ServerChecks.all(c).stream().map(Map.Entry::getKey).toList());
            out.put("summary", summary);
            FrostCommand.print(spec, out);
            return passed == total ? 0 : Drey.EXIT_INVALID;
        }
    }
}
