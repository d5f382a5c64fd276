package dev.drey.roast;

import dev.drey.nostr.StrictContent;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.frost.FrostException;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.crypto.frost.SigningPackage;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The protocol messages as nostr events: content is a JSON object with {@code "v":1} and a {@code type};
 * tags are {@code ["e", request id]} (except on the request itself) and one {@code ["p", recipient]} per
 * recipient. None of these payloads is confidential (commitments and shares are public once sent), so
 * none is encrypted. Decoding is strict: a wrong version, type, kind or field is a
 * {@link RoastMessageException}.
 */
public final class RoastCodec {
    private static final StrictContent CONTENT =
            new StrictContent(512 * 1024, 4, RoastMessageException::new);
    public static final int VERSION = 1;

    private RoastCodec() {
    }

    /** The content JSON of a message. */
    public static String content(RoastMessage m) {
        JsonWriter w = new JsonWriter(256);
        w.rawAscii("{\"v\":").number(VERSION).rawAscii(",\"type\":").string(m.type());
        if (m instanceof SignRequest r) {
            w.rawAscii(",\"message\":").string(Hex.encode(r.message()))
                    .rawAscii(",\"purpose\":").string(r.purpose())
                    .rawAscii(",\"coordinators\":").stringArray(r.coordinators());
            if (!r.payload().isEmpty()) {
                w.rawAscii(",\"payload\":").string(r.payload());
            }
            if (!r.authorization().isEmpty()) {
                w.rawAscii(",\"authorization\":").string(r.authorization());
            }
        } else if (m instanceof Presignature p) {
            run(w, p).rawAscii(",\"commitments\":").string(Hex.encode(p.commitments()));
        } else if (m instanceof SessionStart s) {
            run(w, s).rawAscii(",\"message\":").string(Hex.encode(s.message())).rawAscii(",\"signers\":[");
            boolean first = true;
            for (SigningCommitments c : s.signingPackage().commitments()) {
                if (!first) {
                    w.raw(',');
                }
                first = false;
                w.rawAscii("{\"id\":").string(Hex.encode(c.identifier().encode()))
                        .rawAscii(",\"commitments\":").string(Hex.encode(c.encode())).raw('}');
            }
            w.raw(']');
        } else if (m instanceof SignatureShareMessage s) {
            run(w, s).rawAscii(",\"share\":").string(Hex.encode(s.share()))
                    .rawAscii(",\"commitments\":").string(Hex.encode(s.nextCommitments()));
        } else if (m instanceof SignatureResult r) {
            run(w, r);
            if (r.succeeded()) {
                w.rawAscii(",\"status\":\"ok\",\"signature\":").string(Hex.encode(r.signature()));
            } else {
                List<String> ids = new ArrayList<>();
                for (Identifier id : r.culprits()) {
                    ids.add(Hex.encode(id.encode()));
                }
                w.rawAscii(",\"status\":\"failed\",\"culprits\":").stringArray(ids)
                        .rawAscii(",\"reason\":").string(r.reason());
            }
        } else if (m instanceof Refusal r) {
            run(w, r).rawAscii(",\"reason\":").string(r.reason());
        }
        return w.raw('}').toString();
    }

    private static JsonWriter run(JsonWriter w, RoastMessage m) {
        return w.rawAscii(",\"request\":").string(m.requestId()).rawAscii(",\"session\":").number(m.sessionId());
    }

    /** The unsigned event carrying {@code m} to {@code recipients} (x-only hex keys). */
    public static EventTemplate template(RoastMessage m, long createdAt, List<String> recipients) {
        List<List<String>> tags = new ArrayList<>();
        if (!(m instanceof SignRequest)) {
            tags.add(List.of("e", m.requestId()));
        }
        for (String r : recipients) {
            tags.add(List.of("p", r));
        }
        return new EventTemplate(createdAt, m.kind(), tags, content(m));
    }

    /**
     * The message an event carries. Checks shape only: the caller has verified the event's signature and
     * decides whether its author may send it. For a sign request the request id is the event's id.
     */
    public static RoastMessage decode(Event e) {
        RoastMessage m = decodeContent(e.kind(), e.content(), e.id());
        if (!(m instanceof SignRequest)) {
            String tagged = e.firstTagValue("e").orElse(m.requestId());
            if (!tagged.equals(m.requestId())) {
                throw new RoastMessageException("the event's e tag names another request than its content");
            }
        }
        return m;
    }

