package dev.drey.vote;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The freeze (kind 3482, signed by the group key through ROAST, purpose {@value VoteKinds#PURPOSE_FREEZE}):
 * tag {@code ["e", proposal]}, content {@code {"v":1,"ballots":[ballot ids, ascending],"tallyHash":"<32 hex>"}}.
 */
public record Freeze(String id, String proposalId, List<String> ballots, String tallyHash) {
    public Freeze {
        ballots = List.copyOf(ballots);
    }

    public static EventTemplate template(String proposalId, List<String> ballots, String tallyHash, long createdAt) {
        JsonWriter w = new JsonWriter(128 + 70 * ballots.size());
        w.rawAscii("{\"v\":1,\"ballots\":").stringArray(new TreeSet<>(ballots)).rawAscii(",\"tallyHash\":")
                .string(tallyHash).raw('}');
        return new EventTemplate(createdAt, VoteKinds.FREEZE, List.of(List.of("e", proposalId)), w.toString());
    }

    public static Freeze of(Event e) {
        if (e.kind() != VoteKinds.FREEZE) {
            throw new VoteException("freeze: kind " + e.kind() + ", not " + VoteKinds.FREEZE);
        }
        String proposal = Ballot.proposalOf(e).orElseThrow(() -> new VoteException("freeze: needs one e tag"));
        Map<String, Object> c = VoteJson.CONTENT.parseObject(e.content());
        VoteJson.CONTENT.requireVersion(c);
        List<String> ids = new ArrayList<>();
        for (Object o : VoteJson.CONTENT.array(c, "ballots")) {
            if (!(o instanceof String s) || !Hex.isLowerHex(s, 32)) {
                throw new VoteException("freeze: 'ballots' must hold event ids");
            }
            ids.add(s);
        }
        if (!ids.equals(new ArrayList<>(new TreeSet<>(ids)))) {
            throw new VoteException("freeze: ballot ids must be distinct and ascending");
        }
        String hash = Hex.encode(VoteJson.CONTENT.hexExact(c, "tallyHash", 32));
        return new Freeze(e.id(), proposal, ids, hash);
    }
}
