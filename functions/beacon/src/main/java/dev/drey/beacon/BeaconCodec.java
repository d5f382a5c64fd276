package dev.drey.beacon;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.JsonWriter;
import dev.drey.nostr.StrictContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The beacon messages as nostr events (content JSON with {@code "v":1}; hex lowercase). Decoding is strict: a
 * wrong version, kind, field or tag is a {@link BeaconException}. The {@code x} tag (single letter, so relays
 * index it) names chain and round, so a client asks a relay for one round of one chain.
 *
 * <pre>
 * partial (3471) {"v":1,"chain":H,"round":R,"index":i,"partial":HEX,"proof":HEX}       tag ["x","H:R"]
 *                {"v":1,"chain":H,"vrf":REQ,"input":HEX,"index":i,"partial":HEX,"proof":HEX}  tag ["e",REQ]
 * beacon  (3472) {"v":1,"round":R,"randomness":HEX,"signature":HEX}                     tag ["x","H:R"]
 * request (3473) {"v":1,"chain":H,"input":HEX}                                          tag ["x",H]
 * output  (3474) {"v":1,"input":HEX,"output":HEX,"proof":HEX}                           tags ["e",REQ], ["x",H]
 * </pre>
 */
public final class BeaconCodec {
    public static final int VERSION = 1;
    static final StrictContent READ = new StrictContent(8 * 1024, 3, BeaconException::new);

    private BeaconCodec() {
    }

    /** The {@code x} tag value of a round of a chain. */
    public static String roundTag(String chainHash, long round) {
        return chainHash + ":" + round;
    }

    public static String content(BeaconMessage m) {
        JsonWriter w = new JsonWriter(512);
        w.rawAscii("{\"v\":").number(VERSION);
        if (m instanceof PartialMessage p) {
            w.rawAscii(",\"chain\":").string(p.chainHash());
            if (p.target() instanceof PartialMessage.Round r) {
                w.rawAscii(",\"round\":").number(r.round());
            } else {
                PartialMessage.Vrf v = (PartialMessage.Vrf) p.target();
                w.rawAscii(",\"vrf\":").string(v.requestId()).rawAscii(",\"input\":").string(Hex.encode(v.input()));
            }
            w.rawAscii(",\"index\":").number(p.index()).rawAscii(",\"partial\":").string(Hex.encode(p.partial()))
                    .rawAscii(",\"proof\":").string(Hex.encode(p.proof()));
        } else if (m instanceof BeaconOutput b) {
            w.rawAscii(",\"round\":").number(b.round()).rawAscii(",\"randomness\":")
                    .string(Hex.encode(b.randomness())).rawAscii(",\"signature\":").string(Hex.encode(b.signature()));
        } else if (m instanceof VrfRequest r) {
            w.rawAscii(",\"chain\":").string(r.chainHash()).rawAscii(",\"input\":").string(Hex.encode(r.input()));
        } else {
            VrfOutput o = (VrfOutput) m;
            w.rawAscii(",\"input\":").string(Hex.encode(o.input())).rawAscii(",\"output\":")
                    .string(Hex.encode(o.output())).rawAscii(",\"proof\":").string(Hex.encode(o.proof()));
        }
        return w.raw('}').toString();
    }

    /** The unsigned event carrying {@code m} of chain {@code chainHash} to {@code recipients} (x-only hex keys). */
    public static EventTemplate template(BeaconMessage m, String chainHash, long createdAt, List<String> recipients) {
        List<List<String>> tags = new ArrayList<>();
        if (m instanceof PartialMessage p) {
            if (p.target() instanceof PartialMessage.Round r) {
                tags.add(List.of("x", roundTag(chainHash, r.round())));
            } else {
                tags.add(List.of("e", ((PartialMessage.Vrf) p.target()).requestId()));
            }
        } else if (m instanceof BeaconOutput b) {
            tags.add(List.of("x", roundTag(chainHash, b.round())));
        } else if (m instanceof VrfRequest) {
            tags.add(List.of("x", chainHash));
        } else {
            tags.add(List.of("e", ((VrfOutput) m).requestId()));
            tags.add(List.of("x", chainHash));
        }
        for (String r : recipients) {
            tags.add(List.of("p", r));
        }
        return new EventTemplate(createdAt, m.kind(), tags, content(m));
    }

