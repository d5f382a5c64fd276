package dev.drey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.crypto.Bytes;
import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
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
 * Time-lock encryption to a beacon chain ({@value Tlock#SCHEME}), in the age format tlock and tlock-js write: a
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
                description = "the chain's info as drand's /info returns it (scheme " + Tlock.SCHEME + ")")
        Path chainInfo;

        Tlock.Chain chain() {
            JsonNode info = readJson(chainInfo, "--chain-info");
            String scheme = text(info, "schemeID", "--chain-info");
            if (!Tlock.SCHEME.equals(scheme)) {
                throw new CliException("--chain-info: scheme " + scheme + " is not supported (only " + Tlock.SCHEME
                        + ")");
            }
            try {
                return new Tlock.Chain(hex(info, "public_key", 96, "--chain-info"), hex(info, "hash", 32, "--chain-info"),
                        number(info, "genesis_time", "--chain-info"), number(info, "period", "--chain-info"));
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
            Tlock.Chain chain = chain();
            byte[] file;
            try {
                file = Tlock.forUnchainedG1().encrypt(chain, round, readStdin(), parent.random);
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
            Tlock.Chain chain = chain();
            Tlock.RoundSignature beacon = beaconFile == null ? null : beacon();
            byte[] input = readStdin();
            byte[] plaintext;
            try {
                String head = new String(input, 0, Math.min(input.length, 1024), StandardCharsets.ISO_8859_1);
                byte[] file = AgeArmor.looksArmored(head)
                        ? AgeArmor.decode(new String(input, StandardCharsets.US_ASCII)) : input;
                plaintext = Tlock.forUnchainedG1().decrypt(chain, beacon, file, parent.clock.getAsLong());
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

        private Tlock.RoundSignature beacon() {
            JsonNode b = readJson(beaconFile, "--beacon");
            long round = number(b, "round", "--beacon");
            if (round < 1) {
                throw new CliException("--beacon: round must be at least 1");
            }
            byte[] signature = hex(b, "signature", 48, "--beacon");
            if (b.has("randomness") && !Bytes.constantTimeEquals(hex(b, "randomness", 32, "--beacon"),
                    Bytes.sha256(signature))) {
                throw new CliException("--beacon: randomness is not SHA-256 of the signature");
            }
            return new Tlock.RoundSignature(round, signature);
        }
    }

    private static JsonNode readJson(Path file, String option) {
        try {
            if (Files.size(file) > MAX_JSON_FILE) {
                throw new CliException(option + ": " + file + " is larger than " + MAX_JSON_FILE + " bytes");
            }
            JsonNode node = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new CliException(option + ": " + file + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new CliException(option + ": cannot read " + file + " as JSON: " + e.getClass().getSimpleName());
        }
    }

    private static String text(JsonNode node, String field, String option) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new CliException(option + ": \"" + field + "\" must be a string");
        }
        return v.asText();
    }

    private static byte[] hex(JsonNode node, String field, int bytes, String option) {
        String s = text(node, field, option);
        if (!Hex.isLowerHex(s, bytes)) {
            throw new CliException(option + ": \"" + field + "\" must be " + 2 * bytes + " lowercase hex digits");
        }
        return Hex.decode(s);
    }

    private static long number(JsonNode node, String field, String option) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new CliException(option + ": \"" + field + "\" must be a non-negative integer");
        }
        return v.asLong();
    }
}
