package dev.drey.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.miner.FederationFile;
import dev.drey.roast.Federation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The public facts of a devnet ({@code devnet.json} in its data directory), which {@code drey replay} and
 * {@code drey roast sign} read: the broker, the routing table (each key and its relay), the federation, the
 * coordinator, the requester, PoL service and demo client keys, and which miners are faulty. No secrets: each
 * miner's secrets are in its own key file.
 */
public record DevnetState(String bootstrapServers, int threshold, String requester, String polService,
        List<String> routing, String federationJson, String coordinator, String demoClient, List<Integer> invalidShares,
        String curve) {
    public static final String FILE = "devnet.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public DevnetState {
        routing = List.copyOf(routing);
        invalidShares = invalidShares == null ? List.of() : List.copyOf(invalidShares);
    }

    DevnetState(String bootstrapServers, int threshold, String requester, String polService, List<String> routing) {
        this(bootstrapServers, threshold, requester, polService, routing, null, null, null, List.of(), null);
    }

    DevnetState withFederation(Federation federation, String coordinatorPubkey, String demoClientPubkey,
            List<Integer> invalid, String curveId) {
        return new DevnetState(bootstrapServers, threshold, requester, polService, routing,
                FederationFile.write(federation), coordinatorPubkey, demoClientPubkey, invalid, curveId);
    }

    public Federation federation() {
        if (federationJson == null) {
            throw new DevnetException("the devnet has no federation yet (its DKG did not complete)");
        }
        return FederationFile.parse(federationJson.getBytes(StandardCharsets.UTF_8));
    }

    /** The relay URL of {@code pubkey} in the routing table. */
    public String relayOf(String pubkey) {
        for (String r : routing) {
            if (r.startsWith(pubkey + "@")) {
                return r.substring(pubkey.length() + 1);
            }
        }
        throw new DevnetException("the devnet has no relay for " + pubkey);
    }

    void write(Path dir) {
        ObjectNode o = JSON.createObjectNode();
        o.put("bootstrapServers", bootstrapServers);
        o.put("threshold", threshold);
        o.put("requester", requester);
        o.put("polService", polService);
        ArrayNode r = o.putArray("routing");
        routing.forEach(r::add);
        o.set("federation", read(federationJson));
        o.put("coordinator", coordinator);
        o.put("demoClient", demoClient);
        ArrayNode inv = o.putArray("invalidShares");
        invalidShares.forEach(inv::add);
        o.put("curve", curve);
        try {
            Files.writeString(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } catch (IOException e) {
            throw new DevnetException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@value #FILE} from a devnet data directory, with a clear error when it is missing or damaged. */
    public static DevnetState read(Path dir) {
        Path p = dir.resolve(FILE);
        if (!Files.isRegularFile(p)) {
            throw new DevnetException("no devnet in " + dir + " (" + FILE + " is missing): run ./drey devnet first");
        }
        try {
            JsonNode o = JSON.readTree(Files.readString(p));
            List<String> routing = new ArrayList<>();
            o.path("routing").forEach(n -> routing.add(n.asText()));
            List<Integer> invalid = new ArrayList<>();
            o.path("invalidShares").forEach(n -> invalid.add(n.asInt()));
            return new DevnetState(text(o, "bootstrapServers"), o.path("threshold").asInt(), text(o, "requester"),
                    text(o, "polService"), routing, JSON.writeValueAsString(o.path("federation")),
                    text(o, "coordinator"), text(o, "demoClient"), invalid, text(o, "curve"));
        } catch (IOException | RuntimeException e) {
            throw new DevnetException(p + " is not a devnet description: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return n.asText();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
