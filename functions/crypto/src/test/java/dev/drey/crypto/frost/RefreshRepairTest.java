package dev.drey.crypto.frost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Proactive refresh and share repair, each followed by signing. */
class RefreshRepairTest {

    record Refreshed(Map<Identifier, KeyPackage> keys, PublicKeyPackage pub) {
    }

    static Refreshed refresh(Map<Identifier, KeyPackage> keys, PublicKeyPackage pub, SecureRandom rng,
            Identifier cheater) {
        int n = keys.size();
        Map<Identifier, Refresh.Part1> p1 = new TreeMap<>();
        keys.forEach((id, k) -> p1.put(id, Refresh.part1(k, n, rng)));
        Map<Identifier, Refresh.Part2> p2 = new TreeMap<>();
        for (Identifier id : keys.keySet()) {
            Map<Identifier, Refresh.Round1Package> in = new HashMap<>();
            p1.forEach((o, p) -> {
                if (!o.equals(id)) {
                    in.put(o, p.broadcast());
                }
            });
            p2.put(id, Refresh.part2(p1.get(id).secret(), in));
        }
        Map<Identifier, KeyPackage> out = new TreeMap<>();
        PublicKeyPackage newPub = null;
        for (Identifier id : keys.keySet()) {
            Map<Identifier, Refresh.Round2Package> in = new HashMap<>();
            p2.forEach((o, p) -> {
                if (!o.equals(id)) {
                    Scalar d = p.outgoing().get(id).delta();
                    in.put(o, new Refresh.Round2Package(o.equals(cheater) ? d.add(Scalar.ONE) : d));
                }
            });
            Refresh.Result r = Refresh.part3(p2.get(id).secret(), in, keys.get(id), pub, rng);
            out.put(id, r.keyPackage());
            if (newPub != null) {
                assertEquals(newPub, r.publicKeyPackage());
            }
            newPub = r.publicKeyPackage();
        }
        return new Refreshed(out, newPub);
    }

    @Test
    void refreshKeepsTheKeyAndOldSharesStopCombining() {
        SecureRandom rng = FrostTestSupport.seeded(20);
        Random rnd = new Random(21);
        Dealer.Output dealt = Dealer.generate(3, 5, rng);
        Map<Identifier, KeyPackage> old = dealt.keyPackages();
        Refreshed fresh = refresh(old, dealt.publicKeyPackage(), rng, null);
        assertEquals(dealt.publicKeyPackage().groupPublicKey(), fresh.pub().groupPublicKey());
        for (Identifier id : old.keySet()) {
            assertNotEquals(old.get(id).signingShare(), fresh.keys().get(id).signingShare());
        }
        byte[] msg = {4, 2};
        List<Identifier> signers = FrostTestSupport.subset(old.keySet(), 3, rnd);
        FrostTestSupport.Run r = FrostTestSupport.sign(Ciphersuite.BIP340, fresh.keys(), signers, msg, rng);
        byte[] sig = Aggregate.aggregate(r.session(), r.shares(), fresh.pub());
        assertTrue(Schnorr.verify(fresh.pub().groupPublicKey().xOnly(), msg, sig));

        // Mixing: signer 1 keeps its old share; the rest use new ones. Aggregation names signer 1.
        Map<Identifier, KeyPackage> mixed = new TreeMap<>(fresh.keys());
        KeyPackage stale = old.get(signers.get(0));
        mixed.put(stale.identifier(), stale);
        FrostTestSupport.Run m = FrostTestSupport.sign(Ciphersuite.BIP340, mixed, signers, msg, rng);
        FrostException e = assertThrows(FrostException.class,
                () -> Aggregate.aggregate(m.session(), m.shares(), fresh.pub()));
        assertEquals(List.of(stale.identifier()), e.culprits());
        // And the secrets themselves: old and new shares do not interpolate to the group secret.
        Scalar s = Scalar.ZERO;
        for (Identifier id : signers) {
            s = s.add(Lagrange.atZero(signers, id).mul(mixed.get(id).signingShare()));
        }
        assertNotEquals(dealt.publicKeyPackage().groupPublicKey(), Point.mulG(s));
    }

