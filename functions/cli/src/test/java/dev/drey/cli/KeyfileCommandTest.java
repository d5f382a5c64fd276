package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.miner.DtaShareEntry;
import dev.drey.miner.FederationFile;
import dev.drey.miner.MinerFunctions;
import dev.drey.miner.ShareFunction;
import dev.drey.nostr.Nip19;
import dev.drey.roast.Federation;
import dev.drey.runtime.NostrFunction;
import dev.drey.secrets.EnvelopeKeyFile;
import dev.drey.secrets.LocalDataKeyProvider;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStore;
import dev.drey.secrets.SecretStoreException;
import dev.drey.kv.KvConfig;
import dev.drey.secrets.SecretStores;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** drey keyfile ...: what it writes opens in the functions exactly as a deployment opens it; no secret is shown. */
class KeyfileCommandTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final SecureRandom RNG = new SecureRandom();
    private static final String PASSPHRASE = "correct horse battery staple";
    /** Cheap scrypt (1 MiB) so the suite stays fast; the default is 2^17. */
    private static final String FAST = "--scrypt-cost=10";

    @TempDir
    Path dir;

    /** The world a command sees: settings, what the operator types, standard input, KMS. */
    static final class World {
        final Map<String, String> settings = new HashMap<>();
        final Deque<String> typed = new ArrayDeque<>();
        final List<String> prompts = new ArrayList<>();
        final List<String> kmsConnections = new ArrayList<>();
        String stdin = "";
        LocalDataKeyProvider kms;

        World passphrase(String p) {
            settings.put(SecretStores.PASSPHRASE, p);
            return this;
        }
    }

    record Result(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return M.readTree(out);
        }

        String message() throws Exception {
            return M.readTree(err).get("message").asText();
        }
    }

    static Result run(World w, String... args) {
        CommandLine cl = Drey.commandLine();
        KeyfileCommand k = (KeyfileCommand) cl.getSubcommands().get("keyfile").getCommand();
        k.settings = w.settings::get;
        k.kvConfig = () -> KvConfig.from(w.settings, Map.of());
        k.prompt = text -> {
            w.prompts.add(text);
            String t = w.typed.poll();
            return t == null ? null : t.toCharArray();
        };
        k.stdin = new ByteArrayInputStream(w.stdin.getBytes(StandardCharsets.UTF_8));
        k.kms = (keyId, region) -> {
            w.kmsConnections.add(keyId + "@" + region);
            // As KMS: a provider pinned to another key holds another master key.
            return w.kms == null || w.kms.keyId().equals(keyId) ? w.kms
                    : new LocalDataKeyProvider(Scalar.random(RNG).encode(), keyId, RNG);
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private int secretFiles;

    /** A file holding {@code value}, as an operator gives a secret (never on the command line). */
    String secretFile(String value) throws java.io.IOException {
        Path p = dir.resolve("secret-" + (++secretFiles));
        Files.writeString(p, value + "\n");
        return p.toString();
    }

    /** A 2-of-3 federation with its members' nostr keys, and member 2's DTA share. */
    static final class Fixture {
        final InProcess.Keys frost = InProcess.dealer(2, 3, RNG);
        final Map<Identifier, byte[]> nostrKeys = new TreeMap<>();
        final Federation federation;
        final MasterSecretShare dta;
        final Path federationFile;

        Fixture(Path dir) throws Exception {
            Map<Identifier, String> pubkeys = new TreeMap<>();
            for (Identifier id : frost.keyPackages().keySet()) {
                byte[] sk = Scalar.random(RNG).encode();
                nostrKeys.put(id, sk);
                pubkeys.put(id, Hex.encode(Schnorr.publicKey(sk)));
            }
            federation = new Federation(frost.publicKeyPackage(), pubkeys);
            federationFile = dir.resolve("federation.json");
            Files.writeString(federationFile, FederationFile.write(federation));
            PairingCurve curve = PairingCurves.BLS381;
            dta = new MasterSecretShare(curve, 2, curve.randomScalar(RNG));
        }

        String identityHex(long member) {
            return Hex.encode(nostrKeys.get(Identifier.of(member)));
        }

        String frostHex(long member) {
            return Hex.encode(frost.keyPackages().get(Identifier.of(member)).signingShare().encode());
        }

        String dtaJson() {
            return "{\"curve\":\"bls381\",\"index\":2,\"share\":\"" + Hex.encode(dta.curve().scalarBytes(dta.value())) + "\"}";
        }

        /** The same share with the value's leading zero bytes left out, as a plain big-endian number. */
        String dtaJsonWithoutLeadingZeros() {
            String hex = Hex.encode(dta.curve().scalarBytes(dta.value())).replaceFirst("^(00)+", "");
            assertTrue(hex.length() < 96, "BLS12-381's r has 255 bits: a 48-byte scalar starts with zero bytes");
            return "{\"curve\":\"bls381\",\"index\":2,\"share\":\"" + hex + "\"}";
        }

        /** Every secret as the output could betray it. */
        List<String> secretTexts() {
            List<String> s = new ArrayList<>();
            for (byte[] k : nostrKeys.values()) {
                s.add(Hex.encode(k));
                s.add(Nip19.encodeNsec(k));
            }
            for (long m = 1; m <= 3; m++) {
                s.add(frostHex(m));
            }
            s.add(Hex.encode(dta.curve().scalarBytes(dta.value())));
            s.add(Hex.encode(DtaShareEntry.encode(dta)));
            return s;
        }
    }

    private static void assertNoSecret(Fixture f, String text) {
        for (String s : f.secretTexts()) {
            assertFalse(text.contains(s), "a secret appears in the output");
        }
        assertFalse(text.contains(PASSPHRASE), "the passphrase appears in the output");
    }

    @Test
    void theFunctionsOpenWhatCreateWritesExactlyAsTheyAreDeployed() throws Exception {
        Fixture f = new Fixture(dir);
        Path dtaFile = dir.resolve("dta-share.json");
        Files.writeString(dtaFile, f.dtaJson() + "\n");
        Path key = dir.resolve("miner.key");
        World w = new World().passphrase(PASSPHRASE);
        w.stdin = f.identityHex(2) + "\n";
        Result r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--identity-key", "-",
                "--frost-share-file", secretFile(f.frostHex(2)), "--dta-share", dtaFile.toString(), "--federation", f.federationFile.toString());
        assertEquals(0, r.exit(), r.err());
        assertNoSecret(f, r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("passphrase", j.get("format").asText());
        assertEquals("file", j.get("backend").asText());
        assertEquals(10, j.get("scrypt").get("logN").asInt());
        assertFalse(j.get("identityKeyGenerated").asBoolean());
        assertEquals("[\"identity-key\",\"frost-share\",\"dta-share\"]", j.get("entries").toString());
        String pubkey = f.federation.pubkeyOf(Identifier.of(2));
        assertEquals(pubkey, j.get("identity").get("pubkey").asText());
        assertEquals(Nip19.encodeNpub(pubkey), j.get("identity").get("npub").asText());
        assertEquals(2, j.get("frostShare").get("member").asInt());
        assertEquals(Hex.encode(f.federation.verifyingShare(Identifier.of(2)).encodeCompressed()),
                j.get("frostShare").get("verifyingShare").asText());
        assertEquals("bls381", j.get("dtaShare").get("curve").asText());
        assertEquals(2, j.get("dtaShare").get("index").asInt());
        assertEquals(Hex.encode(f.dta.publicShare()), j.get("dtaShare").get("publicShare").asText());
        if (j.get("ownerOnly").asBoolean()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        }
        assertTrue(w.prompts.isEmpty(), "the configured passphrase is used without asking");

        // As FunctionBeans opens it: SecretStores from drey.secrets.* settings, then MinerFunctions.create.
        Map<String, String> deployed = new HashMap<>();
        deployed.put(SecretStores.PATH, key.toString());
        deployed.put(SecretStores.PASSPHRASE, PASSPHRASE);
        SecretStore secrets = SecretStores.open(deployed::get);
        assertArrayEquals(Hex.decode(f.identityHex(2)), secrets.require(SecretKind.IDENTITY_KEY));
        assertArrayEquals(Hex.decode(f.frostHex(2)), secrets.require(SecretKind.FROST_SHARE));
        assertEquals(f.dta, DtaShareEntry.decode(secrets.require(SecretKind.DTA_SHARE)));

        deployed.put(MinerFunctions.FEDERATION_FILE, f.federationFile.toString());
        deployed.put(MinerFunctions.TRUSTED_COORDINATORS, f.federation.pubkeyOf(Identifier.of(1)));
        deployed.put(MinerFunctions.POL_SERVICE_KEYS, f.federation.pubkeyOf(Identifier.of(3)));
        deployed.put(MinerFunctions.POL_SERVICE_KEY, f.federation.pubkeyOf(Identifier.of(3)));
        deployed.put(MinerFunctions.REQUESTERS, f.federation.pubkeyOf(Identifier.of(3)));
        for (String function : List.of(MinerFunctions.SIGNER, ShareFunction.DTA, ShareFunction.MPIN)) {
            deployed.put(MinerFunctions.FUNCTION, function);
            try (MvStoreKeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve(function + ".mv.db"),
                    Clock.systemUTC(), false)) {
                NostrFunction fn = MinerFunctions.create(deployed::get, kv, SecretStores.open(deployed::get), RNG,
                        Clock.systemUTC());
                assertEquals(function, fn.name());
            }
        }
    }

    @Test
    void aFreshIdentityKeyIsMadeWhenNoneIsGivenAndTheTerminalIsAskedTwice() throws Exception {
        Path key = dir.resolve("coordinator.key");
        World w = new World();
        w.typed.add(PASSPHRASE);
        w.typed.add(PASSPHRASE);
        Result r = run(w, "keyfile", "create", "--out", key.toString(), FAST);
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, w.prompts.size());
        JsonNode j = r.json();
        assertTrue(j.get("identityKeyGenerated").asBoolean());
        assertEquals("[\"identity-key\"]", j.get("entries").toString());
        byte[] sk = SecretStores.open(Map.of(SecretStores.PATH, key.toString(), SecretStores.PASSPHRASE, PASSPHRASE)::get)
                .require(SecretKind.IDENTITY_KEY);
        String pubkey = Hex.encode(Schnorr.publicKey(sk));
        assertEquals(pubkey, j.get("identity").get("pubkey").asText());
        assertFalse(r.out().contains(Hex.encode(sk)) || r.out().contains(Nip19.encodeNsec(sk)));

        // another run makes another key
        Path other = dir.resolve("other.key");
        Result r2 = run(new World().passphrase(PASSPHRASE), "keyfile", "create", "--out", other.toString(), FAST);
        assertFalse(pubkey.equals(r2.json().get("identity").get("pubkey").asText()));
    }

    @Test
    void aWrongPassphraseOpensNothing() throws Exception {
        Fixture f = new Fixture(dir);
        Path key = dir.resolve("miner.key");
        assertEquals(0, run(new World().passphrase(PASSPHRASE), "keyfile", "create", "--out", key.toString(), FAST,
                "--identity-key-file", secretFile(f.identityHex(1))).exit());
        Result r = run(new World().passphrase(PASSPHRASE + "!"), "keyfile", "inspect", key.toString());
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().startsWith("wrong passphrase, or the key file was altered"), r.err());
        assertEquals("", r.out());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        SecretStoreException e = assertThrows(SecretStoreException.class, () -> SecretStores.open(Map.of(
                SecretStores.PATH, key.toString(), SecretStores.PASSPHRASE, "not the passphrase")::get));
        assertTrue(e.getMessage().startsWith("wrong passphrase"));
        // nor does a wrong one typed on the terminal
        World typed = new World();
        typed.typed.add("not the passphrase");
        r = run(typed, "keyfile", "add", key.toString(), "--frost-share-file", secretFile(f.frostHex(1)));
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().startsWith("wrong passphrase"), r.err());
        assertEquals(List.of("Key file passphrase: "), typed.prompts);
    }

    @Test
    void anExistingFileIsNeverOverwrittenUnlessForced() throws Exception {
        Path key = dir.resolve("miner.key");
        assertEquals(0, run(new World().passphrase(PASSPHRASE), "keyfile", "create", "--out", key.toString(), FAST).exit());
        byte[] first = Files.readAllBytes(key);
        World w = new World();
        w.typed.add(PASSPHRASE);
        w.typed.add(PASSPHRASE);
        Result r = run(w, "keyfile", "create", "--out", key.toString(), FAST);
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().contains("exists; refusing to overwrite it (--force replaces it)"), r.err());
        assertTrue(w.prompts.isEmpty(), "refused before asking for a passphrase");
        assertArrayEquals(first, Files.readAllBytes(key));

        Result forced = run(new World().passphrase(PASSPHRASE), "keyfile", "create", "--out", key.toString(), FAST,
                "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(key)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left beside the key file");
        }
    }

    @Test
    void inspectShowsPublicDataAndTheMemberButNoSecret() throws Exception {
        Fixture f = new Fixture(dir);
        Path key = dir.resolve("miner.key");
        assertEquals(0, run(new World().passphrase(PASSPHRASE), "keyfile", "create", "--out", key.toString(), FAST,
                "--identity-key-file", secretFile(Nip19.encodeNsec(Hex.decode(f.identityHex(2)))), "--frost-share-file", secretFile(f.frostHex(2)),
                "--dta-share", secretFile(Hex.encode(DtaShareEntry.encode(f.dta)))).exit());
        Path pw = dir.resolve("passphrase");
        Files.writeString(pw, PASSPHRASE + "\n");
        World w = new World();
        Result r = run(w, "keyfile", "inspect", key.toString(), "--passphrase-file", pw.toString(),
                "--federation", f.federationFile.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(w.prompts.isEmpty());
        assertNoSecret(f, r.out() + r.err());
        JsonNode j = r.json();
        assertEquals(key.toAbsolutePath().toString(), j.get("file").asText());
        assertEquals("[\"identity-key\",\"frost-share\",\"dta-share\"]", j.get("entries").toString());
        assertEquals(Nip19.encodeNpub(f.federation.pubkeyOf(Identifier.of(2))), j.get("identity").get("npub").asText());
        assertEquals(2, j.get("frostShare").get("member").asInt());
        assertEquals(f.federation.pubkeyOf(Identifier.of(2)), j.get("frostShare").get("federationPubkey").asText());
        assertEquals(Hex.encode(f.dta.publicShare()), j.get("dtaShare").get("publicShare").asText());
        assertTrue(j.get("problems") == null);
        // no secret bytes in any form: every hex string printed is public data recomputed here
        List<String> values = new ArrayList<>();
        j.findValues("pubkey").forEach(v -> values.add(v.asText()));
        j.findValues("verifyingShare").forEach(v -> values.add(v.asText()));
        j.findValues("publicShare").forEach(v -> values.add(v.asText()));
        assertEquals(List.of(f.federation.pubkeyOf(Identifier.of(2)),
                Hex.encode(f.federation.verifyingShare(Identifier.of(2)).encodeCompressed()),
                Hex.encode(f.dta.publicShare())), values);
    }

    @Test
    void inspectFlagsAnIdentityTheFederationDoesNotListForTheShare() throws Exception {
        Fixture f = new Fixture(dir);
        Path key = dir.resolve("miner.key");
        // written without --federation, so nothing stopped the mix-up
        assertEquals(0, run(new World().passphrase(PASSPHRASE), "keyfile", "create", "--out", key.toString(), FAST,
                "--identity-key-file", secretFile(f.identityHex(1)), "--frost-share-file", secretFile(f.frostHex(2))).exit());
        Result r = run(new World().passphrase(PASSPHRASE), "keyfile", "inspect", key.toString(),
                "--federation", f.federationFile.toString());
        assertEquals(Drey.EXIT_INVALID, r.exit());
        String problem = r.json().get("problems").get(0).asText();
        assertTrue(problem.contains("lists " + f.federation.pubkeyOf(Identifier.of(2)) + " for member 2"), problem);
        assertTrue(problem.contains("the signer would refuse to start"), problem);
    }

    @Test
    void addPutsTheSharesInAfterTheDkgAndGuardsWhatIsThere() throws Exception {
        Fixture f = new Fixture(dir);
        Path key = dir.resolve("miner.key");
        World w = new World().passphrase(PASSPHRASE);
        assertEquals(0, run(w, "keyfile", "create", "--out", key.toString(), FAST, "--identity-key-file", secretFile(f.identityHex(2))).exit());

        // the wrong member's share is refused against the federation, and the file is left alone
        byte[] before = Files.readAllBytes(key);
        Result r = run(w, "keyfile", "add", key.toString(), "--frost-share-file", secretFile(f.frostHex(3)),
                "--federation", f.federationFile.toString());
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().startsWith("nothing was written: the federation lists"), r.err());
        assertArrayEquals(before, Files.readAllBytes(key));

        World stdin = new World().passphrase(PASSPHRASE);
        stdin.stdin = f.dtaJsonWithoutLeadingZeros();
        r = run(stdin, "keyfile", "add", key.toString(), "--frost-share-file", secretFile(f.frostHex(2)), "--dta-share", "-",
                "--federation", f.federationFile.toString());
        assertEquals(0, r.exit(), r.err());
        assertNoSecret(f, r.out());
        JsonNode j = r.json();
        assertEquals("[\"frost-share\",\"dta-share\"]", j.get("added").toString());
        assertEquals(10, j.get("scrypt").get("logN").asInt(), "the file keeps its scrypt cost");
        assertEquals("[\"identity-key\",\"frost-share\",\"dta-share\"]", j.get("entries").toString());
        SecretStore s = SecretStores.open(Map.of(SecretStores.PATH, key.toString(), SecretStores.PASSPHRASE, PASSPHRASE)::get);
        assertArrayEquals(Hex.decode(f.identityHex(2)), s.require(SecretKind.IDENTITY_KEY));
        assertArrayEquals(Hex.decode(f.frostHex(2)), s.require(SecretKind.FROST_SHARE));
        assertEquals(f.dta, DtaShareEntry.decode(s.require(SecretKind.DTA_SHARE)));

        // the same value again changes nothing; a different one needs --replace
        r = run(w, "keyfile", "add", key.toString(), "--frost-share-file", secretFile(f.frostHex(2)));
        assertEquals(0, r.exit(), r.err());
        assertEquals("[\"frost-share\"]", r.json().get("unchanged").toString());
        r = run(w, "keyfile", "add", key.toString(), "--identity-key-file", secretFile(f.identityHex(3)));
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().contains("already holds a different identity-key; --replace overwrites it"), r.err());
        r = run(w, "keyfile", "add", key.toString(), "--identity-key-file", secretFile(f.identityHex(3)), "--frost-share-file", secretFile(f.frostHex(3)),
                "--replace", "--federation", f.federationFile.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("[\"identity-key\",\"frost-share\"]", r.json().get("replaced").toString());
        assertEquals(3, r.json().get("frostShare").get("member").asInt());
    }

    @Test
    void thePassphraseComesFromSettingsAFileOrTheTerminalNeverAnArgument() throws Exception {
        Path key = dir.resolve("miner.key");
        World differ = new World();
        differ.typed.add(PASSPHRASE);
        differ.typed.add(PASSPHRASE + " ");
        Result r = run(differ, "keyfile", "create", "--out", key.toString(), FAST);
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertEquals("the two passphrases differ; nothing was written", r.message());
        assertFalse(Files.exists(key));

        r = run(new World(), "keyfile", "create", "--out", key.toString(), FAST);
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertEquals(KeyfilePassphrase.NONE, r.message());

        r = run(new World().passphrase("short"), "keyfile", "create", "--out", key.toString(), FAST);
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().contains("shorter than 8 characters"), r.err());

        r = run(new World().passphrase(PASSPHRASE), "keyfile", "create", "--out", key.toString(), FAST,
                "--passphrase", PASSPHRASE);
        assertEquals(Drey.EXIT_USAGE, r.exit());
        assertFalse(Files.exists(key));

        // --passphrase-file reads as drey.secrets.passphrase-file does: the functions open the file with it
        Path pw = dir.resolve("passphrase");
        Files.writeString(pw, PASSPHRASE + "\r\n");
        World w = new World().passphrase("a setting the option overrides");
        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--passphrase-file", pw.toString());
        assertEquals(0, r.exit(), r.err());
        assertNotNull(SecretStores.open(Map.of(SecretStores.PATH, key.toString(), SecretStores.PASSPHRASE_FILE,
                pw.toString())::get).require(SecretKind.IDENTITY_KEY));
        r = run(new World(), "keyfile", "inspect", key.toString(), "--passphrase-file", dir.resolve("absent").toString());
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().startsWith("cannot read the passphrase file"), r.err());
    }

    @Test
    void anEnvelopeFileIsSealedWithAKmsDataKeyAndOpenedOnlyUnderThePinnedKey() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] master = new byte[32];
        RNG.nextBytes(master);
        String arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        World w = new World();
        w.kms = new LocalDataKeyProvider(master, arn, RNG);
        w.settings.put(SecretStores.KMS_KEY_ID, arn);
        w.settings.put(SecretStores.KMS_REGION, "eu-west-1");
        Path key = dir.resolve("miner.kms");
        Result r = run(w, "keyfile", "create", "--out", key.toString(), "--kind", "envelope",
                "--identity-key-file", secretFile(f.identityHex(2)), "--frost-share-file", secretFile(f.frostHex(2)));
        assertEquals(0, r.exit(), r.err());
        assertEquals("envelope", r.json().get("format").asText());
        assertEquals("kms", r.json().get("backend").asText());
        assertEquals(arn, r.json().get("kmsKeyId").asText());
        assertTrue(w.prompts.isEmpty());
        assertArrayEquals(Hex.decode(f.frostHex(2)),
                EnvelopeKeyFile.open(Files.readAllBytes(key), w.kms).require(SecretKind.FROST_SHARE));

        // Opening is pinned to the operator's key, never the one the file's header names.
        World unpinned = new World();
        unpinned.kms = w.kms;
        r = run(unpinned, "keyfile", "inspect", key.toString());
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().startsWith("opening an envelope key file needs the KMS key it must be sealed under"),
                r.err());
        assertTrue(unpinned.kmsConnections.isEmpty());
        String otherArn = "arn:aws:kms:eu-west-1:999999999999:key/ffffffff-12ab-34cd-56ef-1234567890ab";
        r = run(unpinned, "keyfile", "inspect", key.toString(), "--kms-key-id", otherArn);
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().contains("names KMS key " + arn + " but the configured key"), r.err());

        World reader = new World();
        reader.kms = w.kms;
        r = run(reader, "keyfile", "inspect", key.toString(), "--kms-region", "eu-central-1", "--kms-key-id", arn);
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(arn + "@eu-central-1"), reader.kmsConnections);
        assertNoSecret(f, r.out());

        reader.settings.put(SecretStores.KMS_KEY_ID, arn);
        r = run(reader, "keyfile", "add", key.toString(), "--dta-share", secretFile(Hex.encode(DtaShareEntry.encode(f.dta))));
        assertEquals(0, r.exit(), r.err());
        assertEquals(f.dta, DtaShareEntry.decode(EnvelopeKeyFile.open(Files.readAllBytes(key), w.kms)
                .require(SecretKind.DTA_SHARE)));

        // a passphrase-sealed file told to use the kms backend says which backend it needs
        SecretStoreException e = assertThrows(SecretStoreException.class, () -> SecretStores.open(Map.of(
                SecretStores.PATH, key.toString(), SecretStores.PASSPHRASE, PASSPHRASE)::get));
        assertTrue(e.getMessage().contains("to kms"), e.getMessage());

        World noKey = new World();
        r = run(noKey, "keyfile", "create", "--out", dir.resolve("x").toString(), "--kind", "envelope");
        assertEquals(Drey.EXIT_USAGE, r.exit());
        assertTrue(r.message().contains("needs --kms-key-id (or DREY_KMS_KEY_ID)"), r.err());
        r = run(reader, "keyfile", "inspect", key.toString(), "--passphrase-file", "pw");
        assertEquals(Drey.EXIT_USAGE, r.exit());
    }

    /** Issue 11: a secret written as an option value would show in the process list; it is refused unread. */
    @Test
    void secretsOnTheCommandLineAreRefusedWithoutEchoingThem() throws Exception {
        Fixture f = new Fixture(dir);
        Path key = dir.resolve("miner.key");
        World w = new World().passphrase(PASSPHRASE);
        for (String[] given : new String[][] {{"--identity-key", f.identityHex(2)},
                {"--identity-key", Nip19.encodeNsec(Hex.decode(f.identityHex(2)))}, {"--frost-share", f.frostHex(2)}}) {
            Result r = run(w, "keyfile", "create", "--out", key.toString(), FAST, given[0], given[1]);
            assertEquals(Drey.EXIT_FAILURE, r.exit(), r.err());
            assertEquals(given[0] + ": a secret on the command line shows in the process list and the shell history, "
                    + "so it is not accepted; use " + given[0] + "-file FILE or " + given[0] + " - (standard input)",
                    r.message());
            assertFalse(r.err().contains(given[1]), "the value is not echoed");
        }
        Result r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--dta-share",
                Hex.encode(DtaShareEntry.encode(f.dta)));
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertFalse(r.err().contains(Hex.encode(DtaShareEntry.encode(f.dta))));
        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--identity-key", "-", "--identity-key-file",
                secretFile(f.identityHex(2)));
        assertEquals("give --identity-key - or --identity-key-file FILE, not both", r.message());
        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--frost-share-file",
                dir.resolve("absent").toString());
        assertEquals("--frost-share-file: no such file: " + dir.resolve("absent"), r.message());
        assertFalse(Files.exists(key), "nothing was written");

        // from a file and from standard input, the same key
        assertEquals(0, run(w, "keyfile", "create", "--out", key.toString(), FAST, "--identity-key-file",
                secretFile(Nip19.encodeNsec(Hex.decode(f.identityHex(2)))), "--frost-share-file",
                secretFile(f.frostHex(2))).exit());
        SecretStore s = SecretStores.open(Map.of(SecretStores.PATH, key.toString(), SecretStores.PASSPHRASE, PASSPHRASE)::get);
        assertArrayEquals(Hex.decode(f.identityHex(2)), s.require(SecretKind.IDENTITY_KEY));
        assertArrayEquals(Hex.decode(f.frostHex(2)), s.require(SecretKind.FROST_SHARE));
        World stdin = new World().passphrase(PASSPHRASE);
        stdin.stdin = " " + f.frostHex(2) + "\n";
        assertEquals(0, run(stdin, "keyfile", "create", "--out", key.toString(), FAST, "--force", "--frost-share", "-")
                .exit());
        assertArrayEquals(Hex.decode(f.frostHex(2)), SecretStores.open(Map.of(SecretStores.PATH, key.toString(),
                SecretStores.PASSPHRASE, PASSPHRASE)::get).require(SecretKind.FROST_SHARE));
    }

    @Test
    void badInputsAreNamedWithoutEchoingThem() throws Exception {
        Path key = dir.resolve("miner.key");
        World w = new World().passphrase(PASSPHRASE);
        String almost = "zz" + "11".repeat(31);
        Result r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--frost-share-file", secretFile(almost));
        assertEquals(Drey.EXIT_FAILURE, r.exit());
        assertTrue(r.message().startsWith("--frost-share: not a FROST signing share"), r.err());
        assertFalse(r.err().contains(almost));

        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--frost-share-file", secretFile(Hex.encode(Scalar.N.toByteArray()).substring(2)));
        assertEquals(Drey.EXIT_FAILURE, r.exit(), "the group order is not a share");

        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--identity-key-file", secretFile("nsec1notakey"));
        assertTrue(r.message().startsWith("--identity-key: not a valid secret key"), r.err());

        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--dta-share", "secret-but-mistyped");
        assertTrue(r.message().startsWith("--dta-share takes a FILE or - (standard input), and the value is not an "
                + "existing file"), r.err());
        assertFalse(r.err().contains("secret-but-mistyped"));
        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--dta-share", secretFile("0c")); // id length past the end
        assertEquals("--dta-share: dta-share: entry is truncated", r.message());
        Path json = dir.resolve("dta.json");
        Files.writeString(json, "{\"curve\":\"bls381\",\"index\":0,\"share\":\"" + "01".repeat(32) + "\"}");
        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--dta-share", json.toString());
        assertTrue(r.message().contains("index must be at least 1"), r.err());
        Files.writeString(json, "{\"curve\":\"bls381\",\"index\":1,\"share\":\"" + "ff".repeat(48) + "\"}");
        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--dta-share", json.toString());
        assertEquals("--dta-share: \"share\": not below the group order", r.message());
        Files.writeString(json, "{\"curve\":\"bls999\",\"index\":1,\"share\":\"01\"}");
        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--dta-share", json.toString());
        assertTrue(r.message().startsWith("--dta-share: "), r.err());
        Files.writeString(json, "{\"curve\":\"bls381\",\"index\":1,\"share\":\"" + "7f".repeat(10) + "\"");
        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--dta-share", json.toString());
        assertEquals("--dta-share: not valid JSON", r.message());

        r = run(w, "keyfile", "create", "--out", key.toString(), FAST, "--identity-key", "-", "--frost-share", "-");
        assertTrue(r.message().startsWith("only one of"), r.err());
        r = run(w, "keyfile", "create", "--out", key.toString(), "--kind", "plain");
        assertEquals(Drey.EXIT_USAGE, r.exit());
        r = run(w, "keyfile", "create", "--out", key.toString(), "--scrypt-cost", "40");
        assertEquals(Drey.EXIT_USAGE, r.exit());
        assertTrue(r.message().contains("out of range"), r.err());
        assertFalse(Files.exists(key), "nothing was written by any of these");

        r = run(w, "keyfile", "inspect", dir.resolve("absent.key").toString());
        assertEquals("no such key file: " + dir.resolve("absent.key"), r.message());
        Path foreign = dir.resolve("id_ed25519");
        Files.writeString(foreign, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        r = run(w, "keyfile", "inspect", foreign.toString());
        assertTrue(r.message().startsWith("not a Drey key file"), r.err());
        r = run(w, "keyfile", "add", foreign.toString());
        assertEquals(Drey.EXIT_USAGE, r.exit());
        r = run(w, "keyfile");
        assertEquals(Drey.EXIT_USAGE, r.exit());
    }
}
