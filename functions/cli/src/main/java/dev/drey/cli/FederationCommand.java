package dev.drey.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code drey federation init|check}: the federation file, and whether every member's relay answers. */
@Command(name = "federation", description = "The federation file: write it, check every member's relay.",
        subcommands = {FederationCommand.Init.class, FederationCommand.Check.class})
final class FederationCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: init or check");
    }

    @Command(name = "init", description = "Write a federation file (no group key yet: `drey dkg start --key frost "
            + "--update-federation` adds it).")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--member", required = true, paramLabel = "NPUB@WSURL", description = "a member: its nostr "
                + "key (npub or hex) and its relay's URL; repeat for every member, identifiers 1..n in this order")
        List<String> members = new ArrayList<>();

        @Option(names = "--threshold", required = true, description = "signers needed (2..members)")
        int threshold;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write it (refused "
                + "if it exists, unless --force)")
        Path out;

        @Option(names = "--force", description = "overwrite an existing file")
        boolean force;

        @Override
        public Integer call() {
            OperatorFederation f;
            try {
                f = OperatorFederation.init(members, threshold);
            } catch (IllegalArgumentException | CliException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (Files.exists(out) && !force) {
                throw new CliException(out + " exists; give --force to replace it");
            }
            OperatorFederation.write(out, f.toJson(Optional.empty()));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", out.toAbsolutePath().toString());
            o.put("threshold", f.threshold());
            o.put("members", f.members().size());
            spec.commandLine().getOut().println(Json.write(o));
            return 0;
        }
    }

    @Command(name = "check", description = "Connect to every member's relay: NIP-11 (software, version, latency) and "
            + "NIP-42 AUTH with the operator's key. Exit 1 when a member is unreachable or refuses the key.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the federation file")
        Path file;

        @Mixin
        OperatorKey key;

        @Option(names = "--timeout", defaultValue = "10", description = "seconds per relay (default ${DEFAULT-VALUE})")
        int timeoutSeconds;

        @Override
        public Integer call() {
            if (timeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
            }
            OperatorFederation f = OperatorFederation.read(file);
            List<Map<String, Object>> members = new ArrayList<>();
            boolean allOk = true;
            try (OperatorRelays relays = new OperatorRelays(key.require(), Duration.ofSeconds(timeoutSeconds))) {
                for (OperatorFederation.Member m : f.members()) {
                    OperatorRelays.Probe p = relays.probe(m);
                    allOk &= p.reachable() && p.authenticated();
                    members.add(p.toJson());
                }
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", file.toAbsolutePath().toString());
            o.put("threshold", f.threshold());
            o.put("groupPublicKey", f.signing().map(s -> s.groupPubkeyHex()).orElse(null));
            o.put("ok", allOk);
            o.put("members", members);
            spec.commandLine().getOut().println(Json.write(o));
            return allOk ? 0 : Drey.EXIT_INVALID;
        }
    }
}
