package dev.drey.pol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Vectors;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every case of the Milagro M-Pin vector files through our issuance, proofs, recombination, permits,
 * token, client and server code (AMCL's SERVER_2 and our precomputed verifier side by side).
 */
class MilagroVectorsTest {

    @ParameterizedTest
    @CsvSource({"BN254_CX.txt, 300, 200", "BN254_CXOnePass.json, 300, 200", "BLS381.txt, 150, 100",
            "BLS383.txt, 150, 100"})
    void everyCaseMatches(String file, int cases, int successes) throws Exception {
        MpinVectorFile f = MpinVectorFile.read(Vectors.file("mpin/" + file));
        PairingCurve curve = PairingCurves.byName(f.curveFromName().orElseThrow());
        assertEquals(cases, f.cases().size(), "number of cases in " + file);
        MpinVectorCheck check = new MpinVectorCheck(curve, ServerChecks.all(curve), new SecureRandom());
        List<String> failures = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < f.cases().size(); i++) {
            Map<String, String> c = f.cases().get(i);
            if (c.containsKey("CURVE")) {
                assertEquals(curve.id(), c.get("CURVE"), "case " + i + " names another curve");
            }
            MpinVectorCheck.CaseResult r = check.run(i, c, i % 10 == 0); // proofs on a sample: time
            if (!r.passed()) {
                failures.add(r.name() + ": " + r.mismatches());
            }
            String result = c.getOrDefault("SERVER_OUTPUT", c.get("AuthResult"));
            if (result.equals("0")) {
                ok++;
            }
        }
        assertTrue(failures.isEmpty(), file + ": " + failures.size() + " failing cases, first: "
                + failures.subList(0, Math.min(3, failures.size())));
        assertEquals(successes, ok, "authentications expected to succeed in " + file);
    }
}
