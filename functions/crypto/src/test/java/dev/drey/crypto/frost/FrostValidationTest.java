package dev.drey.crypto.frost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Untrusted input is refused with a specific fault, naming the participant where there is one. */
class FrostValidationTest {
    private static FrostException.Fault fault(Runnable r) {
        return assertThrows(FrostException.class, r::run).fault();
    }

    @Test
    void identifiers() {
        assertEquals(FrostException.Fault.INVALID_PARAMETER, fault(() -> Identifier.of(0)));
        assertEquals(FrostException.Fault.INVALID_PARAMETER, fault(() -> Identifier.of(-3)));
        assertEquals(FrostException.Fault.INVALID_PARAMETER, fault(() -> Identifier.decode(new byte[32])));
        assertEquals(FrostException.Fault.INVALID_PARAMETER, fault(() -> Identifier.decode(dev.drey.crypto.Bytes.fixed32(Scalar.N))));
        assertEquals(FrostException.Fault.INVALID_PARAMETER, fault(() -> Identifier.decode(new byte[31])));
        assertEquals("7", Identifier.of(7).toString());
        assertEquals(Identifier.of(7), Identifier.decode(Identifier.of(7).encode()));
        FrostException dup = assertThrows(FrostException.class,
                () -> Lagrange.atZero(List.of(Identifier.of(1), Identifier.of(2), Identifier.of(1)), Identifier.of(2)));
        assertEquals(List.of(Identifier.of(1)), dup.culprits());
        assertEquals(FrostException.Fault.UNKNOWN_IDENTIFIER,
                fault(() -> Lagrange.atZero(List.of(Identifier.of(1), Identifier.of(2)), Identifier.of(3))));
    }

    @Test
    void thresholds() {
        SecureRandom rng = FrostTestSupport.seeded(30);
        assertEquals(FrostException.Fault.INVALID_PARAMETER, fault(() -> Dealer.generate(1, 3, rng)));
        assertEquals(FrostException.Fault.INVALID_PARAMETER, fault(() -> Dealer.generate(4, 3, rng)));
        assertEquals(FrostException.Fault.INVALID_PARAMETER,
                fault(() -> Dkg.part1(Ciphersuite.BIP340, Identifier.of(1), 2, 3, rng)));
        assertEquals(FrostException.Fault.INVALID_PARAMETER,
                fault(() -> Dealer.split(Scalar.ZERO, List.of(Scalar.ONE), 3)));
    }

    @Test
    void commitmentsAndShares() {
        SecureRandom rng = FrostTestSupport.seeded(31);
        Identifier one = Identifier.of(1);
        FrostException identity = assertThrows(FrostException.class,
                () -> new SigningCommitments(one, Point.INFINITY, Point.G));
        assertEquals(List.of(one), identity.culprits());
        byte[] bad = new byte[66];
        bad[0] = 0x04;
        assertEquals(List.of(one), assertThrows(FrostException.class,
                () -> SigningCommitments.decode(one, bad)).culprits());
        assertEquals(FrostException.Fault.INVALID_ELEMENT,
                fault(() -> SigningCommitments.decode(one, new byte[65])));
        FrostException outOfRange = assertThrows(FrostException.class,
                () -> SignatureShare.decode(Identifier.of(4), Hex.decode("ff".repeat(32))));
        assertEquals(FrostException.Fault.INVALID_SIGNATURE_SHARE, outOfRange.fault());
        assertEquals(List.of(Identifier.of(4)), outOfRange.culprits());

        SigningCommitments c = new SigningCommitments(one, Point.G, Point.G);
        FrostException dup = assertThrows(FrostException.class,
                () -> SigningPackage.of(List.of(c, c), new byte[0]));
        assertEquals(FrostException.Fault.DUPLICATE_IDENTIFIER, dup.fault());
        assertEquals(List.of(one), dup.culprits());
        assertEquals(FrostException.Fault.MISSING_INPUT, fault(() -> SigningPackage.of(List.of(), new byte[0])));

        Dealer.Output dealt = Dealer.generate(2, 3, rng);
        Map<Identifier, KeyPackage> keys = dealt.keyPackages();
        KeyPackage k1 = keys.get(one);
        assertEquals(FrostException.Fault.INVALID_SECRET_SHARE,
                fault(() -> KeyPackage.of(one, k1.signingShare().add(Scalar.ONE), dealt.publicKeyPackage())));
        SecretShare tampered = new SecretShare(one, k1.signingShare().add(Scalar.ONE),
                dealt.shares().get(0).commitment());
        assertEquals(List.of(one), assertThrows(FrostException.class, tampered::verify).culprits());
        assertEquals(FrostException.Fault.UNKNOWN_IDENTIFIER,
                fault(() -> dealt.publicKeyPackage().verifyingShare(Identifier.of(9))));
    }

    @Test
    void signersRefuseForeignOrSwappedCommitments() {
        SecureRandom rng = FrostTestSupport.seeded(32);
        Dealer.Output dealt = Dealer.generate(2, 3, rng);
        Map<Identifier, KeyPackage> keys = dealt.keyPackages();
        KeyPackage k1 = keys.get(Identifier.of(1));
        KeyPackage k2 = keys.get(Identifier.of(2));
        SigningNonces n1 = Round1.commit(Ciphersuite.BIP340, k1, rng);
        SigningNonces n2 = Round1.commit(Ciphersuite.BIP340, k2, rng);
        SigningNonces other = Round1.commit(Ciphersuite.BIP340, k1, rng);
        SigningPackage swapped = SigningPackage.of(List.of(other.commitments(), n2.commitments()), new byte[1]);
        assertEquals(FrostException.Fault.INVALID_ELEMENT, fault(() -> Round2.sign(Ciphersuite.BIP340, swapped, n1, k1)));
        SigningPackage ok = SigningPackage.of(List.of(n1.commitments(), n2.commitments()), new byte[1]);
        assertEquals(FrostException.Fault.INVALID_PARAMETER, fault(() -> Round2.sign(Ciphersuite.BIP340, ok, n2, k1)));
        SigningPackage without = SigningPackage.of(List.of(n2.commitments(),
                Round1.commit(Ciphersuite.BIP340, keys.get(Identifier.of(3)), rng).commitments()), new byte[1]);
        assertEquals(FrostException.Fault.UNKNOWN_IDENTIFIER,
                fault(() -> Round2.sign(Ciphersuite.BIP340, without, n1, k1)));
        assertTrue(Round2.sign(Ciphersuite.BIP340, ok, n1, k1) != null);
    }

    @Test
    void secretsStayOutOfToString() {
        SecureRandom rng = FrostTestSupport.seeded(33);
        Dealer.Output dealt = Dealer.generate(2, 3, rng);
        KeyPackage k = dealt.keyPackages().get(Identifier.of(1));
        String hex = Hex.encode(k.signingShare().encode());
        assertTrue(!k.toString().contains(hex) && !dealt.shares().get(0).toString().contains(hex));
        SigningNonces n = Round1.commit(Ciphersuite.RFC9591, k, rng);
        assertTrue(!n.toString().contains(Hex.encode(n.hiding().encode())));
        assertTrue(Polynomial.random(Scalar.ONE, 3, rng).toString().contains("redacted"));
    }

    @Test
    void variantsByName() {
        assertEquals(Ciphersuite.BIP340, Ciphersuite.named("bip340"));
        assertEquals(Ciphersuite.RFC9591, Ciphersuite.named("RFC9591"));
        assertThrows(dev.drey.crypto.CryptoException.class, () -> Ciphersuite.named("ed25519"));
    }
}