    /** The message in {@code content} carried as {@code kind}; {@code eventId} is the request id of a sign request. */
    public static RoastMessage decodeContent(int kind, String content, String eventId) {
        if (!RoastKinds.isSigningKind(kind)) {
            throw new RoastMessageException("kind " + kind + " is not a signing-protocol kind");
        }
        Map<String, Object> c = CONTENT.parseObject(content);
        if (!c.containsKey("v") || CONTENT.integer(c, "v") != VERSION) {
            throw new RoastMessageException("content: 'v' must be " + VERSION);
        }
        String type = CONTENT.string(c, "type");
        RoastMessage m;
        try {
            m = switch (type) {
                case SignRequest.TYPE -> new SignRequest(eventId, CONTENT.hexExact(c, "message", 32),
                        CONTENT.string(c, "purpose"), strings(CONTENT.array(c, "coordinators"), "coordinators"),
                        CONTENT.optionalString(c, "payload"), CONTENT.optionalString(c, "authorization"));
                case Presignature.TYPE -> {
                    requireSession(c, 0);
                    yield new Presignature(request(c), CONTENT.hexExact(c, "commitments", 66));
                }
                case SessionStart.TYPE -> sessionStart(c);
                case SignatureShareMessage.TYPE -> new SignatureShareMessage(request(c), session(c),
                        CONTENT.hexExact(c, "share", 32), CONTENT.hexExact(c, "commitments", 66));
                case SignatureResult.TYPE -> result(c);
                case Refusal.TYPE -> new Refusal(request(c), session(c), CONTENT.string(c, "reason"));
                default -> throw new RoastMessageException("content: unknown type '" + clip(type) + "'");
            };
        } catch (FrostException ex) {
            throw new RoastMessageException("content: " + ex.getMessage());
        }
        if (m.kind() != kind) {
            throw new RoastMessageException("a " + type + " must travel as kind " + m.kind() + ", not " + kind);
        }
        return m;
    }

    private static SessionStart sessionStart(Map<String, Object> c) {
        List<Object> signers = CONTENT.array(c, "signers");
        if (signers.isEmpty() || signers.size() > 10_000) {
            throw new RoastMessageException("content: 'signers' must list 1 to 10000 signers");
        }
        List<SigningCommitments> list = new ArrayList<>(signers.size());
        for (Object o : signers) {
            if (!(o instanceof Map<?, ?> raw)) {
                throw new RoastMessageException("content: each signer must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) raw;
            Identifier id;
            try {
                id = Identifier.decode(CONTENT.hexExact(s, "id", 32));
            } catch (CryptoException ex) {
                throw new RoastMessageException("content: bad signer id: " + ex.getMessage());
            }
            list.add(SigningCommitments.decode(id, CONTENT.hexExact(s, "commitments", 66)));
        }
        return new SessionStart(request(c), session(c), new SigningPackage(list, CONTENT.hexExact(c, "message", 32)));
    }

    private static SignatureResult result(Map<String, Object> c) {
        String status = CONTENT.string(c, "status");
        if (status.equals("ok")) {
            return SignatureResult.success(request(c), session(c), CONTENT.hexExact(c, "signature", 64));
        }
        if (!status.equals("failed")) {
            throw new RoastMessageException("content: 'status' must be ok or failed");
        }
        requireSession(c, 0);
        List<Identifier> culprits = new ArrayList<>();
        for (String s : strings(CONTENT.array(c, "culprits"), "culprits")) {
            if (!Hex.isLowerHex(s, 32)) {
                throw new RoastMessageException("content: culprits must be 64-character hex identifiers");
            }
            try {
                culprits.add(Identifier.decode(Hex.decode(s)));
            } catch (CryptoException ex) {
                throw new RoastMessageException("content: bad culprit: " + ex.getMessage());
            }
        }
        return SignatureResult.failure(request(c), culprits, CONTENT.string(c, "reason"));
    }

    private static String request(Map<String, Object> c) {
        String r = CONTENT.string(c, "request");
        RoastChecks.requestId(r);
        return r;
    }

    private static int session(Map<String, Object> c) {
        long s = CONTENT.integer(c, "session");
        if (s < 0 || s > RoastChecks.MAX_SESSION) {
            throw new RoastMessageException("content: 'session' out of range");
        }
        return (int) s;
    }

    private static void requireSession(Map<String, Object> c, int expected) {
        if (session(c) != expected) {
            throw new RoastMessageException("content: 'session' must be " + expected + " for this type");
        }
    }

    private static List<String> strings(List<Object> list, String field) {
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new RoastMessageException("content: '" + field + "' must hold strings");
            }
            out.add(s);
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
