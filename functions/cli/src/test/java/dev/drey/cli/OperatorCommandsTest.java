package dev.drey.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.dkg.DkgResult;
import dev.drey.devnet.DevnetConfig;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.DevnetSteps;
import dev.drey.devnet.MinerNode;
import dev.drey.miner.FederationFile;
import dev.drey.nostr.Nip19;
import dev.drey.roast.Federation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator commands against a real federation in process (three miners, threshold 2: relays over websockets,
 * embedded Kafka, the real DKG, signer and orchestrator functions), one federation for the whole class: init and
 * check, a DKG started by {@code dkg start} that completes with the key the miners hold, a {@code sign request}
 * whose signature verifies under the group key, and {@code status} listing both runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCommandsTest {
    @TempDir
    static Path dir;

    private DevnetFederation fed;
    private Path operatorKey;
    private Path strangerKey;
    private String dkgRunId;
    private String signRequestId;

    @BeforeAll
    void startFederation() throws Exception {
        fed = DevnetFederation.builder(DevnetConfig.of(3, 2, 0, dir.resolve("devnet"))).build();
        fed.start(new DevnetSteps(line -> { }));
        operatorKey = dir.resolve("operator.key");
        Files.writeString(operatorKey, Hex.encode(fed.requesterKey()) + "\n");
        strangerKey = dir.resolve("stranger.key");
        Files.writeString(strangerKey, Nip19.encodeNsec(Hex.decode("11".repeat(32))) + "\n");
    }

    @AfterAll
    void stop() {
        if (fed != null) {
            fed.close();
        }
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + " / " + err, e);
            }
        }
    }

    private static Run drey(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Drey.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private List<String> memberArgs() {
        List<String> args = new ArrayList<>();
        for (MinerNode m : fed.miners()) {
            args.add("--member");
            args.add(Nip19.encodeNpub(m.pubkey) + "@" + m.url());
        }
        return args;
    }

    private Path federationFile(String name) {
        Path file = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("federation", "init", "--threshold", "2", "--out", file.toString()));
        args.addAll(memberArgs());
        Run r = drey(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return file;
    }

    @Test
    @Order(1)
    void initWritesTheFileAndCheckReportsEveryRelay() throws Exception {
        Path file = federationFile("federation.json");
        OperatorFederation f = OperatorFederation.read(file);
        assertEquals(2, f.threshold());
        assertEquals(3, f.members().size());
        assertEquals(fed.miner(2).url(), f.members().get(1).relay());
        assertTrue(f.signing().isEmpty(), "no group key before the DKG");

        Run check = drey("federation", "check", file.toString(), "--secret-key-file", operatorKey.toString());
        assertEquals(0, check.exit(), check.out() + check.err());
        JsonNode members = check.json().get("members");
        assertEquals(3, members.size());
        for (JsonNode m : members) {
            assertTrue(m.get("reachable").asBoolean());
            assertTrue(m.get("authenticated").asBoolean(), m.toString());
            assertEquals("drey-miner relay-ingest", m.get("software").asText());
            assertFalse(m.get("version").asText().isEmpty());
            assertTrue(m.get("latencyMs").asLong() >= 0);
        }

        // a key the relays do not allow: reachable, not authenticated, exit 1
        Run stranger = drey("federation", "check", file.toString(), "--secret-key-file", strangerKey.toString());
        assertEquals(1, stranger.exit());
        assertFalse(stranger.json().get("members").get(0).get("authenticated").asBoolean());

        // a member whose relay is down: unreachable, exit 1
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(file).replace(fed.miner(1).url(), "ws://127.0.0.1:1"));
        Run down = drey("federation", "check", broken.toString(), "--secret-key-file", operatorKey.toString());
        assertEquals(1, down.exit());
        assertFalse(down.json().get("members").get(0).get("reachable").asBoolean());
        assertTrue(down.json().get("members").get(1).get("reachable").asBoolean());
    }

    @Test
    @Order(2)
    void dkgStartFollowsARunToTheKeyTheMinersHold() throws Exception {
        Path file = federationFile("dkg-federation.json");
        Run r = drey("dkg", "start", "--federation", file.toString(), "--key", "frost", "--secret-key-file",
                operatorKey.toString(), "--update-federation", "--timeout", "60");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode out = r.json();
        assertEquals("completed", out.get("state").asText());
        assertEquals("frost-bip340", out.get("key").asText());
        assertEquals(1, out.get("transcripts").size());
        assertTrue(r.err().contains("round 1 from member"), r.err());
        assertTrue(r.err().contains("confirmed transcript"), r.err());
        dkgRunId = out.get("runId").asText();

        // what the command computed from the public messages is what every miner keeps
        for (int i = 1; i <= 3; i++) {
            Optional<DkgResult> kept = fed.dkgResult(i, dkgRunId);
            assertTrue(kept.isPresent(), "miner " + i + " has the key");
            DkgResult.Frost frost = (DkgResult.Frost) kept.get();
            assertEquals(Hex.encode(frost.publicKeyPackage().groupPublicKey().encodeCompressed()),
                    out.get("groupPublicKey").asText());
        }
        // and the updated file is one the miners' functions read
        Federation updated = FederationFile.parse(Files.readAllBytes(file));
        DkgResult.Frost one = (DkgResult.Frost) fed.dkgResult(1, dkgRunId).orElseThrow();
        assertEquals(one.publicKeyPackage().groupPublicKey(), updated.group().groupPublicKey());
        assertEquals(one.publicKeyPackage().verifyingShare(Identifier.of(2)), updated.verifyingShare(Identifier.of(2)));
    }

    @Test
    @Order(3)
    void signRequestReturnsASignatureUnderTheGroupKey() throws Exception {
        // the signers hold the devnet's own FROST key: the federation file records it
        Path file = federationFile("sign-federation.json");
        OperatorFederation f = OperatorFederation.read(file);
        OperatorFederation.write(file, f.toJson(Optional.of(fed.federation().group())));
        String message = "ab".repeat(32);
        String coordinator = Nip19.encodeNpub(fed.coordinator().pubkey);
        Run r = drey("sign", "request", "--federation", file.toString(), "--message", message, "--purpose",
                "devnet-message", "--coordinator", coordinator, "--secret-key-file", operatorKey.toString(),
                "--timeout", "60");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode out = r.json();
        byte[] sig = Hex.decode(out.get("signature").asText());
        assertTrue(Schnorr.verify(fed.federation().groupKeyXOnly(), Hex.decode(message), sig));
        signRequestId = out.get("requestId").asText();

        // a purpose the signers refuse: no signature, a clear error (the timeout, or the coordinator's failure), exit 2
        Run refused = drey("sign", "request", "--federation", file.toString(), "--message", message, "--purpose",
                "not-a-purpose", "--coordinator", coordinator, "--secret-key-file", operatorKey.toString(),
                "--timeout", "3");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("no signature result") || refused.err().contains("did not sign"),
                refused.err());
        assertTrue(refused.out().isEmpty(), "no signature printed");
    }

    @Test
    @Order(4)
    void statusListsTheDkgAndTheRoastRun() throws Exception {
        Path file = federationFile("status-federation.json");
        OperatorFederation f = OperatorFederation.read(file);
        OperatorFederation.write(file, f.toJson(Optional.of(fed.federation().group())));
        Run r = drey("status", "--federation", file.toString(), "--secret-key-file", operatorKey.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode out = r.json();
        JsonNode dkg = find(out.get("dkg"), "runId", dkgRunId);
        assertEquals("completed", dkg.get("state").asText());
        JsonNode roast = find(out.get("roast"), "requestId", signRequestId);
        assertEquals("signed", roast.get("state").asText());
        assertTrue(roast.get("signatureValid").asBoolean());
        // the devnet's own two DKGs are there too, completed
        assertTrue(out.get("dkg").size() >= 3, out.toString());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + array);
    }
}
