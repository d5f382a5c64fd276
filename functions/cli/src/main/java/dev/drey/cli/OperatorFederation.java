package dev.drey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drey.crypto.Hex;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.dkg.Participant;
import dev.drey.dkg.Roster;
import dev.drey.miner.FederationFile;
import dev.drey.roast.Federation;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The federation file as an operator holds it: the {@link FederationFile} the miners' functions read, with each
 * member's relay beside its key. Before the FROST DKG it has no {@code groupPublicKey} and no verifying shares
 * ({@code drey federation init} writes it so); {@code drey dkg start --key frost --update-federation} fills them
 * in, after which the same file configures the miners ({@code drey.federation.file}: the {@code relay} fields are
 * ignored there).
 * <pre>{"threshold":2,"members":[{"identifier":1,"pubkey":"&lt;x-only hex&gt;","relay":"wss://..."},...]}</pre>
 */
record OperatorFederation(int threshold, List<Member> members, Optional<Federation> signing) {
    static final int MAX_FILE_BYTES = 1 << 20;

    /** One member: its FROST/DKG identifier, its nostr key (x-only hex) and the URL of its private relay. */
    record Member(int id, String pubkey, String relay) {
    }

    OperatorFederation {
        members = List.copyOf(members);
    }

    /** A new federation (no group key yet), every member checked; {@code spec} is {@code NPUB@WSURL}, ids 1..n in order. */
    static OperatorFederation init(List<String> specs, int threshold) {
        List<Member> members = new ArrayList<>();
        for (String spec : specs) {
            int at = spec.indexOf('@');
            if (at < 1) {
                throw new IllegalArgumentException("--member " + spec + ": expected NPUB@WSURL");
            }
            members.add(new Member(members.size() + 1, KeyInput.publicKeyHex(spec.substring(0, at), "--member"),
                    relay(spec.substring(at + 1), "--member " + spec)));
        }
        return checked(threshold, members, Optional.empty());
    }

    /** Reads and checks {@code file}; errors name the file and the field, never a stack trace. */
    static OperatorFederation read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CliException("federation file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException("no such federation file: " + file);
        } catch (IOException e) {
            throw new CliException("cannot read federation file " + file + ": " + e.getMessage());
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
    }

    static OperatorFederation parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("federation file: not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("federation file: not a JSON object");
        }
        JsonNode t = root.get("threshold");
        if (t == null || !t.isInt()) {
            throw new IllegalArgumentException("federation file: \"threshold\" must be a number");
        }
        JsonNode ms = root.get("members");
        if (ms == null || !ms.isArray() || ms.size() > Roster.MAX_PARTICIPANTS) {
            throw new IllegalArgumentException("federation file: \"members\" must be an array of at most "
                    + Roster.MAX_PARTICIPANTS);
        }
        List<Member> members = new ArrayList<>();
        for (JsonNode m : ms) {
            int id = identifier(m.get("identifier"));
            String pk = text(m, "pubkey", "member " + id);
            members.add(new Member(id, KeyInput.publicKeyHex(pk, "member " + id + " pubkey"),
                    relay(text(m, "relay", "member " + id), "member " + id + " relay")));
        }
        Optional<Federation> signing = Optional.empty();
        if (root.has("groupPublicKey")) {
            Federation f = FederationFile.parse(json);
            for (Member m : members) {
                if (!f.pubkeyOf(Identifier.of(m.id())).equals(m.pubkey())) {
                    throw new IllegalArgumentException("federation file: member " + m.id() + "'s key differs");
                }
            }
            signing = Optional.of(f);
        }
        return checked(t.intValue(), members, signing);
    }

    private static OperatorFederation checked(int threshold, List<Member> members, Optional<Federation> signing) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("a federation has at least 2 members, got " + members.size());
        }
        if (threshold < 2 || threshold > members.size()) {
            throw new IllegalArgumentException("threshold must be in 2.." + members.size() + ", got " + threshold);
        }
        Set<Integer> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Member m : members) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("member " + m.id() + " appears twice");
            }
            if (!keys.add(m.pubkey())) {
                throw new IllegalArgumentException("key " + m.pubkey() + " appears twice");
            }
        }
        return new OperatorFederation(threshold, members, signing);
    }

    /** The members as a DKG roster. */
    Roster roster() {
        return new Roster(members.stream().map(m -> new Participant(m.id(), m.pubkey())).toList());
    }

    List<String> pubkeys() {
        return members.stream().map(Member::pubkey).toList();
    }

    Member member(String pubkey) {
        return members.stream().filter(m -> m.pubkey().equals(pubkey)).findFirst()
                .orElseThrow(() -> new CliException(pubkey + " is not a member of the federation"));
    }

    /** The signing federation, or a clear error when the FROST DKG has not been recorded in the file yet. */
    Federation requireSigning(Path file) {
        return signing.orElseThrow(() -> new CliException(file + " has no groupPublicKey yet: run `drey dkg start "
                + "--key frost --update-federation` first"));
    }

    /** The file's JSON; with {@code group}, the group key and every verifying share (the FROST DKG's result). */
    String toJson(Optional<PublicKeyPackage> group) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("threshold", threshold);
        group.ifPresent(g -> o.put("groupPublicKey", Hex.encode(g.groupPublicKey().encodeCompressed())));
        ArrayNode a = o.putArray("members");
        for (Member m : members) {
            ObjectNode n = a.addObject();
            n.put("identifier", m.id());
            group.ifPresent(g -> n.put("verifyingShare",
                    Hex.encode(g.verifyingShare(Identifier.of(m.id())).encodeCompressed())));
            n.put("pubkey", m.pubkey());
            n.put("relay", m.relay());
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code json} to {@code file} atomically (a half-written federation file would stop every function). */
    static void write(Path file, String json) {
        try {
            Path abs = file.toAbsolutePath();
            Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static int identifier(JsonNode v) {
        if (v != null && v.isInt() && v.intValue() >= 1 && v.intValue() <= Participant.MAX_ID) {
            return v.intValue();
        }
        if (v != null && v.isTextual() && Hex.isLowerHex(v.textValue(), 32)) {
            java.math.BigInteger n = Identifier.decode(Hex.decode(v.textValue())).value().toBigInteger();
            if (n.compareTo(java.math.BigInteger.valueOf(Participant.MAX_ID)) <= 0) {
                return n.intValueExact();
            }
        }
        throw new IllegalArgumentException("federation file: a member's \"identifier\" must be a number in 1.."
                + Participant.MAX_ID);
    }

    private static String text(JsonNode m, String field, String who) {
        JsonNode v = m == null ? null : m.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("federation file: " + who + " has no \"" + field + "\"");
        }
        return v.textValue();
    }

    /** A relay URL: ws or wss, a host, nothing else (no user info, query or fragment). */
    static String relay(String url, String what) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("ws") || scheme.equals("wss")) && u.getHost() != null && u.getRawUserInfo() == null
                    && u.getRawQuery() == null && u.getRawFragment() == null) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // fall through to the one message
        }
        throw new IllegalArgumentException(what + ": the relay must be a ws:// or wss:// URL");
    }
}
