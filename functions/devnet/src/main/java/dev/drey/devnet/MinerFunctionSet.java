package dev.drey.devnet;

import dev.drey.dkg.DkgResult;
import dev.drey.kafka.MessageFamily;
import dev.drey.kv.KeyValueStore;
import dev.drey.miner.DtaShareEntry;
import dev.drey.miner.MinerFunctions;
import dev.drey.miner.ShareFunction;
import dev.drey.runtime.NostrFunction;
import dev.drey.secrets.PassphraseKeyFile;
import dev.drey.secrets.ScryptParams;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStore;
import dev.drey.secrets.SecretStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One miner's four deployable functions, built exactly as a deployment builds them ({@link MinerFunctions} from
 * settings, the KV store and the secrets), and the files a deployment would have: its settings and its
 * passphrase-sealed key file (identity key, FROST share, DTA share), so {@code drey replay} can rebuild them.
 */
final class MinerFunctionSet {
    static final List<String> FUNCTIONS = List.of(MinerFunctions.SIGNER, MinerFunctions.ORCHESTRATOR, ShareFunction.DTA,
            ShareFunction.MPIN, dev.drey.miner.VoteFunction.NAME);
    static final String KEY_FILE = "miner.key";
    static final String PASSPHRASE_FILE = "passphrase";
    /** Lighter than the operators' default (2^17): a devnet seals n key files at start-up on a laptop. */
    private static final ScryptParams DEVNET_SCRYPT = new ScryptParams(14, 8, 1);

    private MinerFunctionSet() {
    }

    /** The settings of miner {@code pubkey}'s functions (without {@code drey.function}). */
    static Map<String, String> settings(DevnetState s, String pubkey, Path minerDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MinerFunctions.FEDERATION_JSON, s.federationJson());
        m.put(MinerFunctions.TRUSTED_COORDINATORS, s.coordinator());
        m.put(MinerFunctions.PURPOSES, "drey-issuance," + Devnet.PURPOSE_MESSAGE + ",vote-freeze,vote-result");
        m.put(MinerFunctions.REQUESTERS, s.requester() + "," + s.demoClient());
        m.put(MinerFunctions.POL_SERVICE_KEY, s.polService());
        m.put(MinerFunctions.POL_SERVICE_KEYS, s.polService());
        m.put(MinerFunctions.ROSTER, String.join(",", s.routing()));
        m.put(MinerFunctions.DEFAULT_RELAYS, s.relayOf(pubkey));
        m.put(SecretStores.PATH, minerDir.resolve(KEY_FILE).toString());
        m.put(SecretStores.PASSPHRASE_FILE, minerDir.resolve(PASSPHRASE_FILE).toString());
        return m;
    }

    static SecretBundle secrets(byte[] identityKey, DkgResult.Frost frost, DkgResult.Dta dta) {
        Map<SecretKind, byte[]> e = new EnumMap<>(SecretKind.class);
        e.put(SecretKind.IDENTITY_KEY, identityKey);
        e.put(SecretKind.FROST_SHARE, frost.keyPackage().signingShare().encode());
        e.put(SecretKind.DTA_SHARE, DtaShareEntry.encode(dta.share()));
        try {
            return new SecretBundle(e);
        } finally {
            e.values().forEach(v -> Arrays.fill(v, (byte) 0));
        }
    }

    /** The four functions with the families each consumes; a miner in {@code invalidShares} corrupts its shares. */
    static Map<NostrFunction, List<MessageFamily>> create(Map<String, String> settings, KeyValueStore kv,
            KeyValueStore journal, SecretStore secrets, boolean invalidShares, SecureRandom rng, Clock clock) {
        Map<NostrFunction, List<MessageFamily>> out = new LinkedHashMap<>();
        for (String name : FUNCTIONS) {
            Map<String, String> own = new LinkedHashMap<>(settings);
            own.put(MinerFunctions.FUNCTION, name);
            NostrFunction f = MinerFunctions.create(own::get, kv, journal, secrets, rng, clock);
            if (invalidShares && name.equals(MinerFunctions.SIGNER)) {
                byte[] identity = secrets.require(SecretKind.IDENTITY_KEY);
                try {
                    f = new InvalidSharesFunction(f, identity, rng);
                } finally {
                    Arrays.fill(identity, (byte) 0);
                }
            }
            out.put(f, MinerFunctions.families(name));
        }
        return out;
    }

    /** Seals the key file under a fresh random passphrase kept beside it (owner-only files), as an operator would. */
    static void writeKeyFile(Path minerDir, SecretBundle secrets, SecureRandom rng) {
        byte[] raw = new byte[24];
        rng.nextBytes(raw);
        char[] passphrase = HexFormat.of().formatHex(raw).toCharArray();
        try {
            Files.createDirectories(minerDir);
            write(minerDir.resolve(PASSPHRASE_FILE), new String(passphrase).getBytes(StandardCharsets.UTF_8));
            write(minerDir.resolve(KEY_FILE), PassphraseKeyFile.seal(secrets, passphrase, DEVNET_SCRYPT, rng));
        } catch (IOException e) {
            throw new DevnetException("cannot write the key file in " + minerDir + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static void write(Path p, byte[] content) throws IOException {
        Files.deleteIfExists(p);
        try {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(p);
        }
        Files.write(p, content);
    }
}
