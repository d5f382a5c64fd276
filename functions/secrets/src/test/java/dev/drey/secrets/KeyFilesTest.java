package dev.drey.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    /** Cheap scrypt for tests (1 MiB); production files use ScryptParams.DEFAULT. */
    static final ScryptParams FAST = new ScryptParams(10, 8, 1);
    static final SecureRandom RNG = new SecureRandom();

    static SecretBundle bundle() {
        byte[] identity = new byte[32];
        byte[] frost = new byte[32];
        byte[] dta = new byte[48];
        RNG.nextBytes(identity);
        RNG.nextBytes(frost);
        RNG.nextBytes(dta);
        return new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, identity, SecretKind.FROST_SHARE, frost,
                SecretKind.DTA_SHARE, dta));
    }

    @Test
    void aPassphraseFileOpensWithItsPassphraseOnly() {
        SecretBundle b = bundle();
        byte[] file = PassphraseKeyFile.seal(b, "correct horse battery staple".toCharArray(), FAST, RNG);
        SecretBundle opened = PassphraseKeyFile.open(file, "correct horse battery staple".toCharArray());
        for (SecretKind k : SecretKind.values()) {
            assertArrayEquals(b.require(k), opened.require(k));
        }
        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> PassphraseKeyFile.open(file, "correct horse battery stable".toCharArray()));
        assertTrue(e.getMessage().startsWith("wrong passphrase"), e.getMessage());
        // no secret in the file nor in toString
        String hex = HexFormat.of().formatHex(file);
        assertFalse(hex.contains(HexFormat.of().formatHex(b.require(SecretKind.FROST_SHARE))));
        assertEquals("SecretBundle[IDENTITY_KEY, FROST_SHARE, DTA_SHARE]", opened.toString());
    }

    @Test
    void everyHeaderByteIsAuthenticated() {
        byte[] file = PassphraseKeyFile.seal(bundle(), "pw".toCharArray(), FAST, RNG);
        for (int i = PassphraseKeyFile.MAGIC.length + 5; i < file.length; i += 7) {
            byte[] t = file.clone();
            t[i] ^= 1;
            assertThrows(SecretStoreException.class, () -> PassphraseKeyFile.open(t, "pw".toCharArray()), "byte " + i);
        }
        byte[] v2 = file.clone();
        v2[5] = 2;
        assertTrue(assertThrows(SecretStoreException.class, () -> PassphraseKeyFile.open(v2, "pw".toCharArray()))
                .getMessage().contains("version 2 is not supported"));
        byte[] huge = file.clone();
        huge[7] = 30;
        assertTrue(assertThrows(SecretStoreException.class, () -> PassphraseKeyFile.open(huge, "pw".toCharArray()))
                .getMessage().contains("out of range"));
        assertTrue(assertThrows(SecretStoreException.class, () -> PassphraseKeyFile.open(new byte[10], "pw".toCharArray()))
                .getMessage().contains("not a Drey passphrase key file"));
        assertTrue(assertThrows(SecretStoreException.class, () -> PassphraseKeyFile.open(file, new char[0]))
                .getMessage().contains("no passphrase"));
    }

    @Test
    void anEnvelopeFileOpensThroughItsDataKeyProvider() {
        byte[] master = new byte[32];
        RNG.nextBytes(master);
        LocalDataKeyProvider keys = new LocalDataKeyProvider(master, "local:test", RNG);
        SecretBundle b = bundle();
        byte[] file = EnvelopeKeyFile.seal(b, keys, RNG);
        assertArrayEquals(b.require(SecretKind.DTA_SHARE), EnvelopeKeyFile.open(file, keys).require(SecretKind.DTA_SHARE));

        byte[] otherMaster = new byte[32];
        RNG.nextBytes(otherMaster);
        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> EnvelopeKeyFile.open(file, new LocalDataKeyProvider(otherMaster, "local:test", RNG)));
        assertTrue(e.getMessage().contains("does not decrypt"), e.getMessage());
        e = assertThrows(SecretStoreException.class,
                () -> EnvelopeKeyFile.open(file, new LocalDataKeyProvider(master, "local:other", RNG)));
        assertTrue(e.getMessage().contains("names KMS key local:test but the configured key (DREY_KMS_KEY_ID) is "
                + "local:other"), e.getMessage());
        byte[] t = file.clone();
        t[t.length - 20] ^= 1;
        e = assertThrows(SecretStoreException.class, () -> EnvelopeKeyFile.open(t, keys));
        assertTrue(e.getMessage().contains("altered"), e.getMessage());
        assertThrows(SecretStoreException.class, () -> EnvelopeKeyFile.open(java.util.Arrays.copyOf(file, 12), keys));
    }

    @Test
    void storesOpenFromSettings(@TempDir Path dir) throws Exception {
        SecretBundle b = new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, new byte[] {1, 2, 3}));
        Path file = dir.resolve("miner.key");
        Files.write(file, PassphraseKeyFile.seal(b, "s3cret".toCharArray(), FAST, RNG));
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "s3cret\n");
        Map<String, String> s = Map.of(SecretStores.PATH, file.toString(), SecretStores.PASSPHRASE_FILE, pw.toString());
        SecretStore store = SecretStores.open(s::get);
        assertArrayEquals(new byte[] {1, 2, 3}, store.require(SecretKind.IDENTITY_KEY));
        assertTrue(assertThrows(SecretStoreException.class, () -> store.require(SecretKind.FROST_SHARE))
                .getMessage().contains("holds no frost-share"));

        Map<String, String> inline = Map.of(SecretStores.FILE_BASE64,
                Base64.getEncoder().encodeToString(Files.readAllBytes(file)), SecretStores.PASSPHRASE, "s3cret");
        assertArrayEquals(new byte[] {1, 2, 3}, SecretStores.open(inline::get).require(SecretKind.IDENTITY_KEY));

        assertTrue(assertThrows(SecretStoreException.class, () -> SecretStores.open(Map.of(SecretStores.PATH,
                file.toString())::get)).getMessage().contains("needs a passphrase"));
        assertTrue(assertThrows(SecretStoreException.class, () -> SecretStores.open(Map.of(SecretStores.PATH,
                dir.resolve("absent").toString(), SecretStores.PASSPHRASE, "x")::get)).getMessage()
                .contains("cannot read the key file"));
        // a backend that does not fit the file says which one does, before any KMS call or passphrase check
        assertTrue(assertThrows(SecretStoreException.class, () -> SecretStores.open(Map.of(SecretStores.PATH,
                file.toString(), SecretStores.BACKEND, "kms")::get)).getMessage()
                .contains("passphrase-sealed: set drey.secrets.backend (DREY_SECRETS_BACKEND) to file, not kms"));
        byte[] master = new byte[32];
        RNG.nextBytes(master);
        Path envelope = dir.resolve("envelope.key");
        Files.write(envelope, EnvelopeKeyFile.seal(b, new LocalDataKeyProvider(master, "local:test", RNG), RNG));
        assertTrue(assertThrows(SecretStoreException.class, () -> SecretStores.open(Map.of(SecretStores.PATH,
                envelope.toString(), SecretStores.BACKEND, "kms")::get)).getMessage().contains("DREY_KMS_KEY_ID"));
        assertTrue(assertThrows(SecretStoreException.class, () -> SecretStores.open(Map.of(SecretStores.PATH,
                envelope.toString(), SecretStores.PASSPHRASE, "s3cret")::get)).getMessage()
                .contains("envelope-sealed: set drey.secrets.backend (DREY_SECRETS_BACKEND) to kms, not file"));
        Path foreign = dir.resolve("foreign");
        Files.writeString(foreign, "-----BEGIN PRIVATE KEY-----\n");
        assertTrue(assertThrows(SecretStoreException.class, () -> SecretStores.open(Map.of(SecretStores.PATH,
                foreign.toString(), SecretStores.PASSPHRASE, "s3cret")::get)).getMessage()
                .contains("not a Drey key file"));
    }

    @Test
    void theConfiguredPassphraseIsTheSettingOrTheFileWithoutTrailingLineBreaks(@TempDir Path dir) throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "two words \r\n\n");
        assertEquals("two words ", new String(SecretStores.configuredPassphrase(
                Map.of(SecretStores.PASSPHRASE_FILE, pw.toString())::get).orElseThrow()));
        assertEquals("direct", new String(SecretStores.configuredPassphrase(Map.of(SecretStores.PASSPHRASE, "direct",
                SecretStores.PASSPHRASE_FILE, pw.toString())::get).orElseThrow()));
        assertTrue(SecretStores.configuredPassphrase(Map.<String, String>of()::get).isEmpty());
        assertTrue(assertThrows(SecretStoreException.class, () -> SecretStores.configuredPassphrase(
                Map.of(SecretStores.PASSPHRASE_FILE, dir.resolve("absent").toString())::get)).getMessage()
                .contains("cannot read the passphrase file"));
    }

    @Test
    void headersTellFormatCostAndMasterKeyWithoutDecrypting() {
        byte[] p = PassphraseKeyFile.seal(bundle(), "pw".toCharArray(), FAST, RNG);
        assertEquals(KeyFileFormat.PASSPHRASE, KeyFileFormat.require(p));
        assertEquals("file", KeyFileFormat.PASSPHRASE.backend());
        assertEquals(FAST, PassphraseKeyFile.params(p));
        byte[] master = new byte[32];
        RNG.nextBytes(master);
        byte[] e = EnvelopeKeyFile.seal(bundle(), new LocalDataKeyProvider(master, "local:k1", RNG), RNG);
        assertEquals(KeyFileFormat.ENVELOPE, KeyFileFormat.require(e));
        assertEquals("kms", KeyFileFormat.ENVELOPE.backend());
        assertEquals("local:k1", EnvelopeKeyFile.keyId(e));
        assertTrue(KeyFileFormat.of(new byte[] {'D', 'R', 'E', 'Y'}).isEmpty());
        assertTrue(assertThrows(SecretStoreException.class, () -> EnvelopeKeyFile.keyId(java.util.Arrays.copyOf(e, 9)))
                .getMessage().contains("truncated"));
        assertTrue(assertThrows(SecretStoreException.class, () -> PassphraseKeyFile.params(e))
                .getMessage().contains("not a Drey passphrase key file"));
        assertEquals(java.util.Set.of(SecretKind.values()), bundle().kinds());
        assertTrue(new SecretBundle(Map.of()).kinds().isEmpty());
    }

    @Test
    void theWriterIsOwnerOnlyAndNeverClobbersUnasked(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("miner.key");
        KeyFileWriter.Written w = KeyFileWriter.write(f, new byte[] {1, 2, 3}, false);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        if (w.ownerOnly()) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f)));
        }
        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> KeyFileWriter.write(f, new byte[] {9}, false));
        assertTrue(e.getMessage().contains("exists; refusing to overwrite"), e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        KeyFileWriter.write(f, new byte[] {4, 5}, true);
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        assertTrue(assertThrows(SecretStoreException.class, () -> KeyFileWriter.write(dir.resolve("no/such/dir/k"),
                new byte[] {1}, false)).getMessage().contains("directory does not exist"));
    }
}
