package dev.drey.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** `drey keygen`, `drey event sign|verify` and `drey nip44` against nostr-tools, through the real jar. */
class CommandLineInteropTest {

    @Test
    void keygenSignVerifyAndNip44WithNostrTools(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        JsonNode keys = NodePeer.JSON.readTree(DreyCommand.run("", "keygen").stdout());
        JsonNode peerKeys = NodePeer.JSON.readTree(DreyCommand.run("", "keygen").stdout());
        String sk = keys.get("secretKey").asText();
        // nostr-tools derives the same public key from the secret key.
        assertEquals(keys.get("publicKey").asText(),
                NodePeer.call(NodePeer.request("publicKey").put("secretKey", sk)).get("publicKey").asText());

        String template = "{\"kind\":1,\"content\":\"tab\\t nul\\u0000 ls\\u2028 \\ud83d\\ude00\",\"tags\":[[\"t\",\"drey\"]],\"created_at\":1700000000}";
        // Secrets come from files, never the command line (the process list would show them).
        String nsecFile = java.nio.file.Files.writeString(dir.resolve("me.nsec"), keys.get("nsec").asText()).toString();
        String skFile = java.nio.file.Files.writeString(dir.resolve("me.hex"), sk + "\n").toString();
        DreyCommand.Result signed = DreyCommand.run(template, "event", "sign", "--secret-key-file", nsecFile);
        assertEquals(0, signed.exitCode(), signed.stderr());
        JsonNode event = NodePeer.JSON.readTree(signed.stdout());
        ObjectNode req = NodePeer.request("verifyEvents");
        req.putArray("events").add(event);
        JsonNode r = NodePeer.call(req).get(0);
        assertTrue(r.get("valid").asBoolean());
        assertEquals(event.get("id").asText(), r.get("id").asText());

        DreyCommand.Result ok = DreyCommand.run(signed.stdout(), "event", "verify");
        assertEquals(0, ok.exitCode());
        assertTrue(NodePeer.JSON.readTree(ok.stdout()).get("valid").asBoolean());
        DreyCommand.Result bad = DreyCommand.run(signed.stdout().replace("drey", "drex"), "event", "verify");
        assertEquals(1, bad.exitCode());
        assertFalse(NodePeer.JSON.readTree(bad.stdout()).get("valid").asBoolean());

        // nostr-tools encrypts to us; drey decrypts. drey encrypts back; nostr-tools decrypts.
        ObjectNode enc = NodePeer.request("nip44Encrypt").put("secretKey", peerKeys.get("secretKey").asText())
                .put("peer", keys.get("publicKey").asText());
        enc.putArray("plaintexts").add("share for miner 3 😀");
        String payload = NodePeer.call(enc).get(0).asText();
        DreyCommand.Result dec = DreyCommand.run(payload, "nip44", "decrypt", "--secret-key-file", skFile,
                "--peer", peerKeys.get("npub").asText());
        assertEquals(0, dec.exitCode(), dec.stderr());
        assertEquals("share for miner 3 😀", NodePeer.JSON.readTree(dec.stdout()).get("plaintext").asText());

        DreyCommand.Result back = DreyCommand.run("reply ✓", "nip44", "encrypt", "--secret-key-file", skFile,
                "--peer", peerKeys.get("publicKey").asText());
        ObjectNode decReq = NodePeer.request("nip44Decrypt").put("secretKey", peerKeys.get("secretKey").asText())
                .put("peer", keys.get("publicKey").asText());
        decReq.putArray("payloads").add(NodePeer.JSON.readTree(back.stdout()).get("payload").asText());
        assertEquals("reply ✓", NodePeer.call(decReq).get(0).get("plaintext").asText());
    }

    @Test
    void frostCommandsProduceSignaturesNobleAccepts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        for (String keygen : new String[] {"dealer", "dkg-local"}) {
            DreyCommand.Result keys = DreyCommand.run("", "frost", keygen, "--threshold", "3", "--signers", "5");
            assertEquals(0, keys.exitCode(), keys.stderr());
            java.nio.file.Path file = dir.resolve(keygen + ".json");
            java.nio.file.Files.writeString(file, keys.stdout());
            String message = "11".repeat(32);
            DreyCommand.Result signed = DreyCommand.run("", "frost", "sign-local", "--keys", file.toString(),
                    "--message", message, "--signers", "1,3,5");
            assertEquals(0, signed.exitCode(), signed.stderr());
            JsonNode out = NodePeer.JSON.readTree(signed.stdout());
            assertEquals(NodePeer.JSON.readTree(keys.stdout()).get("groupPublicKey").asText(),
                    out.get("groupPublicKey").asText());
            ObjectNode req = NodePeer.request("schnorrVerify");
            req.putArray("items").addObject().put("publicKey", out.get("groupPublicKey").asText())
                    .put("message", message).put("signature", out.get("signature").asText());
            assertTrue(NodePeer.call(req).get(0).asBoolean(), keygen + " keys: @noble/curves accepts the signature");
        }
    }

    @Test
    void errorsAreJsonWithTheDocumentedExitCodes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        DreyCommand.Result usage = DreyCommand.run("", "event", "sign");
        assertEquals(64, usage.exitCode());
        assertEquals("usage", NodePeer.JSON.readTree(usage.stderr()).get("error").asText());
        String keyFile = java.nio.file.Files.writeString(dir.resolve("k"), "1".repeat(64)).toString();
        DreyCommand.Result failed = DreyCommand.run("not json", "event", "sign", "--secret-key-file", keyFile);
        assertEquals(2, failed.exitCode());
        assertEquals("failed", NodePeer.JSON.readTree(failed.stderr()).get("error").asText());
        assertFalse(failed.stderr().contains("Exception"), "no stack trace to the operator");
        DreyCommand.Result onCommandLine = DreyCommand.run("{}", "event", "sign", "--secret-key", "1".repeat(64));
        assertEquals(2, onCommandLine.exitCode());
        assertFalse(onCommandLine.stderr().contains("1".repeat(64)), "a key on the command line is refused unrepeated");
    }
}
