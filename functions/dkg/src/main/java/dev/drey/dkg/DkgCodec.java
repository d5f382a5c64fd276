package dev.drey.dkg;

import dev.drey.nostr.StrictContent;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.JsonWriter;
import dev.drey.nostr.NostrParseException;
import dev.drey.nostr.NostrParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DKG messages as nostr events. Content is a JSON object with {@code "v":1}, a {@code type} and the run
 * ({@code "run"}, the start event's id; the start request itself has none: its id is the run). Tags:
 * {@code ["e", run]} on every message but the start, and one {@code ["p", recipient]} per recipient.
 * Decoding is strict: a wrong version, type, kind or field is a {@link DkgMessageException}.
 *
 * <pre>
 * start     (3410) {"v":1,"type":"start","key":"frost-bip340"|"dta"|"beacon-bls12381","curve":"bls381" (dta only),
 *                   "threshold":t,
 *                   "participants":[{"id":1,"pubkey":"&lt;hex&gt;"},...]}
 * round1    (3410) {"v":1,"type":"round1","run":R,"from":i,"commitments":["&lt;hex&gt;",...],"proof":"&lt;hex&gt;"}
 * round2    (3411) {"v":1,"type":"round2","run":R,"from":i,"to":j,"share":"&lt;NIP-44 payload&gt;"}
 * complaint (3412) {"v":1,"type":"complaint","run":R,"from":i,"accused":x,"fault":"invalid-share",
 *                   "detail":"...","evidence":{"round1":"&lt;event json&gt;","round1b":"&lt;event json&gt;",
 *                   "round2":"&lt;event json&gt;","sharedPoint":"&lt;hex 33&gt;","proof":"&lt;hex 64&gt;",
 *                   "confirmation":"&lt;event json&gt;"}}
 * confirm   (3413) {"v":1,"type":"confirm","run":R,"from":i,"transcript":"&lt;hex 32&gt;",
 *                   "round1":[{"id":1,"event":"&lt;event id&gt;"},...]}   (see TranscriptConfirmation)
 * </pre>
 */
public final class DkgCodec {
    public static final int VERSION = 1;
    private static final NostrParser PARSER = new NostrParser();

    private DkgCodec() {
    }

    public static String content(DkgMessage m) {
        JsonWriter w = new JsonWriter(512);
        w.rawAscii("{\"v\":").number(VERSION).rawAscii(",\"type\":").string(m.type());
        if (m instanceof StartRequest s) {
            w.rawAscii(",\"key\":").string(s.keyType().wireName());
            if (s.keyType() == KeyType.DTA) {
                w.rawAscii(",\"curve\":").string(s.curve());
            }
            w.rawAscii(",\"threshold\":").number(s.threshold()).rawAscii(",\"participants\":[");
            boolean first = true;
            for (Participant p : s.roster().participants()) {
                if (!first) {
                    w.raw(',');
                }
                first = false;
                w.rawAscii("{\"id\":").number(p.id()).rawAscii(",\"pubkey\":").string(p.pubkey()).raw('}');
            }
            w.raw(']');
        } else if (m instanceof Round1Message r) {
            run(w, m).rawAscii(",\"from\":").number(r.from()).rawAscii(",\"commitments\":")
                    .stringArray(r.commitments().stream().map(Hex::encode).toList())
                    .rawAscii(",\"proof\":").string(Hex.encode(r.proof()));
        } else if (m instanceof Round2Message r) {
            run(w, m).rawAscii(",\"from\":").number(r.from()).rawAscii(",\"to\":").number(r.to())
                    .rawAscii(",\"share\":").string(r.encryptedShare());
        } else if (m instanceof Complaint c) {
            run(w, m).rawAscii(",\"from\":").number(c.from()).rawAscii(",\"accused\":").number(c.accused())
                    .rawAscii(",\"fault\":").string(c.fault().wireName()).rawAscii(",\"detail\":").string(c.detail())
                    .rawAscii(",\"evidence\":{\"round1\":").string(c.round1().toJson());
            c.conflictingRound1().ifPresent(e -> w.rawAscii(",\"round1b\":").string(e.toJson()));
            c.round2().ifPresent(e -> w.rawAscii(",\"round2\":").string(e.toJson()));
            c.disclosure().ifPresent(d -> w.rawAscii(",\"sharedPoint\":").string(Hex.encode(d.sharedPoint()))
                    .rawAscii(",\"proof\":").string(Hex.encode(d.proof())));
            c.confirmation().ifPresent(e -> w.rawAscii(",\"confirmation\":").string(e.toJson()));
            w.raw('}');
        } else if (m instanceof TranscriptConfirmation t) {
            run(w, m).rawAscii(",\"from\":").number(t.from()).rawAscii(",\"transcript\":")
                    .string(Hex.encode(t.transcript())).rawAscii(",\"round1\":[");
            boolean first = true;
            for (Map.Entry<Integer, String> e : t.round1().entrySet()) {
                if (!first) {
                    w.raw(',');
                }
                first = false;
                w.rawAscii("{\"id\":").number(e.getKey()).rawAscii(",\"event\":").string(e.getValue()).raw('}');
            }
            w.raw(']');
        }
        return w.raw('}').toString();
    }

    private static JsonWriter run(JsonWriter w, DkgMessage m) {
        return w.rawAscii(",\"run\":").string(m.runId());
    }

    /** The unsigned event carrying {@code m} to {@code recipients} (x-only hex keys). */
    public static EventTemplate template(DkgMessage m, long createdAt, List<String> recipients) {
        List<List<String>> tags = new ArrayList<>();
        if (!(m instanceof StartRequest)) {
            tags.add(List.of("e", m.runId()));
        }
        for (String r : recipients) {
            tags.add(List.of("p", r));
        }
        return new EventTemplate(createdAt, m.kind(), tags, content(m));
    }

    /**
     * The message an event carries (shape only: the caller checks the signature and whether the author may
     * send it). A start request's run id is the event's id.
     */
    public static DkgMessage decode(Event e) {
        DkgMessage m = decodeContent(e.kind(), e.content(), e.id());
        if (!(m instanceof StartRequest)) {
            Optional<String> tagged = e.firstTagValue("e");
            if (tagged.isPresent() && !tagged.get().equals(m.runId())) {
                throw new DkgMessageException("the event's e tag names another run than its content");
            }
        }
        return m;
    }

    public static DkgMessage decodeContent(int kind, String content, String eventId) {
        if (!DkgKinds.isDkgKind(kind)) {
            throw new DkgMessageException("kind " + kind + " is not a DKG kind");
        }
        Map<String, Object> c = DkgJson.READ.parseObject(content);
        DkgJson.READ.requireVersion(c);
        String type = DkgJson.READ.string(c, "type");
        DkgMessage m = switch (type) {
            case StartRequest.TYPE -> start(c, eventId);
            case Round1Message.TYPE -> round1(c);
            case Round2Message.TYPE -> new Round2Message(run(c), id(c, "from"), id(c, "to"),
                    DkgJson.READ.string(c, "share"));
            case Complaint.TYPE -> complaint(c);
            case TranscriptConfirmation.TYPE -> confirmation(c);
            default -> throw new DkgMessageException("content: unknown type '" + StrictContent.clip(type) + "'");
        };
        if (m.kind() != kind) {
            throw new DkgMessageException("a " + type + " must travel as kind " + m.kind() + ", not " + kind);
        }
        return m;
    }

    private static StartRequest start(Map<String, Object> c, String eventId) {
        if (c.containsKey("run")) {
            throw new DkgMessageException("content: a start request has no 'run' (its event id is the run)");
        }
        KeyType key = KeyType.fromWire(DkgJson.READ.string(c, "key"));
        String curve = key == KeyType.DTA ? DkgJson.READ.string(c, "curve") : "";
        if (key != KeyType.DTA && c.containsKey("curve")) {
            throw new DkgMessageException("content: 'curve' is only for the dta key");
        }
        int threshold = DkgJson.READ.integer(c, "threshold", 1, Roster.MAX_PARTICIPANTS);
        List<Object> ps = DkgJson.READ.array(c, "participants");
        if (ps.size() > Roster.MAX_PARTICIPANTS) {
            throw new DkgMessageException("content: at most " + Roster.MAX_PARTICIPANTS + " participants");
        }
        List<Participant> list = new ArrayList<>();
        for (Object o : ps) {
            Map<String, Object> p = DkgJson.READ.asObject(o, "participants[]");
            list.add(new Participant(id(p, "id"), DkgJson.READ.string(p, "pubkey")));
        }
        return new StartRequest(eventId, key, curve, threshold, new Roster(list));
    }

    private static Round1Message round1(Map<String, Object> c) {
        List<Object> raw = DkgJson.READ.array(c, "commitments");
        if (raw.isEmpty() || raw.size() > Round1Message.MAX_COMMITMENTS) {
            throw new DkgMessageException("content: 'commitments' must hold 1.." + Round1Message.MAX_COMMITMENTS
                    + " entries");
        }
        List<byte[]> cs = new ArrayList<>();
        for (Object o : raw) {
            cs.add(DkgJson.READ.hex(o, "commitments[]", Round1Message.MAX_ELEMENT_BYTES));
        }
        return new Round1Message(run(c), id(c, "from"), cs,
                DkgJson.READ.hex(c.get("proof"), "proof", Round1Message.MAX_ELEMENT_BYTES));
    }

    private static Complaint complaint(Map<String, Object> c) {
        Map<String, Object> ev = DkgJson.READ.object(c, "evidence");
        Optional<SharedKeyDisclosure> disclosure = Optional.empty();
        if (ev.containsKey("sharedPoint") || ev.containsKey("proof")) {
            disclosure = Optional.of(new SharedKeyDisclosure(
                    DkgJson.READ.hexExact(ev, "sharedPoint", SharedKeyDisclosure.POINT_BYTES),
                    DkgJson.READ.hexExact(ev, "proof", SharedKeyDisclosure.PROOF_BYTES)));
        }
        return new Complaint(run(c), id(c, "from"), id(c, "accused"), Fault.fromWire(DkgJson.READ.string(c, "fault")),
                DkgJson.READ.string(c, "detail"), event(DkgJson.READ.string(ev, "round1"), "round1"),
                optionalEvent(ev, "round1b"), optionalEvent(ev, "round2"), disclosure,
                optionalEvent(ev, "confirmation"));
    }

    private static TranscriptConfirmation confirmation(Map<String, Object> c) {
        List<Object> raw = DkgJson.READ.array(c, "round1");
        if (raw.size() > Roster.MAX_PARTICIPANTS) {
            throw new DkgMessageException("content: at most " + Roster.MAX_PARTICIPANTS + " round-1 events");
        }
        java.util.SortedMap<Integer, String> used = new java.util.TreeMap<>();
        for (Object o : raw) {
            Map<String, Object> e = DkgJson.READ.asObject(o, "round1[]");
            if (used.put(id(e, "id"), DkgJson.READ.string(e, "event")) != null) {
                throw new DkgMessageException("content: a member's round 1 is listed twice");
            }
        }
        return new TranscriptConfirmation(run(c), id(c, "from"), used, DkgJson.READ.hexExact(c, "transcript", 32));
    }

    private static Optional<Event> optionalEvent(Map<String, Object> ev, String field) {
        return ev.containsKey(field) ? Optional.of(event(DkgJson.READ.string(ev, field), field)) : Optional.empty();
    }

    /** A nostr event embedded as JSON text (evidence, stored state). */
    static Event event(String json, String what) {
        try {
            return PARSER.parseEvent(json);
        } catch (NostrParseException | IllegalArgumentException e) {
            throw new DkgMessageException("content: '" + what + "' is not a nostr event: " + StrictContent.clip(e.getMessage()));
        }
    }

    private static String run(Map<String, Object> c) {
        return DkgChecks.runId(DkgJson.READ.string(c, "run"));
    }

    private static int id(Map<String, Object> c, String field) {
        return DkgJson.READ.integer(c, field, 1, Participant.MAX_ID);
    }
}
