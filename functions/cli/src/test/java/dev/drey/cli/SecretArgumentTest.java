package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 11: no command takes a secret as a command-line value (the process list and shell history show it);
 * {@code --X -} reads standard input, {@code --X-file FILE} a file.
 */
class SecretArgumentTest {
    private static final String KEY = "0000000000000000000000000000000000000000000000000000000000000003";
    private static final String PEER = "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9";

    @TempDir
    Path dir;

    record Result(int exit, String err) {
        String message() throws Exception {
            JsonNode j = Json.MAPPER.readTree(err);
            return j.get("message").asText();
        }
    }

    static Result run(String... args) {
        CommandLine cl = Drey.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return new Result(cl.execute(args), err.toString());
    }

    @Test
    void everySecretKeyOptionRefusesAValue() throws Exception {
        String[][] commands = {
            {"event", "sign", "--secret-key", KEY},
            {"nip44", "decrypt", "--secret-key", KEY, "--peer", PEER},
            {"nip44", "encrypt", "--secret-key", KEY, "--peer", PEER},
            {"relay", "--port", "0", "--allow", PEER, "--secret-key", KEY},
            {"roast", "sign", "--message", "11".repeat(32), "--secret-key", KEY},
        };
        for (String[] args : commands) {
            Result r = run(args);
            assertEquals(Drey.EXIT_FAILURE, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.message().startsWith("--secret-key: a secret on the command line shows in the process list"),
                    r.err());
            assertTrue(r.message().contains("--secret-key-file FILE"), r.err());
            assertFalse(r.err().contains(KEY), "the key is not echoed");
        }
    }

    @Test
    void whereStandardInputCarriesTheDataTheKeyComesFromAFile() throws Exception {
        Result r = run("event", "sign", "--secret-key", "-");
        assertEquals("--secret-key -: standard input carries the event template; use --secret-key-file FILE",
                r.message());
        r = run("nip44", "decrypt", "--secret-key", "-", "--peer", PEER);
        assertEquals("--secret-key -: standard input carries the message; use --secret-key-file FILE", r.message());
        r = run("event", "sign");
        assertEquals(Drey.EXIT_USAGE, r.exit(), "no key at all is a usage error");
        assertTrue(r.err().contains("--secret-key-file"), r.err());
        Path bad = Files.writeString(dir.resolve("bad.key"), "zz\n");
        r = run("nip44", "decrypt", "--secret-key-file", bad.toString(), "--peer", PEER);
        assertEquals("--secret-key: not a valid secret key (64 hex characters or nsec1...)", r.message());
    }

    @Test
    void readsAFileOrStandardInputAndRefusesEverythingElse() throws Exception {
        Path f = Files.writeString(dir.resolve("k"), "  " + KEY + "\r\n");
        assertEquals(Optional.of(KEY), SecretArgument.read("--x", null, f, null, "data"));
        assertEquals(Optional.of(KEY), SecretArgument.read("--x", "-", null,
                new ByteArrayInputStream((KEY + "\n").getBytes(StandardCharsets.UTF_8)), null));
        assertEquals(Optional.empty(), SecretArgument.read("--x", null, null, null, "data"));
        assertEquals("give --x - or --x-file FILE, not both", assertThrows(CliException.class,
                () -> SecretArgument.read("--x", "-", f, null, "data")).getMessage());
        CliException e = assertThrows(CliException.class, () -> SecretArgument.read("--x", KEY, null, null, "data"));
        assertFalse(e.getMessage().contains(KEY));
        Path big = Files.write(dir.resolve("big"), new byte[SecretArgument.MAX_FILE_BYTES + 1]);
        assertTrue(assertThrows(CliException.class, () -> SecretArgument.read("--x", null, big, null, "data"))
                .getMessage().contains("larger than"));
        Path binary = Files.write(dir.resolve("bin"), new byte[] {(byte) 0xff, (byte) 0xfe});
        assertEquals("--x-file: " + binary + " is not UTF-8 text", assertThrows(CliException.class,
                () -> SecretArgument.read("--x", null, binary, null, "data")).getMessage());
    }
}
