package dev.drey.relay.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.relay.MinerKey;
import dev.drey.secrets.PassphraseKeyFile;
import dev.drey.secrets.ScryptParams;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import dev.drey.secrets.SecretStores;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The relay's identity key comes from its own sealed key file, as the functions' keys do. */
class RelayKeyFileTest {
    private static final String HEX = "01".repeat(32);

    private static Map<String, String> sealedSettings(byte[] identity) {
        byte[] file = PassphraseKeyFile.seal(new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, identity)),
                "relay passphrase".toCharArray(), new ScryptParams(10, 8, 1), new SecureRandom());
        Map<String, String> s = new HashMap<>();
        s.put(SecretStores.FILE_BASE64, Base64.getEncoder().encodeToString(file));
        s.put(SecretStores.PASSPHRASE, "relay passphrase");
        return s;
    }

    @Test
    void theSealedKeyFileGivesTheRelaysIdentity() {
        byte[] identity = new byte[32];
        identity[31] = 7;
        Map<String, String> s = sealedSettings(identity);
        Optional<MinerKey> key = RelayRuntime.minerKey(Optional.empty(), s::get);
        assertEquals(MinerKey.of(identity).pubkey(), key.orElseThrow().pubkey());
    }

    @Test
    void bothAKeyInClearAndAKeyFileAreRefused() {
        Map<String, String> s = sealedSettings(dev.drey.crypto.Hex.decode(HEX, 32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RelayRuntime.minerKey(Optional.of(HEX), s::get));
        assertFalse(e.getMessage().contains(HEX), "the key is never echoed");
    }

    @Test
    void withoutAKeyFileTheKeyInClearStillServesLocalRuns() {
        assertEquals(MinerKey.parse(HEX).pubkey(), RelayRuntime.minerKey(Optional.of(HEX), n -> null).orElseThrow().pubkey());
        assertTrue(RelayRuntime.minerKey(Optional.empty(), n -> null).isEmpty());
    }
}
