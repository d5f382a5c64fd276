package dev.drey.cli;

import dev.drey.crypto.Scalar;
import dev.drey.miner.FederationFile;
import dev.drey.roast.Federation;
import dev.drey.secrets.DataKeyProvider;
import dev.drey.secrets.EnvelopeKeyFile;
import dev.drey.secrets.KeyFileFormat;
import dev.drey.secrets.KeyFileWriter;
import dev.drey.secrets.KmsDataKeyProvider;
import dev.drey.secrets.PassphraseKeyFile;
import dev.drey.secrets.ScryptParams;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStoreException;
import dev.drey.secrets.SecretStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import dev.drey.kv.KvConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code drey keyfile ...}: writes and reads the encrypted key file a miner's functions open at start-up
 * ({@code SecretStores}: {@code drey.secrets.*}), in either format: passphrase-sealed (backend {@code file})
 * or KMS envelope-sealed (backend {@code kms}). Output is the file's public description, never a secret.
 */
@Command(name = "keyfile", description = "The encrypted key file a miner's functions read (drey.secrets.*).",
        mixinStandardHelpOptions = true,
        subcommands = {KeyfileCommand.CreateCmd.class, KeyfileCommand.AddCmd.class, KeyfileCommand.InspectCmd.class})
public final class KeyfileCommand implements Runnable {
    /** Key files are a few hundred bytes; anything much larger is not one. */
    static final int MAX_KEY_FILE_BYTES = 1024 * 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // The outside world, replaced by tests: settings as the functions read them (system properties, then
    // DREY_* environment variables), the terminal, standard input, KMS and randomness.
    UnaryOperator<String> settings = SecretStores.fromSystem();
    PassphrasePrompt prompt = PassphrasePrompt.console();
    InputStream stdin = System.in;
    BiFunction<String, String, DataKeyProvider> kms = KmsDataKeyProvider::connect;
    SecureRandom rng = new SecureRandom();
    /** Where the DKG function keeps its results: the KV store as the functions are configured. */
    Supplier<KvConfig> kvConfig = KvConfig::fromSystem;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a keyfile subcommand is required");
    }

    /** The entries an operator can give, and the federation to check them against. */
    static final class EntryOptions {
        @Option(names = "--identity-key", paramLabel = "-",
                description = "read the miner's nostr secret key (hex or nsec1...) from standard input; a key "
                        + "written here would show in the process list, so only - is accepted")
        String identityKey;

        @Option(names = "--identity-key-file", paramLabel = "FILE",
                description = "read the miner's nostr secret key (hex or nsec1...) from FILE")
        Path identityKeyFile;

        @Option(names = "--frost-share", paramLabel = "-",
                description = "read the miner's FROST signing share (64 hex characters) from standard input")
        String frostShare;

        @Option(names = "--frost-share-file", paramLabel = "FILE",
                description = "read the miner's FROST signing share (64 hex characters) from FILE")
        Path frostShareFile;

        @Option(names = "--dta-share", paramLabel = "FILE|-",
                description = "the miner's DTA master-secret share: a file or standard input (-) holding JSON "
                        + "{\"curve\":\"bls381\",\"index\":2,\"share\":\"<hex>\"} or the entry's hex")
        String dtaShare;

        @Option(names = "--federation", paramLabel = "FILE",
                description = "the federation file (drey.federation.file): the FROST share must belong to a "
                        + "member and the federation must list the identity key for it")
        Path federation;

        boolean any() {
            return identityKey != null || identityKeyFile != null || frostShare != null || frostShareFile != null
                    || dtaShare != null;
        }

        Map<SecretKind, byte[]> parse(InputStream stdin) {
            return new KeyfileEntries(stdin).parse(identityKey, identityKeyFile, frostShare, frostShareFile, dtaShare);
        }
    }

    /** How an existing file is opened: its passphrase, or the KMS region of its master key. */
    static final class OpenOptions {
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "read the passphrase from FILE "
                + "(default: DREY_SECRETS_PASSPHRASE, DREY_SECRETS_PASSPHRASE_FILE, else asked on the terminal)")
        Path passphraseFile;

        @Option(names = "--kms-region", paramLabel = "REGION",
                description = "AWS region of the KMS key (default: DREY_KMS_REGION, else the SDK's region chain)")
        String kmsRegion;

        @Option(names = "--kms-key-id", paramLabel = "ARN", description = "the KMS key's ARN (default: "
                + "DREY_KMS_KEY_ID): --kind envelope seals under it, and an envelope file is opened only if it names "
                + "this key (the file's own header is not trusted)")
        String kmsKeyId;
    }

    @Command(name = "create", description = "Write a new key file: the identity key (a fresh one unless given), "
            + "and the FROST and DTA shares if given.", mixinStandardHelpOptions = true)
    static final class CreateCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @ParentCommand
        KeyfileCommand keyfile;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the key file to write (mode 0600)")
        Path out;

        @Option(names = "--force", description = "replace FILE if it exists")
        boolean force;

        @Mixin
        EntryOptions entries;

        @Option(names = "--kind", paramLabel = "passphrase|envelope", defaultValue = "passphrase",
                description = "passphrase (scrypt, backend file; default) or envelope (AWS KMS, backend kms)")
        String kind;

        @Option(names = "--scrypt-cost", paramLabel = "LOG2N", description = "scrypt cost for --kind passphrase: "
                + "N = 2^LOG2N, memory 2^LOG2N KiB (default 17: 128 MiB, about half a second to open)")
        Integer scryptCost;

        @Mixin
        OpenOptions open;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            boolean envelope = switch (kind.strip().toLowerCase(Locale.ROOT)) {
                case "passphrase" -> false;
                case "envelope" -> true;
                default -> throw new CommandLine.ParameterException(cl, "--kind must be passphrase or envelope");
            };
            if (envelope && (open.passphraseFile != null || scryptCost != null)) {
                throw new CommandLine.ParameterException(cl, "--passphrase-file and --scrypt-cost are for --kind passphrase");
            }
            if (!envelope && (open.kmsKeyId != null || open.kmsRegion != null)) {
                throw new CommandLine.ParameterException(cl, "--kms-key-id and --kms-region are for --kind envelope");
            }
            ScryptParams params = ScryptParams.DEFAULT;
            if (scryptCost != null) {
                try {
                    params = new ScryptParams(scryptCost, ScryptParams.DEFAULT.r(), ScryptParams.DEFAULT.p());
                } catch (SecretStoreException e) {
                    throw new CommandLine.ParameterException(cl, "--scrypt-cost: " + e.getMessage());
                }
            }
            String keyId = envelope ? Optional.ofNullable(open.kmsKeyId)
                    .orElse(keyfile.settings.apply(SecretStores.KMS_KEY_ID)) : null;
            if (envelope && (keyId == null || keyId.isBlank())) {
                throw new CommandLine.ParameterException(cl, "--kind envelope needs --kms-key-id (or DREY_KMS_KEY_ID)");
            }
            // Refuse before anything is asked for or generated.
            if (!force && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                throw new CliException(out + " exists; refusing to overwrite it (--force replaces it)");
            }
            Federation federation = federation(entries.federation);
            Map<SecretKind, byte[]> given = entries.parse(keyfile.stdin);
            boolean generated = !given.containsKey(SecretKind.IDENTITY_KEY);
            if (generated) {
                given.put(SecretKind.IDENTITY_KEY, Scalar.random(keyfile.rng).encode());
            }
            SecretBundle bundle = bundle(given);
            KeyfileReport report = KeyfileReport.of(bundle, federation);
            refuseProblems(report);
            byte[] sealed;
            if (envelope) {
                try (DataKeyProvider keys = keyfile.kms.apply(keyId.strip(), region(keyfile, open))) {
                    sealed = EnvelopeKeyFile.seal(bundle, keys, keyfile.rng);
                }
            } else {
                char[] passphrase = KeyfilePassphrase.forSealing(keyfile.settings, open.passphraseFile, keyfile.prompt);
                try {
                    sealed = PassphraseKeyFile.seal(bundle, passphrase, params, keyfile.rng);
                } finally {
                    Arrays.fill(passphrase, '\0');
                }
            }
            KeyFileWriter.Written written = KeyFileWriter.write(out, sealed, force);
            Map<String, Object> json = describeFile(written.file(), sealed);
            json.put("ownerOnly", written.ownerOnly());
            json.put("identityKeyGenerated", generated);
            json.putAll(report.json());
            FrostCommand.print(spec, json);
            return 0;
        }
    }

    @Command(name = "add", description = "Add entries to an existing key file (e.g. the FROST and DTA shares "
            + "after a DKG), sealed again as before.", mixinStandardHelpOptions = true)
    static final class AddCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @ParentCommand
        KeyfileCommand keyfile;

        @Parameters(index = "0", paramLabel = "FILE", description = "the key file")
        Path file;

        @Mixin
        EntryOptions entries;

        @Option(names = "--replace", description = "replace entries the file already holds (the old values are lost)")
        boolean replace;

        @Option(names = "--dkg-run", paramLabel = "RUN", description = "add the FROST or DTA share this miner's dkg "
                + "function stored for DKG run RUN (the start request's event id), read from the KV store the functions "
                + "use (drey.kv.* / DREY_KV_*) and opened with the file's identity key")
        String dkgRun;

        @Mixin
        OpenOptions open;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            if (!entries.any() && dkgRun == null) {
                throw new CommandLine.ParameterException(cl,
                        "give at least one of --identity-key, --frost-share, --dta-share, --dkg-run");
            }
            byte[] sealed = readKeyFile(file);
            KeyFileFormat format = KeyFileFormat.require(sealed);
            checkOpenOptions(cl, format, open);
            Federation federation = federation(entries.federation);
            Map<SecretKind, byte[]> given = entries.parse(keyfile.stdin);
            char[] passphrase = format == KeyFileFormat.PASSPHRASE
                    ? KeyfilePassphrase.forOpening(keyfile.settings, open.passphraseFile, keyfile.prompt) : null;
            List<byte[]> copies = new ArrayList<>(given.values()); // wiped whatever happens
            try {
                SecretBundle old = unseal(keyfile, sealed, format, passphrase, open);
                Map<SecretKind, byte[]> merged = new EnumMap<>(SecretKind.class);
                for (SecretKind k : old.kinds()) {
                    merged.put(k, old.require(k));
                }
                copies.addAll(merged.values());
                Map<String, Object> dkg = null;
                if (dkgRun != null) {
                    dkg = DkgExport.into(given, merged.get(SecretKind.IDENTITY_KEY), dkgRun, keyfile.kvConfig.get(),
                            keyfile.rng);
                    copies.addAll(given.values());
                }
                List<String> added = new ArrayList<>();
                List<String> replaced = new ArrayList<>();
                List<String> unchanged = new ArrayList<>();
                for (Map.Entry<SecretKind, byte[]> e : given.entrySet()) {
                    byte[] before = merged.get(e.getKey());
                    String name = e.getKey().entryName();
                    if (before == null) {
                        added.add(name);
                    } else if (Arrays.equals(before, e.getValue())) {
                        unchanged.add(name);
                    } else if (!replace) {
                        throw new CliException(file + " already holds a different " + name
                                + "; --replace overwrites it (keep a copy of the file if the old value may be needed)");
                    } else {
                        replaced.add(name);
                    }
                    merged.put(e.getKey(), e.getValue());
                }
                SecretBundle bundle = bundle(merged);
                KeyfileReport report = KeyfileReport.of(bundle, federation);
                refuseProblems(report);
                byte[] resealed;
                if (format == KeyFileFormat.PASSPHRASE) {
                    resealed = PassphraseKeyFile.seal(bundle, passphrase, PassphraseKeyFile.params(sealed), keyfile.rng);
                } else {
                    try (DataKeyProvider keys = keyfile.kms.apply(pinnedKeyId(keyfile, sealed, open),
                            region(keyfile, open))) {
                        resealed = EnvelopeKeyFile.seal(bundle, keys, keyfile.rng);
                    }
                }
                KeyFileWriter.Written written = KeyFileWriter.write(file, resealed, true);
                Map<String, Object> json = describeFile(written.file(), resealed);
                json.put("ownerOnly", written.ownerOnly());
                json.put("added", added);
                json.put("replaced", replaced);
                json.put("unchanged", unchanged);
                if (dkg != null) {
                    json.put("dkgRun", dkg);
                }
                json.putAll(report.json());
                FrostCommand.print(spec, json);
                return 0;
            } finally {
                copies.forEach(c -> Arrays.fill(c, (byte) 0));
                if (passphrase != null) {
                    Arrays.fill(passphrase, '\0');
                }
            }
        }
    }

    @Command(name = "inspect", description = "Open a key file and show which entries it holds and their public "
            + "data (npub, FROST verifying share, DTA curve, index and public share); never a secret. Exit 1 if an "
            + "entry would not work.", mixinStandardHelpOptions = true)
    static final class InspectCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @ParentCommand
        KeyfileCommand keyfile;

        @Parameters(index = "0", paramLabel = "FILE", description = "the key file")
        Path file;

        @Option(names = "--federation", paramLabel = "FILE",
                description = "the federation file: also show the member the FROST share belongs to")
        Path federation;

        @Mixin
        OpenOptions open;

        @Override
        public Integer call() {
            byte[] sealed = readKeyFile(file);
            KeyFileFormat format = KeyFileFormat.require(sealed);
            checkOpenOptions(spec.commandLine(), format, open);
            Federation fed = federation(federation);
            char[] passphrase = format == KeyFileFormat.PASSPHRASE
                    ? KeyfilePassphrase.forOpening(keyfile.settings, open.passphraseFile, keyfile.prompt) : null;
            SecretBundle bundle;
            try {
                bundle = unseal(keyfile, sealed, format, passphrase, open);
            } finally {
                if (passphrase != null) {
                    Arrays.fill(passphrase, '\0');
                }
            }
            KeyfileReport report = KeyfileReport.of(bundle, fed);
            Map<String, Object> json = describeFile(file.toAbsolutePath(), sealed);
            json.putAll(report.json());
            FrostCommand.print(spec, json);
            return report.problems().isEmpty() ? 0 : Drey.EXIT_INVALID;
        }
    }

    /** The file's format and what opens it (backend, scrypt cost or KMS key): public header data only. */
    static Map<String, Object> describeFile(Path file, byte[] sealed) {
        KeyFileFormat format = KeyFileFormat.require(sealed);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file.toString());
        json.put("format", format.name().toLowerCase(Locale.ROOT));
        json.put("backend", format.backend());
        if (format == KeyFileFormat.PASSPHRASE) {
            ScryptParams p = PassphraseKeyFile.params(sealed);
            Map<String, Object> scrypt = new LinkedHashMap<>();
            scrypt.put("logN", p.logN());
            scrypt.put("r", p.r());
            scrypt.put("p", p.p());
            json.put("scrypt", scrypt);
        } else {
            json.put("kmsKeyId", EnvelopeKeyFile.keyId(sealed));
        }
        return json;
    }

    private static SecretBundle unseal(KeyfileCommand keyfile, byte[] sealed, KeyFileFormat format, char[] passphrase,
            OpenOptions open) {
        if (format == KeyFileFormat.PASSPHRASE) {
            return PassphraseKeyFile.open(sealed, passphrase);
        }
        try (DataKeyProvider keys = keyfile.kms.apply(pinnedKeyId(keyfile, sealed, open), region(keyfile, open))) {
            return EnvelopeKeyFile.open(sealed, keys);
        }
    }

    /**
     * The KMS key an envelope file must be sealed under: the operator's (--kms-key-id, else DREY_KMS_KEY_ID), never
     * the file's unauthenticated header, which anyone who can replace the file could point at a key of their own.
     */
    private static String pinnedKeyId(KeyfileCommand keyfile, byte[] sealed, OpenOptions open) {
        String pinned = open.kmsKeyId != null ? open.kmsKeyId : keyfile.settings.apply(SecretStores.KMS_KEY_ID);
        if (pinned == null || pinned.isBlank()) {
            throw new CliException("opening an envelope key file needs the KMS key it must be sealed under: give "
                    + "--kms-key-id ARN or set DREY_KMS_KEY_ID (the file says " + EnvelopeKeyFile.keyId(sealed)
                    + "; check that before using it)");
        }
        return pinned.strip();
    }

    private static void checkOpenOptions(CommandLine cl, KeyFileFormat format, OpenOptions open) {
        if (format == KeyFileFormat.ENVELOPE && open.passphraseFile != null) {
            throw new CommandLine.ParameterException(cl, "--passphrase-file does not apply: the file is KMS envelope-sealed");
        }
        if (format == KeyFileFormat.PASSPHRASE && (open.kmsRegion != null || open.kmsKeyId != null)) {
            throw new CommandLine.ParameterException(cl, "--kms-region and --kms-key-id do not apply: the file is "
                    + "passphrase-sealed");
        }
    }

    private static String region(KeyfileCommand keyfile, OpenOptions open) {
        return open.kmsRegion != null ? open.kmsRegion : keyfile.settings.apply(SecretStores.KMS_REGION);
    }

    private static SecretBundle bundle(Map<SecretKind, byte[]> entries) {
        try {
            return new SecretBundle(entries);
        } finally {
            entries.values().forEach(v -> Arrays.fill(v, (byte) 0));
        }
    }

    private static void refuseProblems(KeyfileReport report) {
        if (!report.problems().isEmpty()) {
            throw new CliException("nothing was written: " + String.join("; ", report.problems()));
        }
    }

    static byte[] readKeyFile(Path file) {
        try {
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                throw new CliException(file + " is larger than " + MAX_KEY_FILE_BYTES + " bytes: not a key file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException("no such key file: " + file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Federation federation(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return FederationFile.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CliException("no such federation file: " + file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
