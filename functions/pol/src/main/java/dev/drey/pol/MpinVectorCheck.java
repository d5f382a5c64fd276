package dev.drey.pol;

import dev.drey.crypto.Hex;
import dev.drey.crypto.pairing.DtaShares;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.VerifiableShare;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs one Milagro M-Pin vector case through the project's code paths: the miners' share issuance (with
 * proofs) from MS1/MS2, Milagro's n-of-n recombination of client secret, server secret and permit, the
 * app's token extraction and M-Pin client (2-pass, or 1-pass when the case has a TimeValue), and the
 * verifier's server checks. Both file dialects are read: BN254_CX (MPIN_ID_HEX, CLIENT_SECRET,
 * SERVER_SECRET, DATE/permits, SERVER_OUTPUT) and BLS38x (MPINId, CS, SS, AuthResult, no permits).
 */
public final class MpinVectorCheck {
    private final PairingCurve curve;
    private final List<Map.Entry<String, PolVerifier.ServerCheckFactory>> servers;
    private final SecureRandom rng;

    /** One server implementation under test, named, built from the case's server secret. */
    public MpinVectorCheck(PairingCurve curve, List<Map.Entry<String, PolVerifier.ServerCheckFactory>> servers,
            SecureRandom rng) {
        this.curve = curve;
        this.servers = List.copyOf(servers);
        this.rng = rng;
    }

    /** The result of one case: passed, or the fields that did not match. */
    public record CaseResult(String name, boolean passed, List<String> mismatches) {
    }

    public CaseResult run(int position, Map<String, String> c) {
        return run(position, c, true);
    }

    /**
     * @param verifyProofs also check each issued share's DLEQ proof (the proofs are ours, not Milagro's
     *     data; a suite may check them on a sample to save time)
     */
    public CaseResult run(int position, Map<String, String> c, boolean verifyProofs) {
        String name = c.getOrDefault("TEST", c.getOrDefault("test_no", Integer.toString(position)));
        List<String> bad = new ArrayList<>();
        try {
            check(c, bad, verifyProofs);
        } catch (RuntimeException e) {
            bad.add("error: " + e.getMessage());
        }
        return new CaseResult(name, bad.isEmpty(), List.copyOf(bad));
    }

