package dev.drey.miner;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.PublicKeyPackage;
import dev.drey.nostr.JsonWriter;
import dev.drey.roast.Federation;
import dev.drey.runtime.InboundException;
import dev.drey.runtime.JsonTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The federation's public description, as every function of a miner is configured with it:
 * <pre>{"threshold":3,"groupPublicKey":"02…(33-byte compressed point, hex)",
 *  "members":[{"identifier":1,"verifyingShare":"03…","pubkey":"…(nostr key, x-only hex)"}, …]}</pre>
 * Identifiers are small numbers or 64 hex characters. Nothing in it is secret.
 */
public final class FederationFile {
    private FederationFile() {
    }

    public static Federation parse(byte[] json) {
        try {
            if (!(JsonTree.parse(json, "federation file") instanceof Map<?, ?> root)) {
                throw new IllegalArgumentException("federation file: not a JSON object");
            }
            if (!(root.get("threshold") instanceof Long t) || t < 1 || t > 1000) {
                throw new IllegalArgumentException("federation file: \"threshold\" must be a number from 1 to 1000");
            }
            Point group = point(root.get("groupPublicKey"), "groupPublicKey");
            if (!(root.get("members") instanceof List<?> members) || members.isEmpty() || members.size() > 1000) {
                throw new IllegalArgumentException("federation file: \"members\" must be a non-empty array");
            }
            Map<Identifier, Point> shares = new TreeMap<>();
            Map<Identifier, String> pubkeys = new TreeMap<>();
            for (Object o : members) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("federation file: each member must be an object");
                }
                Identifier id = identifier(m.get("identifier"));
                if (shares.put(id, point(m.get("verifyingShare"), "verifyingShare of " + id)) != null) {
                    throw new IllegalArgumentException("federation file: member " + id + " appears twice");
                }
                if (!(m.get("pubkey") instanceof String pk)) {
                    throw new IllegalArgumentException("federation file: member " + id + " has no \"pubkey\"");
                }
                pubkeys.put(id, pk);
            }
            return new Federation(new PublicKeyPackage(shares, group, (int) (long) t), pubkeys);
        } catch (InboundException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            // FROST's and the federation's own checks (threshold above the size, identity points, ...)
            throw new IllegalArgumentException("federation file: " + e.getMessage(), e);
        }
    }

    public static String write(Federation f) {
        JsonWriter w = new JsonWriter();
        w.raw('{').string("threshold").raw(':').number(f.threshold());
        w.raw(',').string("groupPublicKey").raw(':').string(Hex.encode(f.group().groupPublicKey().encodeCompressed()));
        w.raw(',').string("members").raw(':').raw('[');
        boolean first = true;
        for (Identifier id : f.members()) {
            if (!first) {
                w.raw(',');
            }
            first = false;
            w.raw('{').string("identifier").raw(':').string(Hex.encode(id.encode()));
            w.raw(',').string("verifyingShare").raw(':').string(Hex.encode(f.verifyingShare(id).encodeCompressed()));
            w.raw(',').string("pubkey").raw(':').string(f.pubkeyOf(id)).raw('}');
        }
        w.raw(']').raw('}');
        return new String(w.toBytes(), StandardCharsets.UTF_8);
    }

    private static Identifier identifier(Object v) {
        if (v instanceof Long n && n >= 1) {
            return Identifier.of(n);
        }
        if (v instanceof String s && Hex.isLowerHex(s, 32)) {
            return Identifier.decode(Hex.decode(s));
        }
        throw new IllegalArgumentException("federation file: a member's \"identifier\" must be a positive number or 64 hex characters");
    }

    private static Point point(Object v, String field) {
        if (!(v instanceof String s) || !Hex.isLowerHex(s, 33)) {
            throw new IllegalArgumentException("federation file: \"" + field + "\" must be a compressed point (66 hex characters)");
        }
        return Point.decodeCompressed(Hex.decode(s));
    }
}
