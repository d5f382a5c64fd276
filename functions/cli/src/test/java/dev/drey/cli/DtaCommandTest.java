package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** drey dta simulate, in process: the whole federation's issuance, proofs, recombination and M-Pin. */
class DtaCommandTest {

    private static JsonNode simulate(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("dta", "simulate"));
        args.addAll(List.of(options));
        FrostCommandTest.Result r = FrostCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r.json();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Test
    void honestFederationAuthenticatesOnlyTheRightPinWithThisMonthsPermit() throws Exception {
        JsonNode j = simulate("--threshold", "2", "--miners", "3");
        assertEquals("bls381", j.get("curve").asText());
        assertTrue(j.get("identityHash").asText().matches("([0-9a-f]{2}){48}"),
                "HASH_ID to EFS = 48 bytes on BLS381: " + j);
        assertEquals(3, j.get("sharesVerified").asInt());
        assertEquals(List.of(), ints(j.get("forgersNamed")));
        assertTrue(j.get("enrolled").asBoolean());
        assertTrue(j.get("authRightPin").asBoolean());
        assertFalse(j.get("authWrongPin").asBoolean());
        assertFalse(j.get("authStalePermit").asBoolean());
        assertTrue(j.get("elapsedMs").asLong() >= 0);
    }

    @Test
    void forgersAreNamedExactlyAndTheHonestThresholdStillEnrols() throws Exception {
        JsonNode j = simulate("--threshold", "2", "--miners", "4", "--forge", "2");
        assertEquals(List.of(1, 2), ints(j.get("forgersNamed")));
        assertEquals(2, j.get("sharesVerified").asInt());
        assertTrue(j.get("authRightPin").asBoolean());
        assertFalse(j.get("authWrongPin").asBoolean());
        assertFalse(j.get("authStalePermit").asBoolean());
    }

    @Test
    void tooManyForgersLeaveTheIdentityUnenrolled() throws Exception {
        JsonNode j = simulate("--threshold", "2", "--miners", "3", "--forge", "2");
        assertEquals(List.of(1, 2), ints(j.get("forgersNamed")));
        assertEquals(1, j.get("sharesVerified").asInt());
        assertFalse(j.get("enrolled").asBoolean());
        assertFalse(j.get("authRightPin").asBoolean());
    }

    @Test
    void bn254cxWorksToo() throws Exception {
        JsonNode j = simulate("--threshold", "1", "--miners", "2", "--curve", "bn254cx");
        assertEquals("bn254cx", j.get("curve").asText());
        assertTrue(j.get("authRightPin").asBoolean());
        assertFalse(j.get("authWrongPin").asBoolean());
        assertFalse(j.get("authStalePermit").asBoolean());
    }

    @Test
    void badOptionsExitSixtyFour() throws Exception {
        List<String[]> bad = List.of(
                new String[] {"dta", "simulate", "--threshold", "0", "--miners", "3"},
                new String[] {"dta", "simulate", "--threshold", "4", "--miners", "3"},
                new String[] {"dta", "simulate", "--threshold", "2", "--miners", "51"},
                new String[] {"dta", "simulate", "--threshold", "2", "--miners", "3", "--forge", "4"},
                new String[] {"dta", "simulate", "--threshold", "2", "--miners", "3", "--forge", "-1"},
                new String[] {"dta", "simulate", "--threshold", "2", "--miners", "3", "--curve", "secp256k1"},
                new String[] {"dta", "simulate", "--threshold", "x", "--miners", "3"},
                new String[] {"dta", "simulate", "--miners", "3"},
                new String[] {"dta"});
        for (String[] args : bad) {
            FrostCommandTest.Result r = FrostCommandTest.run(args);
            assertEquals(Drey.EXIT_USAGE, r.exit(), String.join(" ", args) + " -> " + r.err());
            assertEquals("usage", MpinCommandTest.json(r.err()).get("error").asText(), r.err());
            assertEquals("", r.out());
        }
    }
}
