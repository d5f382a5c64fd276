package dev.drey.miner;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredSettingsTest {
    private static final Path EXPORT = Path.of(System.getProperty("drey.root", "../.."), "infra", "required-settings.json");

    /** infra/terraform's check reads the export: it must be this code's list, not a hand-kept copy. */
    @Test
    void theExportReadByTheTerraformCheckIsThisList() throws IOException {
        String expected = RequiredSettings.toJson();
        if (Boolean.getBoolean("drey.write-required-settings")) {
            Files.writeString(EXPORT, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(EXPORT), EXPORT + " is missing: run this test with -Ddrey.write-required-settings=true");
        assertEquals(expected, Files.readString(EXPORT, StandardCharsets.UTF_8),
                EXPORT + " differs from RequiredSettings: regenerate it with -Ddrey.write-required-settings=true");
    }

    @Test
    void aMissingRequirementIsNamedWithItsEnvironmentVariable() {
        Map<String, String> s = new HashMap<>(Map.of(MinerFunctions.FUNCTION, ShareFunction.DTA));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequiredSettings.check(ShareFunction.DTA, RequiredSettings.Scope.FUNCTION, s::get));
        assertTrue(e.getMessage().contains("DREY_POL_SERVICE_KEYS"), e.getMessage());
        s.put(MinerFunctions.POL_SERVICE_KEYS, "  ");
        assertThrows(IllegalArgumentException.class,
                () -> RequiredSettings.check(ShareFunction.DTA, RequiredSettings.Scope.FUNCTION, s::get));
        s.put(MinerFunctions.POL_SERVICE_KEYS, "npub1x");
        assertDoesNotThrow(() -> RequiredSettings.check(ShareFunction.DTA, RequiredSettings.Scope.FUNCTION, s::get));
    }

    @Test
    void theKmsKeyIsRequiredOnlyForAnEnvelopeSealedKeyFile() {
        Map<String, String> s = new HashMap<>(Map.of(RequiredSettings.KAFKA_BOOTSTRAP, "b:9092",
                RequiredSettings.SECRETS_FILE_BASE64, "AAAA"));
        s.put(RequiredSettings.SECRETS_BACKEND, "kms");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequiredSettings.check(DkgFunction.NAME, RequiredSettings.Scope.DEPLOYMENT, s::get));
        assertTrue(e.getMessage().contains("DREY_KMS_KEY_ID"), e.getMessage());
        assertFalse(e.getMessage().contains("AAAA"), "values are never echoed");
        s.put(RequiredSettings.KMS_KEY_ID, "arn:aws:kms:x");
        assertDoesNotThrow(() -> RequiredSettings.check(DkgFunction.NAME, RequiredSettings.Scope.DEPLOYMENT, s::get));
        assertEquals("DREY_SECRETS_FILE_BASE64", RequiredSettings.envName(RequiredSettings.SECRETS_FILE_BASE64));
    }

    @Test
    void everyKnownFunctionHasItsOwnRequirements() {
        for (String f : RequiredSettings.FUNCTIONS) {
            assertTrue(RequiredSettings.of(f).stream().anyMatch(r -> r.anyOf().contains(MinerFunctions.FUNCTION)), f);
        }
        assertThrows(IllegalArgumentException.class, () -> RequiredSettings.of("no-such-function"));
    }
}
