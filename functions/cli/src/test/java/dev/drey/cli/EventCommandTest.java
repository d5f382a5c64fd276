package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.EventTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCommandTest {
    @Test
    void templateDefaultsCreatedAtToNowAndKeepsTags() {
        EventTemplate t = EventCommand.Sign.parseTemplate(
                "{\"kind\":7,\"content\":\"+\",\"tags\":[[\"e\",\"x\"],[]]}", 1234);
        assertEquals(1234, t.createdAt());
        assertEquals(7, t.kind());
        assertEquals(List.of(List.of("e", "x"), List.of()), t.tags());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nope|not valid JSON",
        "[]|must be a JSON object",
        "{\"content\":\"x\"}|kind must be an integer",
        "{\"kind\":70000,\"content\":\"x\"}|kind must be an integer in 0..65535",
        "{\"kind\":1.5,\"content\":\"x\"}|kind must be an integer",
        "{\"kind\":1}|content must be a string",
        "{\"kind\":1,\"content\":\"x\",\"tags\":[[1]]}|tag values must be strings",
        "{\"kind\":1,\"content\":\"x\",\"tags\":{}}|tags must be an array",
        "{\"kind\":1,\"content\":\"x\",\"created_at\":-1}|created_at",
        "{\"kind\":1,\"content\":\"x\",\"created_at\":\"1\"}|created_at must be an integer",
        "{\"kind\":1,\"content\":\"x\",\"id\":\"1\"}|unknown field 'id'",
    })
    void badTemplatesAreRefusedWithASpecificMessage(String json, String expected) {
        CliException e = assertThrows(CliException.class, () -> EventCommand.Sign.parseTemplate(json, 0));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void keysAreCheckedWithoutEchoingThem() {
        String secret = "f".repeat(64); // >= n: not a valid scalar
        CliException e = assertThrows(CliException.class, () -> KeyInput.secretKey(secret, "--secret-key"));
        assertTrue(!e.getMessage().contains(secret));
        assertThrows(CliException.class, () -> KeyInput.publicKey("npub1invalid", "--peer"));
        assertEquals(32, KeyInput.publicKey("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
                "--peer").length);
    }
}
