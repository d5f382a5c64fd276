package dev.drey.cli;

import dev.drey.nostr.Nip19;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Bip340;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.Vectors;
import dev.drey.crypto.frost.Aggregate;
import dev.drey.crypto.frost.BindingFactors;
import dev.drey.crypto.frost.Ciphersuite;
import dev.drey.crypto.frost.Dealer;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.KeyPackage;
import dev.drey.crypto.frost.Round1;
import dev.drey.crypto.frost.Round2;
import dev.drey.crypto.frost.SignatureShare;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningNonces;
import dev.drey.crypto.frost.SigningPackage;
import dev.drey.crypto.frost.SigningSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** drey frost ... run in process with captured output. */
class FrostCommandTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Path TARGET = Path.of("target", "frost-cli-test");

    record Result(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return M.readTree(out);
        }
    }

    static Result run(String... args) {
        CommandLine cl = Drey.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static Path write(String name, String content) throws Exception {
        Files.createDirectories(TARGET);
        Path p = TARGET.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static Path rfcVectors() {
        return Vectors.file("rfc9591/frost-secp256k1-sha256.json");
    }

    @Test
    void dealerThenSignLocalBothVariants() throws Exception {
        Result dealt = run("frost", "dealer", "--threshold", "3", "--signers", "5");
        assertEquals(0, dealt.exit(), dealt.err());
        JsonNode keys = dealt.json();
        assertEquals(3, keys.get("threshold").asInt());
        assertEquals(5, keys.get("participants").size());
        String x = keys.get("groupPublicKey").asText();
        Point group = Point.decodeCompressed(Hex.decode(keys.get("groupPublicKeyCompressed").asText()));
        assertEquals(x, Hex.encode(group.xOnly()));
        assertEquals(Nip19.encodeNpub(x), keys.get("npub").asText());
        assertTrue(keys.get("npub").asText().startsWith("npub1"));
        for (JsonNode p : keys.get("participants")) {
            assertEquals(p.get("publicShare").asText(), Hex.encode(
                    Point.mulG(Scalar.decode(Hex.decode(p.get("secretShare").asText()))).encodeCompressed()));
        }
        Path file = write("dealer-keys.json", dealt.out());

        Result sig = run("frost", "sign-local", "--keys", file.toString(), "--message", "68656c6c6f",
                "--signers", "1,3,5");
        assertEquals(0, sig.exit(), sig.err());
        assertEquals(x, sig.json().get("groupPublicKey").asText());
        byte[] s = Hex.decode(sig.json().get("signature").asText());
        assertTrue(Schnorr.verify(Hex.decode(x), Hex.decode("68656c6c6f"), s));

        Result rfc = run("frost", "sign-local", "--keys", file.toString(), "--message", "68656c6c6f",
                "--signers", "2,4,5", "--variant", "rfc9591");
        assertEquals(0, rfc.exit(), rfc.err());
        assertEquals(65, Hex.decode(rfc.json().get("signature").asText()).length);
        assertTrue(Ciphersuite.RFC9591.verify(group, Hex.decode("68656c6c6f"),
                Hex.decode(rfc.json().get("signature").asText())));
    }

    @Test
    void dkgLocalKeysSign() throws Exception {
        Result dkg = run("frost", "dkg-local", "--threshold", "2", "--signers", "3");
        assertEquals(0, dkg.exit(), dkg.err());
        Path file = write("dkg-keys.json", dkg.out());
        Result sig = run("frost", "sign-local", "--keys", file.toString(), "--message", "", "--signers", "3,2");
        assertEquals(0, sig.exit(), sig.err());
        assertTrue(Bip340.FINAL.verify(Hex.decode(dkg.json().get("groupPublicKey").asText()), new byte[0],
                Hex.decode(sig.json().get("signature").asText())));
    }

    @Test
    void npubMatchesNip19Example() {
        assertEquals("npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6",
                Nip19.encodeNpub("3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d"));
    }

    @Test
    void checkVectorsPassesTheRfcFile() throws Exception {
        Result r = run("frost", "check-vectors", rfcVectors().toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("rfc9591", j.get("variant").asText());
        assertTrue(j.get("pass").asBoolean());
        assertEquals(0, j.get("failed").asInt());
        assertTrue(j.get("fields").size() >= 20);
    }

    @Test
    void checkVectorsReportsTheFailingField() throws Exception {
        ObjectNode v = (ObjectNode) M.readTree(rfcVectors().toFile());
        ObjectNode share = (ObjectNode) v.path("round_two_outputs").path("outputs").get(1);
        share.put("sig_share", "0160fd0d388932f4826d2ebcd6b9eaba734f7c71cf25b4279a4ca2581e47b18e");
        Result r = run("frost", "check-vectors", write("tampered.json", v.toString()).toString());
        assertEquals(1, r.exit());
        List<String> failed = new ArrayList<>();
        r.json().get("fields").forEach(f -> {
            if (!f.get("pass").asBoolean()) {
                failed.add(f.get("field").asText());
            }
        });
        assertEquals(List.of("round_two_outputs[3].sig_share"), failed);
        // Forcing the other variant fails the derived fields too.
        assertEquals(1, run("frost", "check-vectors", rfcVectors().toString(), "--variant", "bip340").exit());
    }

    /**
     * Builds a BIP-340-variant vector file in the RFC shape with the public API (group key with odd
     * y and R with odd y, so both negations are exercised), then checks it with check-vectors:
     * variant inferred from the 64-byte signature, {@code verifying_key_key} accepted.
     */
    @Test
    void generatedBip340VectorPassesCheckVectors() throws Exception {
        ObjectNode file = null;
        Random rnd = new Random(340);
        for (int attempt = 0; attempt < 200 && file == null; attempt++) {
            file = bip340Vector(rnd, "verifying_key_key");
        }
        assertTrue(file != null, "no seed gave odd-y group key and odd-y R");
        Path p = write("frost-secp256k1-sha256-tr-generated.json", file.toPrettyString());
        Result r = run("frost", "check-vectors", p.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("bip340", r.json().get("variant").asText());
        assertEquals(0, r.json().get("failed").asInt());

        // The same file with the RFC's spelling of the key field, and the RFC variant forced: fails.
        ObjectNode inputs = (ObjectNode) file.get("inputs");
        inputs.set("group_public_key", inputs.remove("verifying_key_key"));
        Path q = write("frost-secp256k1-sha256-tr-generated-rfcnames.json", file.toString());
        assertEquals(0, run("frost", "check-vectors", q.toString()).exit());
        assertEquals(1, run("frost", "check-vectors", q.toString(), "--variant", "rfc9591").exit());
    }

    /** One candidate vector, or null unless both the group key and R have odd y. */
    private static ObjectNode bip340Vector(Random rnd, String keyField) {
        Ciphersuite cs = Ciphersuite.BIP340;
        byte[] secretBytes = new byte[32];
        byte[] coeff = new byte[32];
        rnd.nextBytes(secretBytes);
        rnd.nextBytes(coeff);
        Scalar secret = Scalar.reduce(secretBytes);
        Scalar a1 = Scalar.reduce(coeff);
        if (secret.isZero() || Point.mulG(secret).hasEvenY()) {
            return null;
        }
        Dealer.Output dealt = Dealer.split(secret, List.of(a1), 3);
        Map<Identifier, KeyPackage> keys = dealt.keyPackages();
        List<Identifier> signers = List.of(Identifier.of(1), Identifier.of(3));
        byte[] msg = "test".getBytes(StandardCharsets.UTF_8);
        List<SigningNonces> nonces = new ArrayList<>();
        List<byte[][]> randomness = new ArrayList<>();
        for (Identifier id : signers) {
            byte[] h = new byte[32];
            byte[] b = new byte[32];
            rnd.nextBytes(h);
            rnd.nextBytes(b);
            randomness.add(new byte[][] {h, b});
            nonces.add(Round1.commit(cs, id, keys.get(id).signingShare(), h, b));
        }
        List<SigningCommitments> cs1 = nonces.stream().map(SigningNonces::commitments).toList();
        SigningPackage pkg = SigningPackage.of(cs1, msg);
        SigningSession session = new SigningSession(cs, pkg, dealt.publicKeyPackage().groupPublicKey());
        if (!session.noncesNegated()) {
            return null;
        }
        List<SignatureShare> shares = new ArrayList<>();
        for (int k = 0; k < signers.size(); k++) {
            shares.add(Round2.sign(session, nonces.get(k), keys.get(signers.get(k))));
        }
        byte[] sig = Aggregate.aggregate(session, shares, dealt.publicKeyPackage());
        assertTrue(Bip340.FINAL.verify(Point.mulG(secret).xOnly(), msg, sig));
        List<byte[]> inputs = BindingFactors.inputs(cs, dealt.publicKeyPackage().groupPublicKey(), pkg);

        ObjectNode root = M.createObjectNode();
        ObjectNode config = root.putObject("config");
        config.put("MAX_PARTICIPANTS", "3").put("NUM_PARTICIPANTS", "2").put("MIN_PARTICIPANTS", "2")
                .put("name", "FROST(secp256k1, SHA-256, BIP-340 variant)").put("group", "secp256k1")
                .put("hash", "SHA-256");
        ObjectNode in = root.putObject("inputs");
        in.putArray("participant_list").add(1).add(3);
        in.put("group_secret_key", Hex.encode(secret.encode()));
        in.put(keyField, Hex.encode(Point.mulG(secret).encodeCompressed()));
        in.put("message", Hex.encode(msg));
        in.putArray("share_polynomial_coefficients").add(Hex.encode(a1.encode()));
        ArrayNode ps = in.putArray("participant_shares");
        keys.forEach((id, k) -> ps.addObject().put("identifier", Long.parseLong(id.toString()))
                .put("participant_share", Hex.encode(k.signingShare().encode())));
        ArrayNode r1 = root.putObject("round_one_outputs").putArray("outputs");
        ArrayNode r2 = root.putObject("round_two_outputs").putArray("outputs");
        for (int k = 0; k < signers.size(); k++) {
            SigningNonces n = nonces.get(k);
            r1.addObject().put("identifier", Long.parseLong(signers.get(k).toString()))
                    .put("hiding_nonce_randomness", Hex.encode(randomness.get(k)[0]))
                    .put("binding_nonce_randomness", Hex.encode(randomness.get(k)[1]))
                    .put("hiding_nonce", Hex.encode(n.hiding().encode()))
                    .put("binding_nonce", Hex.encode(n.binding().encode()))
                    .put("hiding_nonce_commitment", Hex.encode(n.commitments().hiding().encodeCompressed()))
                    .put("binding_nonce_commitment", Hex.encode(n.commitments().binding().encodeCompressed()))
                    .put("binding_factor_input", Hex.encode(inputs.get(k)))
                    .put("binding_factor", Hex.encode(session.bindingFactors().get(k).encode()));
            r2.addObject().put("identifier", Long.parseLong(signers.get(k).toString()))
                    .put("sig_share", Hex.encode(shares.get(k).encode()));
        }
        root.putObject("final_output").put("sig", Hex.encode(sig));
        return root;
    }

    @Test
    void errorsAreJsonWithTheRightExitCodes() throws Exception {
        Result noSub = run("frost");
        assertEquals(64, noSub.exit());
        assertEquals("usage", M.readTree(noSub.err()).get("error").asText());
        assertEquals(64, run("frost", "dealer", "--threshold", "5", "--signers", "3").exit());
        assertEquals(64, run("frost", "dealer", "--threshold", "x", "--signers", "3").exit());

        Path keys = write("keys-for-errors.json",
                run("frost", "dealer", "--threshold", "2", "--signers", "3").out());
        assertEquals(64, run("frost", "sign-local", "--keys", keys.toString(), "--message", "zz", "--signers", "1,2")
                .exit());
        assertEquals(64, run("frost", "sign-local", "--keys", keys.toString(), "--message", "00", "--signers", "1,a")
                .exit());
        assertEquals(64, run("frost", "sign-local", "--keys", keys.toString(), "--message", "00", "--signers", "1,2",
                "--variant", "ed25519").exit());
        assertEquals(64, run("frost", "sign-local", "--keys", keys.toString(), "--message", "00", "--signers", "1,1")
                .exit());

        Result unknown = run("frost", "sign-local", "--keys", keys.toString(), "--message", "00", "--signers", "1,9");
        assertEquals(2, unknown.exit());
        assertTrue(M.readTree(unknown.err()).get("message").asText().contains("9"));
        Result below = run("frost", "sign-local", "--keys", keys.toString(), "--message", "00", "--signers", "2");
        assertEquals(2, below.exit());
        assertEquals("failed", M.readTree(below.err()).get("error").asText());

        Path garbage = write("garbage.json", "{not json");
        Result g = run("frost", "sign-local", "--keys", garbage.toString(), "--message", "00", "--signers", "1,2");
        assertEquals(2, g.exit());
        assertTrue(M.readTree(g.err()).get("message").asText().contains("not valid JSON"));

        // A key file whose secret share does not match its public share is refused.
        ObjectNode k = (ObjectNode) M.readTree(keys.toFile());
        ((ObjectNode) k.get("participants").get(0)).put("secretShare", "00".repeat(31) + "01");
        Path forged = write("forged-keys.json", k.toString());
        Result f = run("frost", "sign-local", "--keys", forged.toString(), "--message", "00", "--signers", "1,2");
        assertEquals(2, f.exit());
        assertFalse(f.err().contains("Exception"));

        assertEquals(2, run("frost", "check-vectors", TARGET.resolve("missing.json").toString()).exit());
        Result empty = run("frost", "check-vectors", write("empty-object.json", "{}").toString());
        assertEquals(2, empty.exit());
        assertTrue(M.readTree(empty.err()).get("message").asText().contains("config"));
    }
}
