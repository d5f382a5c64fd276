package dev.drey.roast;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Point;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.PublicKeyPackage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The group as every party knows it: the FROST public key package (verifying shares, group key, threshold
 * t) and each member's nostr identity key, so an event's author can be mapped to a FROST identifier.
 */
public record Federation(PublicKeyPackage group, Map<Identifier, String> memberPubkeys) {
    public Federation {
        if (group == null || memberPubkeys == null) {
            throw new IllegalArgumentException("federation: missing group or members");
        }
        memberPubkeys = Collections.unmodifiableMap(new TreeMap<>(memberPubkeys));
        if (!memberPubkeys.keySet().equals(group.verifyingShares().keySet())) {
            throw new IllegalArgumentException("federation: the nostr keys must name exactly the group's members");
        }
        Map<String, Identifier> seen = new HashMap<>();
        for (Map.Entry<Identifier, String> e : memberPubkeys.entrySet()) {
            if (!Hex.isLowerHex(e.getValue(), 32)) {
                throw new IllegalArgumentException("federation: member " + e.getKey() + " has no valid nostr key");
            }
            if (seen.put(e.getValue(), e.getKey()) != null) {
                throw new IllegalArgumentException("federation: two members share the nostr key " + e.getValue());
            }
        }
    }

    public int threshold() {
        return group.minSigners();
    }

    public int size() {
        return group.maxSigners();
    }

    /** n − t: the most faulty signers a run survives. */
    public int faultTolerance() {
        return size() - threshold();
    }

    /** The members in ascending identifier order. */
    public List<Identifier> members() {
        return new ArrayList<>(memberPubkeys.keySet());
    }

    public Optional<Identifier> identifierOf(String pubkey) {
        for (Map.Entry<Identifier, String> e : memberPubkeys.entrySet()) {
            if (e.getValue().equals(pubkey)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    public String pubkeyOf(Identifier id) {
        String p = memberPubkeys.get(id);
        if (p == null) {
            throw new IllegalArgumentException("not a member of the federation: " + id);
        }
        return p;
    }

    public Point verifyingShare(Identifier id) {
        return group.verifyingShare(id);
    }

    /** The group key as nostr and BIP-340 use it: x-only, 32 bytes. */
    public byte[] groupKeyXOnly() {
        return group.groupPublicKey().xOnly();
    }

    public String groupPubkeyHex() {
        return Hex.encode(groupKeyXOnly());
    }
}
