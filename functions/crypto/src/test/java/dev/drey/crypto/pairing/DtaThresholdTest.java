package dev.drey.crypto.pairing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DtaThresholdTest {
    private final SecureRandom rng = new SecureRandom();

    @ParameterizedTest
    @ValueSource(strings = {"bls381", "bn254cx"})
    void everyThresholdSubsetRecombinesToTheDealersSecret(String name) {
        PairingCurve c = PairingCurves.byName(name);
        int n = 5;
        int t = 2 + rng.nextInt(2); // 2 or 3
        BigInteger s = c.randomScalar(rng);
        PairingDealer.Dealt dealt = PairingDealer.split(c, s, t, n, rng);
        byte[] hid = c.mpin().hashId("alice".getBytes());
        byte[] expectedCs = c.g1().mul(c.hashToG1(hid), s);
        byte[] expectedSs = c.g2().mul(c.g2().generator(), s);
        List<VerifiableShare> cs = new ArrayList<>();
        List<VerifiableShare> ss = new ArrayList<>();
        for (MasterSecretShare m : dealt.shares()) {
            VerifiableShare share = DtaShares.issueClientSecret(m, hid, rng);
            assertTrue(DtaShares.verify(c, DtaShares.Kind.CLIENT_SECRET, dealt.publicKey().publicShare(m.index()),
                    share, 0, hid));
            cs.add(share);
            VerifiableShare server = DtaShares.issueServerSecret(m, rng);
            assertTrue(DtaShares.verify(c, DtaShares.Kind.SERVER_SECRET, dealt.publicKey().publicShare(m.index()),
                    server, 0, null));
            ss.add(server);
        }
        for (List<Integer> subset : subsets(n, t)) {
            List<VerifiableShare> pick = subset.stream().map(i -> cs.get(i)).toList();
            assertArrayEquals(expectedCs, DtaShares.recombine(c, c.g1(), pick, t), "subset " + subset);
            List<VerifiableShare> pickS = subset.stream().map(i -> ss.get(i)).toList();
            assertArrayEquals(expectedSs, DtaShares.recombine(c, c.g2(), pickS, t), "subset " + subset);
        }
        // fewer than t: refused by recombine, and the raw combination is not the secret
        List<VerifiableShare> few = cs.subList(0, t - 1);
        assertThrows(PairingException.class, () -> DtaShares.recombine(c, c.g1(), few, t));
        assertFalse(Arrays.equals(expectedCs, DtaShares.combine(c, c.g1(), few)));
        assertArrayEquals(c.g1().mul(c.g1().generator(), s), dealt.publicKey().groupKey());
    }

    @Test
    void aForgedShareFailsItsProofAndNamesTheMiner() {
        PairingCurve c = PairingCurves.BLS381;
        PairingDealer.Dealt dealt = PairingDealer.split(c, c.randomScalar(rng), 2, 3, rng);
        byte[] hid = c.mpin().hashId("bob".getBytes());
        MasterSecretShare honest = dealt.shares().get(1);
        // miner 2 uses a different scalar but proves honestly about it: the proof fails against s_2·P
        MasterSecretShare wrong = new MasterSecretShare(c, 2, c.randomScalar(rng));
        VerifiableShare forged = DtaShares.issueClientSecret(wrong, hid, rng);
        List<Integer> forgers = new ArrayList<>();
        for (VerifiableShare sh : List.of(DtaShares.issueClientSecret(dealt.shares().get(0), hid, rng), forged,
                DtaShares.issueClientSecret(dealt.shares().get(2), hid, rng))) {
            if (!DtaShares.verify(c, DtaShares.Kind.CLIENT_SECRET, dealt.publicKey().publicShare(sh.index()), sh,
                    0, hid)) {
                forgers.add(sh.index());
            }
        }
        assertEquals(List.of(2), forgers);
        // a correct point with a proof for another identity fails too
        VerifiableShare other = DtaShares.issueClientSecret(honest, c.mpin().hashId("eve".getBytes()), rng);
        assertFalse(DtaShares.verify(c, DtaShares.Kind.CLIENT_SECRET, honest.publicShare(),
                new VerifiableShare(2, DtaShares.issueClientSecret(honest, hid, rng).point(), other.proof()), 0, hid));
        // a share proven as a time permit does not pass as a client secret
        VerifiableShare permit = DtaShares.issueTimePermit(honest, 20000, hid, rng);
        assertTrue(DtaShares.verify(c, DtaShares.Kind.TIME_PERMIT, honest.publicShare(), permit, 20000, hid));
        assertFalse(DtaShares.verify(c, DtaShares.Kind.TIME_PERMIT, honest.publicShare(), permit, 20001, hid));
        // the time permit share matches AMCL's GET_CLIENT_PERMIT formula with s_i
        assertArrayEquals(c.g1().mul(DtaShares.permitBase(c, 20000, hid), honest.value()), permit.point());
    }

    @Test
    void malformedPointsAreRefusedByName() {
        PairingCurve c = PairingCurves.BLS381;
        byte[] p = c.g1().generator();
        p[10] ^= 1;
        PairingException e = assertThrows(PairingException.class, () -> c.g1().validate(p, "share"));
        assertTrue(e.getMessage().startsWith("share: "), e.getMessage());
        assertThrows(PairingException.class, () -> c.g1().validate(new byte[3], "share"));
        assertThrows(PairingException.class, () -> c.g2().validate(new byte[192], "server share"));
        assertThrows(PairingException.class, () -> c.hashToG1(new byte[32]));
    }

    @Test
    void dkgGivesSharesOfOneSecretAndNamesACheatingDealer() {
        PairingCurve c = PairingCurves.BN254CX;
        int n = 4;
        int t = 3;
        List<PairingDkg.Round1Secret> secrets = new ArrayList<>();
        List<PairingDkg.Round1Package> packages = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            var r1 = PairingDkg.round1(c, i, t, rng);
            secrets.add(r1.getKey());
            packages.add(r1.getValue());
        }
        List<MasterSecretShare> shares = new ArrayList<>();
        DtaPublicKey pk = null;
        for (int me = 1; me <= n; me++) {
            Map<Integer, BigInteger> received = new HashMap<>();
            for (PairingDkg.Round1Secret s : secrets) {
                received.put(s.index(), s.shareFor(me));
            }
            var out = PairingDkg.finalize(c, me, packages, received);
            shares.add(out.getKey());
            assertArrayEquals(out.getKey().publicShare(), out.getValue().publicShare(me));
            pk = out.getValue();
        }
        // any t shares interpolate to the same secret, whose G1 multiple is the joint key
        BigInteger[] l = Lagrange.atZero(List.of(1, 3, 4), c.order());
        BigInteger s = shares.get(0).value().multiply(l[0]).add(shares.get(2).value().multiply(l[1]))
                .add(shares.get(3).value().multiply(l[2])).mod(c.order());
        assertArrayEquals(pk.groupKey(), c.g1().mul(c.g1().generator(), s));

        Map<Integer, BigInteger> bad = new HashMap<>();
        for (PairingDkg.Round1Secret sec : secrets) {
            bad.put(sec.index(), sec.shareFor(1));
        }
        bad.put(3, bad.get(3).add(BigInteger.ONE));
        PairingDkg.DkgCheatException e = assertThrows(PairingDkg.DkgCheatException.class,
                () -> PairingDkg.finalize(c, 1, packages, bad));
        assertEquals(3, e.dealer());
    }

    @Test
    void aDkgProofOfKnowledgeFromAnotherRunIsRefused() {
        PairingCurve c = PairingCurves.BN254CX;
        byte[] runA = "run-a|roster".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] runB = "run-b|roster".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var dealer = PairingDkg.round1(c, 2, 2, runA, rng);
        var me = PairingDkg.round1(c, 1, 2, runA, rng);
        Map<Integer, BigInteger> received = Map.of(1, me.getKey().shareFor(1), 2, dealer.getKey().shareFor(1));
        List<PairingDkg.Round1Package> packages = List.of(me.getValue(), dealer.getValue());
        assertEquals(1, PairingDkg.finalize(c, 1, packages, received, runA).getKey().index());
        PairingDkg.DkgCheatException e = assertThrows(PairingDkg.DkgCheatException.class,
                () -> PairingDkg.finalize(c, 1, packages, received, runB));
        assertTrue(e.getMessage().contains("proof of knowledge"), e.getMessage());
        assertThrows(PairingDkg.DkgCheatException.class, () -> PairingDkg.finalize(c, 1, packages, received));
    }

    @Test
    void bls381IsTheStandardBls12Curve() {
        PairingCurve c = PairingCurves.BLS381;
        // r and the G1 generator of BLS12-381 (as in the IETF pairing-friendly-curves draft / zkcrypto)
        assertEquals(new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16),
                c.order());
        byte[] g = c.g1().generator();
        assertEquals("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb",
                dev.drey.crypto.Hex.encode(Arrays.copyOfRange(g, 1, 49)));
        assertTrue(c.pairingProductIsOne(c.g2().generator(), c.g1().mul(c.g1().generator(), BigInteger.TWO),
                c.g2().mul(c.g2().generator(), c.order().subtract(BigInteger.TWO)), c.g1().generator()));
    }

    private static List<List<Integer>> subsets(int n, int t) {
        List<List<Integer>> out = new ArrayList<>();
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) == t) {
                List<Integer> s = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        s.add(i);
                    }
                }
                out.add(s);
            }
        }
        return out;
    }
}
