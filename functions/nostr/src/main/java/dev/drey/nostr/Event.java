package dev.drey.nostr;

import dev.drey.crypto.Hashes;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A signed nostr event (NIP-01). Fields are checked for shape on construction (lowercase hex
 * lengths, kind and timestamp ranges); whether id and signature are right is {@link #verify()}.
 */
public record Event(String id, String pubkey, long createdAt, int kind, List<List<String>> tags,
        String content, String sig) {

    /** Largest created_at accepted: JavaScript numbers are exact only up to 2^53-1. */
    public static final long MAX_CREATED_AT = (1L << 53) - 1;
    public static final int MAX_KIND = 65535;

    public Event {
        if (!Hex.isLowerHex(id, 32)) {
            throw new IllegalArgumentException("id must be 64 lowercase hex characters");
        }
        if (!Hex.isLowerHex(pubkey, 32)) {
            throw new IllegalArgumentException("pubkey must be 64 lowercase hex characters");
        }
        if (!Hex.isLowerHex(sig, 64)) {
            throw new IllegalArgumentException("sig must be 128 lowercase hex characters");
        }
        checkCreatedAt(createdAt);
        checkKind(kind);
        tags = copyTags(tags);
        if (content == null) {
            throw new IllegalArgumentException("content must not be null");
        }
    }

    static void checkCreatedAt(long createdAt) {
        if (createdAt < 0 || createdAt > MAX_CREATED_AT) {
            throw new IllegalArgumentException("created_at must be an integer in 0..2^53-1");
        }
    }

    static void checkKind(int kind) {
        if (kind < 0 || kind > MAX_KIND) {
            throw new IllegalArgumentException("kind must be an integer in 0..65535");
        }
    }

    /** Immutable deep copy; List.copyOf also refuses nulls. Already-immutable lists are kept. */
    static List<List<String>> copyTags(List<List<String>> tags) {
        if (tags == null) {
            throw new IllegalArgumentException("tags must not be null");
        }
        List<List<String>> out = new ArrayList<>(tags.size());
        for (List<String> tag : tags) {
            if (tag == null) {
                throw new IllegalArgumentException("a tag must not be null");
            }
            try {
                out.add(List.copyOf(tag));
            } catch (NullPointerException e) {
                throw new IllegalArgumentException("tag values must not be null");
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The NIP-01 serialization {@code [0,pubkey,created_at,kind,tags,content]} as UTF-8 JSON. */
    public static JsonWriter canonical(String pubkey, long createdAt, int kind, List<List<String>> tags,
            String content) {
        JsonWriter w = new JsonWriter(content.length() + 128 + 80 * tags.size());
        w.rawAscii("[0,").string(pubkey).raw(',').number(createdAt).raw(',').number(kind).raw(',');
        w.tags(tags).raw(',').string(content).raw(']');
        return w;
    }

    /** SHA-256 of the canonical serialization: the event id as bytes. */
    public static byte[] computeId(String pubkey, long createdAt, int kind, List<List<String>> tags,
            String content) {
        MessageDigest md = Hashes.sha256();
        canonical(pubkey, createdAt, kind, tags, content).digestInto(md);
        return md.digest();
    }

    /** This event's canonical serialization, the text its id hashes. */
    public String canonicalJson() {
        return canonical(pubkey, createdAt, kind, tags, content).toString();
    }

    /** The id this event's fields hash to, as lowercase hex (equal to {@link #id()} when intact). */
    public String computedId() {
        return Hex.encode(computeId(pubkey, createdAt, kind, tags, content));
    }

    /** Recomputes the id and compares it, then checks the BIP-340 signature over it. */
    public Verification verify() {
        byte[] computed = computeId(pubkey, createdAt, kind, tags, content);
        if (!MessageDigest.isEqual(computed, Hex.decode(id))) {
            return Verification.BAD_ID;
        }
        return Schnorr.verify(Hex.decode(pubkey), computed, Hex.decode(sig))
                ? Verification.VALID : Verification.BAD_SIGNATURE;
    }

    /** The values ({@code tag[1]}) of every tag named {@code name}, in order (e.g. the {@code p} recipients). */
    public List<String> tagValues(String name) {
        List<String> out = new java.util.ArrayList<>();
        for (List<String> tag : tags) {
            if (tag.size() >= 2 && tag.get(0).equals(name)) {
                out.add(tag.get(1));
            }
        }
        return out;
    }

    /** Whether some tag is {@code [name, value, ...]} (e.g. whether the event is addressed to a key). */
    public boolean hasTag(String name, String value) {
        for (List<String> tag : tags) {
            if (tag.size() >= 2 && tag.get(0).equals(name) && tag.get(1).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first tag named {@code name}, i.e. {@code tag[1]}, if any. */
    public Optional<String> firstTagValue(String name) {
        for (List<String> tag : tags) {
            if (tag.size() >= 2 && tag.get(0).equals(name)) {
                return Optional.of(tag.get(1));
            }
        }
        return Optional.empty();
    }

    public KindClass kindClass() {
        return KindClass.of(kind);
    }

    /**
     * An event this process stored itself as {@link #toJson()} (a KV store entry, kept to be re-sent): a damaged
     * one is a broken store ({@link IllegalStateException}), not input to refuse.
     */
    public static Event fromStoredJson(byte[] utf8) {
        try {
            return new NostrParser().parseEvent(utf8);
        } catch (NostrParseException e) {
            throw new IllegalStateException("a stored event is damaged: " + e.getMessage(), e);
        }
    }

    /** The event as a JSON object in the usual field order. */
    public String toJson() {
        JsonWriter w = new JsonWriter(content.length() + 300 + 80 * tags.size());
        writeTo(w);
        return w.toString();
    }

    void writeTo(JsonWriter w) {
        w.rawAscii("{\"id\":").string(id).rawAscii(",\"pubkey\":").string(pubkey)
                .rawAscii(",\"created_at\":").number(createdAt).rawAscii(",\"kind\":").number(kind)
                .rawAscii(",\"tags\":").tags(tags).rawAscii(",\"content\":").string(content)
                .rawAscii(",\"sig\":").string(sig).raw('}');
    }
}
