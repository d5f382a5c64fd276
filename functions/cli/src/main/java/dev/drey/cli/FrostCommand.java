package dev.drey.cli;

import dev.drey.nostr.Nip19;
import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.ConformanceCheck;
import dev.drey.crypto.frost.ConformanceVector;
import dev.drey.crypto.frost.InProcess;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.KeyPackage;
import dev.drey.crypto.frost.PublicKeyPackage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drey frost ...}: FROST threshold keys and signatures run in process, for tests, small
 * setups and conformance checks. Key files are the JSON that {@code dealer} and {@code dkg-local} print.
 */
@Command(name = "frost", description = "FROST threshold signatures (RFC 9591 and the BIP-340 variant).",
        mixinStandardHelpOptions = true,
        subcommands = {FrostCommand.DealerCmd.class, FrostCommand.DkgLocalCmd.class, FrostCommand.SignLocalCmd.class,
            FrostCommand.CheckVectorsCmd.class})
public final class FrostCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a frost subcommand is required");
    }

    /** Threshold and group size, checked before any work. */
    static final class Sizes {
        @Option(names = "--threshold", required = true, description = "signers needed (t >= 2)")
        int threshold;

        @Option(names = "--signers", required = true, description = "group size (n >= t)")
        int signers;

        void check(CommandLine cl) {
            if (threshold < 2 || signers < threshold) {
                throw new CommandLine.ParameterException(cl,
                        "need 2 <= --threshold <= --signers, got " + threshold + " and " + signers);
            }
            if (signers > 10_000) {
                throw new CommandLine.ParameterException(cl, "--signers is limited to 10000");
            }
        }
    }

    @Command(name = "dealer", description = "Trusted-dealer key generation (RFC 9591 appendix C).")
    static final class DealerCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Sizes sizes;

        @Override
        public Integer call() {
            sizes.check(spec.commandLine());
            print(spec, keysJson(InProcess.dealer(sizes.threshold, sizes.signers, new SecureRandom())));
            return 0;
        }
    }

    @Command(name = "dkg-local", description = "Pedersen DKG among in-process participants.")
    static final class DkgLocalCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Sizes sizes;

        @Override
        public Integer call() {
            sizes.check(spec.commandLine());
            // The DKG's proof-of-knowledge hash is the BIP-340 variant's: its keys serve nostr.
            InProcess.Keys keys = InProcess.dkg(Ciphersuite.BIP340, sizes.threshold, sizes.signers,
                    new SecureRandom());
            print(spec, keysJson(keys));
            return 0;
        }
    }

    @Command(name = "sign-local", description = "Runs both signing rounds among the listed signers in process.")
    static final class SignLocalCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--keys", required = true, description = "key file (output of dealer or dkg-local)")
        Path keys;

        @Option(names = "--message", required = true, description = "message as lowercase hex")
        String message;

        @Option(names = "--signers", required = true, split = ",", description = "signer identifiers, e.g. 1,3,5")
        List<String> signers;

        @Option(names = "--variant", defaultValue = "bip340", description = "rfc9591 or bip340 (default)")
        String variant;

        @Override
        public Integer call() throws IOException {
            CommandLine cl = spec.commandLine();
            Ciphersuite cs = variant(cl, variant);
            byte[] msg;
            try {
                msg = Hex.decode(message);
            } catch (CryptoException e) {
                throw new CommandLine.ParameterException(cl, "--message: " + e.getMessage());
            }
            List<Identifier> ids = new ArrayList<>();
            for (String s : signers) {
                try {
                    ids.add(Identifier.of(Long.parseLong(s.trim())));
                } catch (NumberFormatException | CryptoException e) {
                    throw new CommandLine.ParameterException(cl, "--signers: '" + s + "' is not a positive integer");
                }
            }
            if (new java.util.HashSet<>(ids).size() != ids.size()) {
                throw new CommandLine.ParameterException(cl, "--signers: an identifier is listed twice");
            }
            InProcess.Keys kf = KeyFile.read(keys);
            byte[] sig = InProcess.sign(cs, kf, ids, msg, new SecureRandom());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("signature", Hex.encode(sig));
            out.put("groupPublicKey", Hex.encode(cs.encodeVerifyingKey(kf.publicKeyPackage().groupPublicKey())));
            print(spec, out);
            return 0;
        }
    }

    @Command(name = "check-vectors", description = "Checks a vector file in the RFC 9591 JSON shape field by field.")
    static final class CheckVectorsCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", description = "vector file")
        Path file;

        @Option(names = "--variant", description = "rfc9591 or bip340 (default: inferred from the file)")
        String variant;

        @Override
        public Integer call() throws IOException {
            Ciphersuite given = variant == null ? null : variant(spec.commandLine(), variant);
            ConformanceVector v = VectorFile.read(file);
            Ciphersuite cs = given != null ? given : v.inferredSuite();
            List<ConformanceCheck.Field> fields = ConformanceCheck.run(v, cs);
            boolean pass = !fields.isEmpty() && fields.stream().allMatch(ConformanceCheck.Field::pass);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ConformanceCheck.Field f : fields) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("field", f.name());
                row.put("pass", f.pass());
                row.put("expected", f.expected());
                row.put("actual", f.actual());
                rows.add(row);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", file.toString());
            out.put("variant", cs == Ciphersuite.BIP340 ? "bip340" : "rfc9591");
            out.put("pass", pass);
            out.put("passed", fields.stream().filter(ConformanceCheck.Field::pass).count());
            out.put("failed", fields.stream().filter(f -> !f.pass()).count());
            out.put("fields", rows);
            print(spec, out);
            return pass ? 0 : Drey.EXIT_INVALID;
        }
    }

    static Ciphersuite variant(CommandLine cl, String name) {
        try {
            return Ciphersuite.named(name);
        } catch (CryptoException e) {
            throw new CommandLine.ParameterException(cl, "--variant: " + e.getMessage());
        }
    }

    /** The key-file JSON: group key (x-only, compressed, npub), threshold, and every participant. */
    static Map<String, Object> keysJson(InProcess.Keys keys) {
        PublicKeyPackage pub = keys.publicKeyPackage();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("threshold", pub.minSigners());
        out.put("signers", pub.maxSigners());
        out.put("groupPublicKey", Hex.encode(pub.groupPublicKey().xOnly()));
        out.put("groupPublicKeyCompressed", Hex.encode(pub.groupPublicKey().encodeCompressed()));
        out.put("npub", Nip19.encodeNpub(Hex.encode(pub.groupPublicKey().xOnly())));
        List<Map<String, Object>> ps = new ArrayList<>();
        for (KeyPackage k : keys.keyPackages().values()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("identifier", k.identifier().value().toBigInteger());
            p.put("secretShare", Hex.encode(k.signingShare().encode()));
            p.put("publicShare", Hex.encode(k.verifyingShare().encodeCompressed()));
            ps.add(p);
        }
        out.put("participants", ps);
        return out;
    }

    /** Reads a key file; every share is checked against its public share. */
    static final class KeyFile {
        private KeyFile() {
        }

        static InProcess.Keys read(Path file) {
            JsonNode root = readJson(file);
            if (root == null || !root.isObject()) {
                throw new CryptoException("key file: not a JSON object");
            }
            int t = requiredInt(root, "threshold");
            Point group = Point.decodeCompressed(Hex.decode(requiredText(root, "groupPublicKeyCompressed"), 33));
            if (root.has("groupPublicKey")
                    && !requiredText(root, "groupPublicKey").equals(Hex.encode(group.xOnly()))) {
                throw new CryptoException("key file: groupPublicKey and groupPublicKeyCompressed disagree");
            }
            JsonNode ps = root.get("participants");
            if (ps == null || !ps.isArray() || ps.isEmpty()) {
                throw new CryptoException("key file: participants missing");
            }
            Map<Identifier, Point> publicShares = new TreeMap<>();
            Map<Identifier, Scalar> secretShares = new TreeMap<>();
            for (JsonNode p : ps) {
                Identifier id = Identifier.of(requiredInt(p, "identifier"));
                if (publicShares.put(id, Point.decodeCompressed(Hex.decode(requiredText(p, "publicShare"), 33)))
                        != null) {
                    throw new CryptoException("key file: identifier " + id + " appears twice");
                }
                if (p.has("secretShare")) {
                    secretShares.put(id, Scalar.decodeNonZero(Hex.decode(requiredText(p, "secretShare"), 32)));
                }
            }
            PublicKeyPackage pub = new PublicKeyPackage(publicShares, group, t);
            Map<Identifier, KeyPackage> keys = new TreeMap<>();
            for (Map.Entry<Identifier, Scalar> e : secretShares.entrySet()) {
                keys.put(e.getKey(), KeyPackage.of(e.getKey(), e.getValue(), pub));
            }
            return new InProcess.Keys(keys, pub);
        }
    }

    /** Reads a JSON file; an unreadable or malformed file is a clear failure, not a stack trace. */
    static JsonNode readJson(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CryptoException("file not found: " + file);
        } catch (IOException e) {
            throw new CryptoException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CryptoException(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CryptoException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new CryptoException("missing or non-string field '" + field + "'");
        }
        return v.asText();
    }

    static int requiredInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new CryptoException("missing or non-integer field '" + field + "'");
        }
        return v.asInt();
    }

    static void print(CommandLine.Model.CommandSpec spec, Object json) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.write(json));
        out.flush();
    }
}