    private void check(Map<String, String> c, List<String> bad, boolean verifyProofs) {
        byte[] rawId = hex(c, c.containsKey("MPIN_ID_HEX") ? "MPIN_ID_HEX" : "MPINId");
        String csKey = c.containsKey("CLIENT_SECRET") ? "CLIENT_SECRET" : "CS";
        String ssKey = c.containsKey("SERVER_SECRET") ? "SERVER_SECRET" : "SS";
        String resultKey = c.containsKey("SERVER_OUTPUT") ? "SERVER_OUTPUT" : "AuthResult";
        int date = c.containsKey("DATE") ? Integer.parseInt(c.get("DATE")) : 0;
        boolean onePass = c.containsKey("TimeValue");

        byte[] hid = curve.mpin().hashId(rawId);
        if (c.containsKey("HASH_MPIN_ID_HEX")) {
            expect(bad, c, "HASH_MPIN_ID_HEX", hid);
        }
        MasterSecretShare m1 = share(c, "MS1", 1);
        MasterSecretShare m2 = share(c, "MS2", 2);
        List<byte[]> cs = new ArrayList<>();
        List<byte[]> ss = new ArrayList<>();
        List<byte[]> tp = new ArrayList<>();
        for (MasterSecretShare m : List.of(m1, m2)) {
            String i = Integer.toString(m.index());
            VerifiableShare s = DtaShares.issueClientSecret(m, hid, rng);
            proof(bad, verifyProofs, "CS" + i, () -> DtaShares.verify(curve, DtaShares.Kind.CLIENT_SECRET, m.publicShare(), s, 0, hid));
            expect(bad, c, "CS" + i, s.point());
            cs.add(s.point());
            VerifiableShare q = DtaShares.issueServerSecret(m, rng);
            proof(bad, verifyProofs, "SS" + i, () -> DtaShares.verify(curve, DtaShares.Kind.SERVER_SECRET, m.publicShare(), q, 0, null));
            expect(bad, c, "SS" + i, q.point());
            ss.add(q.point());
            if (date != 0) {
                VerifiableShare p = DtaShares.issueTimePermit(m, date, hid, rng);
                proof(bad, verifyProofs, "TP" + i, () -> DtaShares.verify(curve, DtaShares.Kind.TIME_PERMIT, m.publicShare(), p, date, hid));
                expect(bad, c, "TP" + i, p.point());
                tp.add(p.point());
            }
        }
        byte[] clientSecret = DtaShares.sum(curve.g1(), cs);
        byte[] serverSecret = DtaShares.sum(curve.g2(), ss);
        expect(bad, c, csKey, clientSecret);
        expect(bad, c, ssKey, serverSecret);
        byte[] permit = null;
        if (date != 0) {
            permit = DtaShares.sum(curve.g1(), tp);
            expect(bad, c, "TIME_PERMIT", permit);
        }

        byte[] token = curve.mpin().extractPin(rawId, Integer.parseInt(c.get("PIN1")), hex(c, csKey));
        expect(bad, c, "TOKEN", token);

        MpinClient client = new MpinClient(curve);
        MpinClient.Pass1 p1 = client.pass1(rawId, Integer.parseInt(c.get("PIN2")), hex(c, "TOKEN"),
                date != 0 ? hex(c, "TIME_PERMIT") : null, date, hex(c, "X"));
        expect(bad, c, "U", p1.u());
        if (date != 0) {
            expect(bad, c, "UT", p1.ut());
        }
        byte[] v;
        byte[] y;
        if (onePass) {
            MpinClient.OnePass op = client.onePass(p1, Integer.parseInt(c.get("TimeValue")));
            y = curve.mpin().onePassY(op.timeValue(), date != 0 ? op.ut() : op.u());
            expect(bad, c, "Y", y);
            v = op.v();
            expect(bad, c, "SEC", v); // in the 1-pass file SEC holds the final V
        } else {
            if (c.containsKey("SEC")) { // the BLS38x files leave it out
                expect(bad, c, "SEC", p1.sec());
            }
            y = hex(c, "Y");
            v = client.pass2(p1, y);
            expect(bad, c, "V", v);
        }

        int expected = Integer.parseInt(c.get(resultKey));
        byte[][] h = curve.mpin().server1(date, rawId);
        for (Map.Entry<String, PolVerifier.ServerCheckFactory> s : servers) {
            int rc = s.getValue().forSecret(curve, hex(c, ssKey))
                    .check(date, h[0], h[1], y, hex(c, "U"), date != 0 ? hex(c, "UT") : null, v);
            if (rc != expected) {
                bad.add(resultKey + " via " + s.getKey() + ": got " + rc + ", expected " + expected);
            }
        }
    }

    private MasterSecretShare share(Map<String, String> c, String key, int index) {
        BigInteger v = new BigInteger(1, hex(c, key));
        return new MasterSecretShare(curve, index, v);
    }

    private static void proof(List<String> bad, boolean verifyProofs, String what,
            java.util.function.BooleanSupplier ok) {
        if (verifyProofs && !ok.getAsBoolean()) {
            bad.add(what + " proof");
        }
    }

    private static void expect(List<String> bad, Map<String, String> c, String key, byte[] actual) {
        String want = c.get(key);
        if (want == null) {
            bad.add(key + " missing from the case");
        } else if (!Arrays.equals(Hex.decode(want), actual)) {
            bad.add(key);
        }
    }

    private static byte[] hex(Map<String, String> c, String key) {
        String v = c.get(key);
        if (v == null) {
            throw new IllegalArgumentException(key + " missing from the case");
        }
        return Hex.decode(v);
    }
}