    @Test
    void refreshNamesAnInconsistentSender() {
        SecureRandom rng = FrostTestSupport.seeded(22);
        Dealer.Output dealt = Dealer.generate(2, 4, rng);
        FrostException e = assertThrows(FrostException.class,
                () -> refresh(dealt.keyPackages(), dealt.publicKeyPackage(), rng, Identifier.of(3)));
        assertEquals(FrostException.Fault.INVALID_SECRET_SHARE, e.fault());
        assertEquals(List.of(Identifier.of(3)), e.culprits());
    }

    static KeyPackage repair(Map<Identifier, KeyPackage> keys, List<Identifier> helpers, Identifier lost,
            PublicKeyPackage pub, SecureRandom rng, boolean corrupt) {
        Map<Identifier, List<Scalar>> inbox = new HashMap<>();
        for (Identifier h : helpers) {
            Map<Identifier, Scalar> pieces = Repair.step1(helpers, keys.get(h), lost, rng);
            pieces.forEach((to, piece) -> inbox.computeIfAbsent(to, k -> new ArrayList<>()).add(piece));
        }
        List<Scalar> sums = new ArrayList<>();
        for (Identifier h : helpers) {
            Scalar s = Repair.step2(inbox.get(h));
            sums.add(corrupt && sums.isEmpty() ? s.add(Scalar.ONE) : s);
        }
        return Repair.step3(lost, sums, pub);
    }

    @Test
    void repairRebuildsTheShareAndItSigns() {
        SecureRandom rng = FrostTestSupport.seeded(23);
        Random rnd = new Random(24);
        for (int[] tn : new int[][] {{2, 3}, {3, 5}, {5, 9}}) {
            Dealer.Output dealt = Dealer.generate(tn[0], tn[1], rng);
            Map<Identifier, KeyPackage> keys = dealt.keyPackages();
            Identifier lost = Identifier.of(1 + rnd.nextInt(tn[1]));
            List<Identifier> others = new ArrayList<>(keys.keySet());
            others.remove(lost);
            List<Identifier> helpers = FrostTestSupport.subset(others, tn[0] + rnd.nextInt(others.size() - tn[0] + 1),
                    rnd);
            KeyPackage repaired = repair(keys, helpers, lost, dealt.publicKeyPackage(), rng, false);
            assertEquals(keys.get(lost), repaired);
            Map<Identifier, KeyPackage> withRepaired = new TreeMap<>(keys);
            withRepaired.put(lost, repaired);
            List<Identifier> signers = new ArrayList<>(helpers.subList(0, tn[0] - 1));
            signers.add(lost);
            signers.sort(null);
            byte[] msg = {7};
            FrostTestSupport.Run r = FrostTestSupport.sign(Ciphersuite.BIP340, withRepaired, signers, msg, rng);
            byte[] sig = Aggregate.aggregate(r.session(), r.shares(), dealt.publicKeyPackage());
            assertTrue(Schnorr.verify(dealt.publicKeyPackage().groupPublicKey().xOnly(), msg, sig));
        }
    }

    @Test
    void repairRefusesBadInput() {
        SecureRandom rng = FrostTestSupport.seeded(25);
        Dealer.Output dealt = Dealer.generate(3, 5, rng);
        Map<Identifier, KeyPackage> keys = dealt.keyPackages();
        List<Identifier> helpers = List.of(Identifier.of(2), Identifier.of(3), Identifier.of(5));
        FrostException corrupt = assertThrows(FrostException.class,
                () -> repair(keys, helpers, Identifier.of(1), dealt.publicKeyPackage(), rng, true));
        assertEquals(FrostException.Fault.INVALID_SECRET_SHARE, corrupt.fault());
        assertEquals(FrostException.Fault.INVALID_PARAMETER, assertThrows(FrostException.class,
                () -> Repair.step1(helpers.subList(0, 2), keys.get(Identifier.of(2)), Identifier.of(1), rng))
                .fault());
        assertEquals(FrostException.Fault.INVALID_PARAMETER, assertThrows(FrostException.class,
                () -> Repair.step1(helpers, keys.get(Identifier.of(2)), Identifier.of(3), rng)).fault());
    }
}
