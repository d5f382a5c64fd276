package dev.drey.crypto.frost;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recomputes every field of a {@link ConformanceVector} from its inputs (dealer shares, nonces
 * from the given randomness, commitments, binding-factor inputs and factors, signature shares,
 * the final signature) and compares byte for byte.
 */
public final class ConformanceCheck {
    /** One compared field: its path in the file, the expected and the computed hex. */
    public record Field(String name, String expected, String actual, boolean pass) {
    }

    private ConformanceCheck() {
    }

    public static List<Field> run(ConformanceVector v, Ciphersuite cs) {
        List<Field> out = new ArrayList<>();
        Scalar secret;
        try {
            secret = Scalar.decodeNonZero(Hex.decode(v.groupSecretKey(), 32));
        } catch (CryptoException e) {
            out.add(new Field("inputs.group_secret_key", v.groupSecretKey(), "invalid: " + e.getMessage(), false));
            return out;
        }
        Point groupKey = Point.mulG(secret);
        compare(out, "inputs.group_public_key", v.groupPublicKey(), () -> Hex.encode(groupKey.encodeCompressed()));

        Map<Identifier, Scalar> shares = new HashMap<>();
        try {
            List<Scalar> coeffs = new ArrayList<>();
            for (String c : v.sharePolynomialCoefficients()) {
                coeffs.add(Scalar.decode(Hex.decode(c, 32)));
            }
            Dealer.Output dealt = Dealer.split(secret, coeffs, v.maxParticipants());
            for (SecretShare s : dealt.shares()) {
                shares.put(s.identifier(), s.signingShare());
            }
        } catch (CryptoException e) {
            out.add(new Field("inputs.share_polynomial_coefficients", "", "invalid: " + e.getMessage(), false));
            return out;
        }
        for (ConformanceVector.ParticipantShare p : v.participantShares()) {
            Scalar s = shares.get(p.identifier());
            compare(out, "inputs.participant_shares[" + p.identifier() + "]", p.participantShare(),
                    () -> Hex.encode(s.encode()));
        }

        byte[] message;
        try {
            message = Hex.decode(v.message());
        } catch (CryptoException e) {
            out.add(new Field("inputs.message", v.message(), "invalid: " + e.getMessage(), false));
            return out;
        }
        Map<Identifier, SigningNonces> nonces = new HashMap<>();
        for (ConformanceVector.Round1Output r : v.roundOneOutputs()) {
            String at = "round_one_outputs[" + r.identifier() + "].";
            Scalar s = shares.get(r.identifier());
            if (s == null) {
                out.add(new Field(at + "identifier", r.identifier().toString(), "no such participant", false));
                continue;
            }
            SigningNonces n;
            try {
                n = Round1.commit(cs, r.identifier(), s, Hex.decode(r.hidingNonceRandomness(), 32),
                        Hex.decode(r.bindingNonceRandomness(), 32));
            } catch (CryptoException e) {
                out.add(new Field(at + "nonce_randomness", "", "invalid: " + e.getMessage(), false));
                continue;
            }
            nonces.put(r.identifier(), n);
            compare(out, at + "hiding_nonce", r.hidingNonce(), () -> Hex.encode(n.hiding().encode()));
            compare(out, at + "binding_nonce", r.bindingNonce(), () -> Hex.encode(n.binding().encode()));
            compare(out, at + "hiding_nonce_commitment", r.hidingNonceCommitment(),
                    () -> Hex.encode(n.commitments().hiding().encodeCompressed()));
            compare(out, at + "binding_nonce_commitment", r.bindingNonceCommitment(),
                    () -> Hex.encode(n.commitments().binding().encodeCompressed()));
        }
        List<SigningCommitments> commitments = new ArrayList<>();
        for (Identifier id : v.participantList()) {
            SigningNonces n = nonces.get(id);
            if (n == null) {
                out.add(new Field("inputs.participant_list", id.toString(), "no round-one output", false));
                return out;
            }
            commitments.add(n.commitments());
        }
        SigningSession session;
        SigningPackage pkg;
        try {
            pkg = SigningPackage.of(commitments, message);
            session = new SigningSession(cs, pkg, groupKey);
        } catch (CryptoException e) {
            out.add(new Field("signing_package", "", "invalid: " + e.getMessage(), false));
            return out;
        }
        List<byte[]> inputs = BindingFactors.inputs(cs, groupKey, pkg);
        for (ConformanceVector.Round1Output r : v.roundOneOutputs()) {
            String at = "round_one_outputs[" + r.identifier() + "].";
            int k = pkg.signers().indexOf(r.identifier());
            if (k < 0) {
                continue;
            }
            compare(out, at + "binding_factor_input", r.bindingFactorInput(), () -> Hex.encode(inputs.get(k)));
            compare(out, at + "binding_factor", r.bindingFactor(),
                    () -> Hex.encode(session.bindingFactors().get(k).encode()));
        }
        List<SignatureShare> sigShares = new ArrayList<>();
        Map<Identifier, Point> publicShares = new HashMap<>();
        for (Map.Entry<Identifier, Scalar> e : shares.entrySet()) {
            publicShares.put(e.getKey(), Point.mulG(e.getValue()));
        }
        for (Identifier id : v.participantList()) {
            KeyPackage key = new KeyPackage(id, shares.get(id), publicShares.get(id), groupKey, v.minParticipants());
            sigShares.add(Round2.sign(session, nonces.get(id), key));
        }
        for (ConformanceVector.Round2Output r : v.roundTwoOutputs()) {
            int k = pkg.signers().indexOf(r.identifier());
            compare(out, "round_two_outputs[" + r.identifier() + "].sig_share", r.sigShare(),
                    () -> k < 0 ? "not a signer" : Hex.encode(sigShares.get(k).encode()));
        }
        try {
            PublicKeyPackage pub = new PublicKeyPackage(publicShares, groupKey, v.minParticipants());
            byte[] sig = Aggregate.aggregate(session, sigShares, pub);
            String expected = v.finalSignature();
            // Some BIP-340-variant files (frost-core's) write R compressed: 02 || x(R) || z.
            String actual = cs.evenY() && expected != null && expected.length() == 130 ? "02" + Hex.encode(sig)
                    : Hex.encode(sig);
            compare(out, "final_output.sig", expected, () -> actual);
            out.add(new Field("final_output.sig verifies", "true",
                    Boolean.toString(cs.verify(groupKey, message, sig)), cs.verify(groupKey, message, sig)));
        } catch (CryptoException e) {
            out.add(new Field("final_output.sig", v.finalSignature(), "failed: " + e.getMessage(), false));
        }
        return out;
    }

    private static void compare(List<Field> out, String name, String expected, Supplier<String> actual) {
        String a;
        try {
            a = actual.get();
        } catch (CryptoException e) {
            a = "failed: " + e.getMessage();
        }
        out.add(new Field(name, expected, a, expected != null && expected.equals(a)));
    }
}
