package dev.drey.cli;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.signer.simulation.RoastSimulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drey roast ...}: ROAST over FROST. */
@Command(name = "roast", description = "Robust threshold signing (ROAST over FROST, BIP-340 signatures).",
        mixinStandardHelpOptions = true, subcommands = {RoastCommand.SimulateCmd.class, RoastCommand.SignCmd.class})
public final class RoastCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a roast subcommand is required");
    }

    @Command(name = "simulate", description = "Runs a whole ROAST run in process: the real coordinator and "
            + "signers exchanging signed nostr events, state and nonces in an MVStore file in a temporary directory.")
    static final class SimulateCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--threshold", required = true, description = "signers needed (t >= 2)")
        int threshold;

        @Option(names = "--signers", required = true, description = "group size (n >= t, at most 1000)")
        int signers;

        @Option(names = "--silent", defaultValue = "0", description = "signers that stop after their presignature")
        int silent;

        @Option(names = "--invalid", defaultValue = "0", description = "signers that send invalid shares")
        int invalid;

        @Option(names = "--attack", defaultValue = "static",
                description = "static (fair network) or adaptive (one disruptor held for every session)")
        String attack;

        @Option(names = "--coordinators", defaultValue = "1",
                description = "coordinators running the same request, 1 to n - t + 1 (at most 16); each signer gives "
                        + "each its own nonces, the first signature wins and the others stop")
        int coordinators;

        @Option(names = "--stagger-ms", defaultValue = "153",
                description = "simulated delay between coordinator starts: coordinator j starts j x this later "
                        + "(default 153, one round trip)")
        long staggerMs;

        @Option(names = "--silent-coordinators", defaultValue = "0",
                description = "the first K coordinators have crashed and never answer (K < --coordinators)")
        int silentCoordinators;

        @Option(names = "--seed", defaultValue = "0", description = "seed for a reproducible run (0: random)")
        long seed;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            if (threshold < 2 || signers < threshold || signers > 1000) {
                throw new CommandLine.ParameterException(cl,
                        "need 2 <= --threshold <= --signers <= 1000, got " + threshold + " and " + signers);
            }
            if (silent < 0 || invalid < 0 || silent + invalid > signers) {
                throw new CommandLine.ParameterException(cl, "--silent and --invalid must be >= 0 and sum to at most --signers");
            }
            RoastSimulation.Attack mode = switch (attack.toLowerCase(Locale.ROOT)) {
                case "static" -> RoastSimulation.Attack.STATIC;
                case "adaptive" -> RoastSimulation.Attack.ADAPTIVE;
                default -> throw new CommandLine.ParameterException(cl, "--attack must be static or adaptive");
            };
            int maxCoordinators = Math.min(signers - threshold + 1, dev.drey.roast.SignRequest.MAX_COORDINATORS);
            if (coordinators < 1 || coordinators > maxCoordinators) {
                throw new CommandLine.ParameterException(cl, "--coordinators must be between 1 and min(n - t + 1, "
                        + dev.drey.roast.SignRequest.MAX_COORDINATORS + ") = " + maxCoordinators);
            }
            if (staggerMs < 0 || staggerMs > 3_600_000) {
                throw new CommandLine.ParameterException(cl, "--stagger-ms must be between 0 and 3600000");
            }
            if (silentCoordinators < 0 || silentCoordinators >= coordinators) {
                throw new CommandLine.ParameterException(cl,
                        "--silent-coordinators must be between 0 and --coordinators - 1");
            }
            Path dir;
            try {
                dir = Files.createTempDirectory("drey-roast-sim");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a temporary directory", e);
            }
            try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false)) {
                RoastSimulation.Result r = RoastSimulation.run(new RoastSimulation.Config(threshold, signers, silent,
                        invalid, mode, seed, kv, false, coordinators, staggerMs, silentCoordinators));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("signature", r.signature() == null ? null : Hex.encode(r.signature()));
                out.put("groupPublicKey", Hex.encode(r.groupPublicKey()));
                out.put("message", Hex.encode(r.message()));
                out.put("verified", r.signature() != null
                        && Schnorr.verify(r.groupPublicKey(), r.message(), r.signature()));
                out.put("coordinators", coordinators);
                out.put("winningCoordinator", r.winner() < 0 ? null : r.winner());
                List<Map<String, Object>> each = new ArrayList<>();
                for (RoastSimulation.CoordinatorOutcome o : r.coordinators()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("index", o.index());
                    m.put("pubkey", o.pubkey());
                    m.put("status", o.silent() ? "silent" : o.status() == null ? "idle"
                            : o.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                    m.put("sessionsStarted", o.state() == null ? 0 : o.state().sessions().size());
                    m.put("messagesSent", o.messagesSent());
                    m.put("messagesReceived", o.messagesReceived());
                    each.add(m);
                }
                out.put("coordinatorRuns", each);
                out.put("sessionsStarted", r.sessionsStarted());
                out.put("successfulSession", r.successfulSession());
                out.put("malicious", ids(r.malicious()));
                if (!r.succeeded()) {
                    out.put("culprits", ids(r.culprits()));
                }
                out.put("messagesSent", r.messagesSent());
                out.put("messagesReceived", r.messagesReceived());
                out.put("elapsedMs", r.elapsedMs());
                out.put("simulatedNetworkMs", r.simulatedMs() < 0 ? null : Math.round(r.simulatedMs()));
                out.put("coordinatorMs", r.coordinatorNanos() / 1_000_000);
                out.put("signersMs", r.signerNanos() / 1_000_000);
                cl.getOut().println(Json.write(out));
                cl.getOut().flush();
                return r.succeeded() ? 0 : Drey.EXIT_FAILURE;
            } finally {
                deleteTree(dir);
            }
        }

        private static List<Long> ids(List<Identifier> list) {
            List<Long> out = new ArrayList<>();
            for (Identifier id : list) {
                out.add(id.value().toBigInteger().longValueExact());
            }
            return out;
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary directory is harmless.
            }
        }
    }

    @Command(name = "sign", description = "Asks a running devnet (`drey devnet --keep-running`) to sign a 32-byte "
            + "message as the federation; prints the signature as JSON, checked under the group key.")
    static final class SignCmd implements Callable<Integer> {
        static final String KEY_ENV = "DREY_DEVNET_CLIENT_KEY";

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--message", required = true, description = "the 32-byte message, 64 hex characters")
        String message;

        @Option(names = "--secret-key", paramLabel = "-", description = "read the devnet's demo client key (nsec or "
                + "hex), as `drey devnet --keep-running` prints it, from standard input; or --secret-key-file, or set "
                + KEY_ENV)
        String secretKey;

        @Option(names = "--secret-key-file", paramLabel = "FILE", description = "a file holding the demo client key")
        java.nio.file.Path secretKeyFile;

        /** Standard input, replaced by tests. */
        java.io.InputStream stdin = System.in;

        @Option(names = "--data-dir", description = "the devnet's data directory (default: the one `drey devnet` uses)")
        java.nio.file.Path dataDir;

        @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for the result (default "
                + "${DEFAULT-VALUE})")
        int timeoutSeconds;

        @Override
        public Integer call() {
            String key = SecretArgument.read("--secret-key", secretKey, secretKeyFile, stdin, null)
                    .orElse(System.getenv(KEY_ENV));
            if (key == null || key.isBlank()) {
                throw new CliException("give the demo client key with --secret-key-file FILE, --secret-key - "
                        + "(standard input) or " + KEY_ENV);
            }
            byte[] sk = KeyInput.secretKey(key.strip(), "--secret-key");
            byte[] msg;
            try {
                msg = dev.drey.crypto.Hex.decode(message.strip(), 32);
            } catch (RuntimeException e) {
                throw new CliException("--message must be 64 hex characters (32 bytes)");
            }
            java.nio.file.Path dir = (dataDir == null ? DevnetCommand.defaultDataDir() : dataDir).toAbsolutePath();
            DevnetCommand.quietLogging();
            dev.drey.devnet.DevnetSigning.Outcome o;
            try {
                o = dev.drey.devnet.DevnetSigning.sign(dir, sk, msg, java.time.Duration.ofSeconds(timeoutSeconds),
                        line -> {
                            spec.commandLine().getErr().println("drey roast sign: " + line);
                            spec.commandLine().getErr().flush();
                        });
            } catch (dev.drey.devnet.DevnetException e) {
                throw new CliException(e.getMessage());
            } finally {
                java.util.Arrays.fill(sk, (byte) 0);
            }
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("requestId", o.requestId());
            out.put("message", message.strip());
            out.put("groupPublicKey", o.groupPublicKey());
            out.put("signature", dev.drey.crypto.Hex.encode(o.signature()));
            out.put("session", o.sessionId());
            out.put("valid", o.valid());
            out.put("unreachableRelays", o.unreachable());
            spec.commandLine().getOut().println(Json.write(out));
            return o.valid() ? 0 : Drey.EXIT_INVALID;
        }
    }
}
