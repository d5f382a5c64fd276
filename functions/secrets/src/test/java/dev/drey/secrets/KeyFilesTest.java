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
        assertTrue(e.getMessage().contains("encrypted under local:test"), e.getMessage());
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
        assertTrue(assertThrows(SecretStoreException.class, () -> SecretStores.open(Map.of(SecretStores.PATH,
                file.toString(), SecretStores.BACKEND, "kms")::get)).getMessage().contains("DREY_KMS_KEY_ID"));
    }
}
