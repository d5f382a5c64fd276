package dev.drey.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs src/test/node/peer.mjs (nostr-tools, @noble/curves) as an independent peer. */
final class NodePeer {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of(System.getProperty("interop.dir", "."));

    private NodePeer() {
    }

    static ObjectNode request(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    static JsonNode call(ObjectNode request) {
        return call("peer.mjs", request);
    }

    /** The same with another peer script of src/test/node. */
    static JsonNode call(String scriptName, ObjectNode request) {
        try {
            Path script = DIR.resolve("src/test/node/" + scriptName);
            if (!Files.isDirectory(DIR.resolve("node_modules"))) {
                throw new IllegalStateException("node_modules missing in " + DIR + ": run `npm ci` there");
            }
            Process p = new ProcessBuilder("node", script.toString()).directory(DIR.toFile()).start();
            p.getOutputStream().write(JSON.writeValueAsBytes(request));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("node peer failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node (Node 20 is a prerequisite)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
