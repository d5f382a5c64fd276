package dev.drey.dkg;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.JsonWriter;
import java.util.List;
import java.util.Map;

/** {@link RunState} as JSON (sealed before it is stored); events are kept as their JSON text. */
final class RunStateCodec {
    private RunStateCodec() {
    }

    static String encode(RunState s) {
        JsonWriter w = new JsonWriter(4096);
        w.rawAscii("{\"v\":1,\"run\":").string(s.runId).rawAscii(",\"status\":").string(s.status.wire);
        if (s.start != null) {
            w.rawAscii(",\"start\":").string(s.start.toJson());
        }
        if (s.seed != null) {
            w.rawAscii(",\"seed\":").string(Hex.encode(s.seed));
        }
        w.rawAscii(",\"seen\":").stringArray(s.seen);
        w.rawAscii(",\"early\":").stringArray(s.early.stream().map(Event::toJson).toList());
        events(w, "round1", s.round1);
        events(w, "round2", s.round2);
        events(w, "confirmations", s.confirmations);
        w.rawAscii(",\"outbox\":[");
        for (int i = 0; i < s.outbox.size(); i++) {
            if (i > 0) {
                w.raw(',');
            }
            w.rawAscii("{\"trigger\":").string(s.outbox.get(i).trigger()).rawAscii(",\"event\":")
                    .string(s.outbox.get(i).event().toJson()).raw('}');
        }
        w.rawAscii("],\"culprits\":[");
        boolean first = true;
        for (Map.Entry<Integer, String> e : s.culprits.entrySet()) {
            if (!first) {
                w.raw(',');
            }
            first = false;
            w.rawAscii("{\"id\":").number(e.getKey()).rawAscii(",\"reason\":").string(e.getValue()).raw('}');
        }
        return w.rawAscii("]}").toString();
    }

    private static void events(JsonWriter w, String name, Map<Integer, Event> events) {
        w.rawAscii(",\"").rawAscii(name).rawAscii("\":[");
        boolean first = true;
        for (Map.Entry<Integer, Event> e : events.entrySet()) {
            if (!first) {
                w.raw(',');
            }
            first = false;
            w.rawAscii("{\"id\":").number(e.getKey()).rawAscii(",\"event\":").string(e.getValue().toJson()).raw('}');
        }
        w.raw(']');
    }

    static RunState decode(String json) {
        try {
            Map<String, Object> m = DkgJson.READ.parseObject(json);
            DkgJson.READ.requireVersion(m);
            RunState s = new RunState(DkgJson.READ.string(m, "run"));
            s.status = RunState.Status.fromWire(DkgJson.READ.string(m, "status"));
            if (m.containsKey("start")) {
                s.start = DkgCodec.event(DkgJson.READ.string(m, "start"), "start");
            }
            if (m.containsKey("seed")) {
                s.seed = DkgJson.READ.hexExact(m, "seed", 32);
            }
            for (Object o : DkgJson.READ.array(m, "seen")) {
                s.seen.add((String) o);
            }
            for (Object o : DkgJson.READ.array(m, "early")) {
                s.early.add(DkgCodec.event((String) o, "early"));
            }
            readEvents(m, "round1", s.round1);
            readEvents(m, "round2", s.round2);
            if (m.containsKey("confirmations")) { // absent in states written before confirmations existed
                readEvents(m, "confirmations", s.confirmations);
            }
            for (Object o : DkgJson.READ.array(m, "outbox")) {
                Map<String, Object> e = DkgJson.READ.asObject(o, "outbox[]");
                s.outbox.add(new RunState.Outgoing(DkgJson.READ.string(e, "trigger"),
                        DkgCodec.event(DkgJson.READ.string(e, "event"), "outbox")));
            }
            for (Object o : DkgJson.READ.array(m, "culprits")) {
                Map<String, Object> e = DkgJson.READ.asObject(o, "culprits[]");
                s.culprits.put((int) DkgJson.READ.integer(e, "id"), DkgJson.READ.string(e, "reason"));
            }
            return s;
        } catch (DkgMessageException | ClassCastException e) {
            throw new DkgStateException("stored DKG state does not parse: " + e.getMessage());
        }
    }

    private static void readEvents(Map<String, Object> m, String field, Map<Integer, Event> into) {
        List<Object> list = DkgJson.READ.array(m, field);
        for (Object o : list) {
            Map<String, Object> e = DkgJson.READ.asObject(o, field + "[]");
            into.put((int) DkgJson.READ.integer(e, "id"), DkgCodec.event(DkgJson.READ.string(e, "event"), field));
        }
    }
}
