package dev.drey.cli;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.bls.Beacon;
import dev.drey.crypto.bls.BeaconScheme;
import dev.drey.crypto.bls.ChainInfo;
import dev.drey.crypto.bls.DrandJson;
import dev.drey.crypto.tlock.AgeArmor;
import dev.drey.crypto.tlock.Tlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Time-lock encryption to a beacon chain ({@value BeaconScheme#ID}), in the age format tlock and tlock-js write: a
 * file encrypted to round R opens with that round's beacon, by drey or by tlock-js.
 */
@Command(name = "tlock", description = "Time-lock encryption to a drand-style beacon chain (tlock / tlock-js format).",
        subcommands = {TlockCommand.Encrypt.class, TlockCommand.Decrypt.class})
final class TlockCommand {
    /** Chain info and beacon files are a few hundred bytes; anything far larger is not one. */
    private static final int MAX_JSON_FILE = 64 * 1024;

    // The outside world, replaced by tests.
    InputStream stdin = System.in;
    OutputStream stdout = System.out;
    LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    RandomGenerator random = new SecureRandom();

    abstract static class ChainCommand {
        @Spec
        CommandSpec spec;

        @ParentCommand
        TlockCommand parent;

        @Option(names = "--chain-info", required = true, paramLabel = "FILE",
                description = "the chain's info as drand's /info returns it (scheme " + BeaconScheme.ID + ")")
        Path chainInfo;

        ChainInfo chain() {
            try {
                return DrandJson.parseChainInfo(readFile(chainInfo, "--chain-info"));
            } catch (CryptoException e) {
                throw new CliException("--chain-info: " + e.getMessage());
            }
        }

        byte[] readStdin() {
            try {
                byte[] bytes = parent.stdin.readNBytes(Stdin.MAX_BYTES + 1);
                if (bytes.length > Stdin.MAX_BYTES) {
                    throw new CliException("standard input exceeds " + Stdin.MAX_BYTES + " bytes");
                }
                return bytes;
            } catch (IOException e) {
                throw new CliException("cannot read standard input: " + e.getMessage());
            }
        }
    }

    @Command(name = "encrypt", description = "Encrypt stdin to --round of the chain; prints the age armor.")
    static final class Encrypt extends ChainCommand implements Callable<Integer> {
        @Option(names = "--round", required = true, paramLabel = "R", description = "the round whose beacon opens it")
        long round;

        @Override
        public Integer call() {
            if (round < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--round must be at least 1");
            }
            ChainInfo chain = chain();
            byte[] file;
            try {
                file = Tlock.encrypt(chain, round, readStdin(), parent.random);
            } catch (CryptoException e) {
                throw new CliException(e.getMessage());
            }
            spec.commandLine().getOut().print(AgeArmor.encode(file));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "decrypt", description = "Decrypt the tlock file (armored or binary) on stdin with its round's "
            + "beacon; writes the plaintext to stdout.")
    static final class Decrypt extends ChainCommand implements Callable<Integer> {
        @Option(names = "--beacon", paramLabel = "FILE", description = "the beacon of the file's round: "
                + "{\"round\", \"randomness\", \"signature\"} (without it, says which round is needed and when)")
        Path beaconFile;

        @Override
        public Integer call() {
            ChainInfo chain = chain();
            Beacon beacon = beaconFile == null ? null : beacon();
            byte[] input = readStdin();
            byte[] plaintext;
            try {
                String head = new String(input, 0, Math.min(input.length, 1024), StandardCharsets.ISO_8859_1);
                byte[] file = AgeArmor.looksArmored(head)
                        ? AgeArmor.decode(new String(input, StandardCharsets.US_ASCII)) : input;
                plaintext = Tlock.decrypt(chain, beacon, file, parent.clock.getAsLong());
            } catch (CryptoException e) {
                throw new CliException(e.getMessage());
            }
            try {
                parent.stdout.write(plaintext);
                parent.stdout.flush();
            } catch (IOException e) {
                throw new CliException("cannot write standard output: " + e.getMessage());
            }
            return 0;
        }

        private Beacon beacon() {
            try {
                return DrandJson.parseBeacon(readFile(beaconFile, "--beacon"));
            } catch (CryptoException e) {
                throw new CliException("--beacon: " + e.getMessage());
            }
        }
    }

    private static String readFile(Path file, String option) {
        try {
            if (Files.size(file) > MAX_JSON_FILE) {
                throw new CliException(option + ": " + file + " is larger than " + MAX_JSON_FILE + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(option + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
