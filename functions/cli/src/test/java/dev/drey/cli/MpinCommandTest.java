package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.crypto.Vectors;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** drey mpin check-vectors, in process, on the first cases of Milagro's files (a full file takes seconds). */
class MpinCommandTest {
    private static final int CASES = 3;

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static Path vectors(String name) {
        return Vectors.file("mpin/" + name);
    }

    private static void assertAllPassed(FrostCommandTest.Result r, String curve) throws Exception {
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(curve, j.get("curve").asText());
        assertEquals(CASES, j.get("cases").size());
        j.get("cases").forEach(c -> assertTrue(c.get("pass").asBoolean(), c.toString()));
        JsonNode s = j.get("summary");
        assertEquals(CASES, s.get("total").asInt());
        assertEquals(CASES, s.get("passed").asInt());
        assertEquals(0, s.get("failed").asInt());
        assertTrue(s.get("inFile").asInt() >= 150, "the whole file was read: " + s);
        assertTrue(s.get("servers").size() >= 1);
    }

    @Test
    void milagroFilesPassWithTheCurveFromTheName() throws Exception {
        assertAllPassed(FrostCommandTest.run("mpin", "check-vectors", vectors("BLS381.txt").toString(),
                "--limit", Integer.toString(CASES)), "bls381");
        // the BN254_CX file has time permits; the .json file is the 1-pass dialect
        assertAllPassed(FrostCommandTest.run("mpin", "check-vectors", vectors("BN254_CX.txt").toString(),
                "--limit", Integer.toString(CASES)), "bn254cx");
        assertAllPassed(FrostCommandTest.run("mpin", "check-vectors", vectors("BN254_CXOnePass.json").toString(),
                "--limit", Integer.toString(CASES), "--curve", "bn254cx"), "bn254cx");
    }

    @Test
    void wrongCurveFailsEveryCaseWithExitOne() throws Exception {
        FrostCommandTest.Result r = FrostCommandTest.run("mpin", "check-vectors", vectors("BLS381.txt").toString(),
                "--curve", "bn254cx", "--limit", "2");
        assertEquals(Drey.EXIT_INVALID, r.exit());
        JsonNode j = r.json();
        assertEquals("bn254cx", j.get("curve").asText());
        assertEquals(2, j.get("summary").get("failed").asInt());
        assertEquals(0, j.get("summary").get("passed").asInt());
        for (JsonNode c : j.get("cases")) {
            assertFalse(c.get("pass").asBoolean());
            assertTrue(c.get("mismatches").size() > 0, c.toString());
        }
        assertFalse(r.out().contains("Exception"), "mismatches are named, not stack traces");
    }

    @Test
    void unreadableFilesAreJsonErrorsWithExitTwo() throws Exception {
        FrostCommandTest.Result missing = FrostCommandTest.run("mpin", "check-vectors",
                Path.of("target", "no-such-dir", "BLS381.txt").toString());
        assertEquals(Drey.EXIT_FAILURE, missing.exit());
        assertEquals("failed", json(missing.err()).get("error").asText());
        assertTrue(json(missing.err()).get("message").asText().contains("no such file"),
                missing.err());

        Path garbledTxt = FrostCommandTest.write("BLS381-garbled.txt", "TEST = 1,\nthis line has no equals sign\n");
        FrostCommandTest.Result g = FrostCommandTest.run("mpin", "check-vectors", garbledTxt.toString());
        assertEquals(Drey.EXIT_FAILURE, g.exit());
        assertTrue(json(g.err()).get("message").asText().contains(":2: expected KEY = value"),
                g.err());

        Path garbledJson = FrostCommandTest.write("BN254_CX-garbled.json", "[{\"TEST\": 1,");
        FrostCommandTest.Result gj = FrostCommandTest.run("mpin", "check-vectors", garbledJson.toString());
        assertEquals(Drey.EXIT_FAILURE, gj.exit());
        assertEquals("failed", json(gj.err()).get("error").asText());

        Path notAList = FrostCommandTest.write("BN254_CX-object.json", "{\"TEST\": 1}");
        FrostCommandTest.Result nl = FrostCommandTest.run("mpin", "check-vectors", notAList.toString());
        assertEquals(Drey.EXIT_FAILURE, nl.exit());
        assertTrue(json(nl.err()).get("message").asText().contains("list of objects"));

        Path empty = FrostCommandTest.write("BLS381-empty.txt", "\n\n");
        FrostCommandTest.Result e = FrostCommandTest.run("mpin", "check-vectors", empty.toString());
        assertEquals(Drey.EXIT_FAILURE, e.exit());
        assertTrue(json(e.err()).get("message").asText().contains("no test cases"));
        assertFalse((missing.err() + g.err() + gj.err() + nl.err() + e.err()).contains("at dev.drey"),
                "no stack traces");
    }

    @Test
    void usageErrorsExitSixtyFour() throws Exception {
        Path noCurveInName = FrostCommandTest.write("vectors.txt", "TEST = 1,\nCURVE = x,\n");
        FrostCommandTest.Result r = FrostCommandTest.run("mpin", "check-vectors", noCurveInName.toString());
        assertEquals(Drey.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("--curve"));
        assertEquals(Drey.EXIT_USAGE, FrostCommandTest.run("mpin", "check-vectors", noCurveInName.toString(),
                "--curve", "secp256k1").exit());
        assertEquals(Drey.EXIT_USAGE, FrostCommandTest.run("mpin", "check-vectors", noCurveInName.toString(),
                "--curve", "bls381", "--limit", "0").exit());
        assertEquals(Drey.EXIT_USAGE, FrostCommandTest.run("mpin", "check-vectors").exit());
    }
}