    /**
     * The message an event of chain {@code chainHash} carries (shape only: the caller checks the signature and
     * whether the author may send it). A VRF request's id is the event's id.
     */
    public static BeaconMessage decode(Event e, String chainHash) {
        Map<String, Object> c = READ.parseObject(e.content());
        READ.requireVersion(c);
        Optional<String> x = e.firstTagValue("x");
        switch (e.kind()) {
            case BeaconKinds.PARTIAL -> {
                String chain = BeaconMessage.hash(READ.string(c, "chain"), "chain");
                requireChain(chain, chainHash);
                PartialMessage.Target target;
                if (c.containsKey("round") == c.containsKey("vrf")) {
                    throw new BeaconException("partial: exactly one of 'round' and 'vrf' is required");
                }
                if (c.containsKey("round")) {
                    long round = BeaconMessage.round(READ.integer(c, "round"));
                    if (x.isPresent() && !x.get().equals(roundTag(chain, round))) {
                        throw new BeaconException("partial: the x tag names another round than the content");
                    }
                    target = new PartialMessage.Round(round);
                } else {
                    String req = BeaconMessage.hash(READ.string(c, "vrf"), "vrf");
                    if (e.firstTagValue("e").filter(v -> !v.equals(req)).isPresent()) {
                        throw new BeaconException("partial: the e tag names another request than the content");
                    }
                    target = new PartialMessage.Vrf(req, hex(c, "input", BeaconMessage.MAX_INPUT_BYTES));
                }
                return new PartialMessage(chain, target, READ.integer(c, "index", 1, 10_000),
                        hex(c, "partial", BeaconMessage.MAX_ELEMENT_BYTES), hex(c, "proof", BeaconMessage.MAX_ELEMENT_BYTES));
            }
            case BeaconKinds.BEACON -> {
                BeaconOutput b = new BeaconOutput(BeaconMessage.round(READ.integer(c, "round")),
                        READ.hexExact(c, "randomness", 32), hex(c, "signature", BeaconMessage.MAX_ELEMENT_BYTES));
                if (x.isEmpty() || !x.get().equals(roundTag(chainHash, b.round()))) {
                    throw new BeaconException("beacon: the x tag must be <chain hash>:<round> of this chain");
                }
                return b;
            }
            case BeaconKinds.VRF_REQUEST -> {
                String chain = BeaconMessage.hash(READ.string(c, "chain"), "chain");
                requireChain(chain, chainHash);
                return new VrfRequest(chain, hex(c, "input", BeaconMessage.MAX_INPUT_BYTES));
            }
            case BeaconKinds.VRF_OUTPUT -> {
                if (x.isEmpty() || !x.get().equals(chainHash)) {
                    throw new BeaconException("VRF output: the x tag must be this chain's hash");
                }
                String req = e.firstTagValue("e").orElseThrow(() -> new BeaconException("VRF output: no e tag"));
                return new VrfOutput(BeaconMessage.hash(req, "e tag"), hex(c, "input", BeaconMessage.MAX_INPUT_BYTES),
                        READ.hexExact(c, "output", 32), hex(c, "proof", BeaconMessage.MAX_ELEMENT_BYTES));
            }
            default -> throw new BeaconException("kind " + e.kind() + " is not a beacon message");
        }
    }

    private static void requireChain(String chain, String expected) {
        if (!chain.equals(expected)) {
            throw new BeaconException("the message names another chain (" + StrictContent.clip(chain) + ")");
        }
    }

    private static byte[] hex(Map<String, Object> c, String field, int max) {
        return READ.hex(c.get(field), field, max);
    }
}
