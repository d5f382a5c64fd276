package dev.drey.vote;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result (kind 3484, signed by the group key through ROAST, purpose {@value VoteKinds#PURPOSE_RESULT}): tags
 * {@code ["e", proposal]}, {@code ["freeze", freeze id]} and, when the vote sets a parameter and passed (one
 * option has strictly the most votes), {@code ["param", name, winning option's label]}; content
 * {@code {"v":1,"tally":[count per option],"partials":[partial decryption event ids combined, ascending]}}
 * ({@code partials} is empty in open mode).
 */
public record VoteResult(String id, String proposalId, String freezeId, List<Long> tally, List<String> partials,
        Optional<Parameter> parameter) {

    /** An actuarial parameter a passed vote sets. */
    public record Parameter(String name, String value) {
    }

    public VoteResult {
        tally = List.copyOf(tally);
        partials = List.copyOf(partials);
    }

    public static EventTemplate template(String proposalId, String freezeId, List<Long> tally, List<String> partials,
            Optional<Parameter> parameter, long createdAt) {
        JsonWriter w = new JsonWriter(256 + 70 * partials.size());
        w.rawAscii("{\"v\":1,\"tally\":[");
        for (int i = 0; i < tally.size(); i++) {
            if (i > 0) {
                w.raw(',');
            }
            w.number(tally.get(i));
        }
        w.rawAscii("],\"partials\":").stringArray(new java.util.TreeSet<>(partials)).raw('}');
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("e", proposalId));
        tags.add(List.of("freeze", freezeId));
        parameter.ifPresent(p -> tags.add(List.of("param", p.name(), p.value())));
        return new EventTemplate(createdAt, VoteKinds.RESULT, tags, w.toString());
    }

    /** The parameter a tally sets: the label of the option with strictly the most votes, if any and if asked. */
    public static Optional<Parameter> parameterOf(Proposal p, List<Long> tally) {
        if (p.param().isEmpty()) {
            return Optional.empty();
        }
        int best = -1;
        boolean tie = false;
        for (int i = 0; i < tally.size(); i++) {
            if (best < 0 || tally.get(i) > tally.get(best)) {
                best = i;
                tie = false;
            } else if (tally.get(i).equals(tally.get(best))) {
                tie = true;
            }
        }
        if (best < 0 || tie || tally.get(best) == 0) {
            return Optional.empty(); // no majority option: the parameter keeps its value
        }
        return Optional.of(new Parameter(p.param().get(), p.options().get(best)));
    }

    public static VoteResult of(Event e) {
        if (e.kind() != VoteKinds.RESULT) {
            throw new VoteException("result: kind " + e.kind() + ", not " + VoteKinds.RESULT);
        }
        String proposal = Ballot.proposalOf(e).orElseThrow(() -> new VoteException("result: needs one e tag"));
        List<String> freeze = e.tagValues("freeze");
        if (freeze.size() != 1 || !Hex.isLowerHex(freeze.get(0), 32)) {
            throw new VoteException("result: needs one freeze tag, an event id");
        }
        Optional<Parameter> param = Optional.empty();
        for (List<String> t : e.tags()) {
            if (!t.isEmpty() && t.get(0).equals("param")) {
                if (param.isPresent() || t.size() != 3) {
                    throw new VoteException("result: at most one param tag, with a name and a value");
                }
                param = Optional.of(new Parameter(t.get(1), t.get(2)));
            }
        }
        Map<String, Object> c = VoteJson.CONTENT.parseObject(e.content());
        VoteJson.CONTENT.requireVersion(c);
        List<Long> tally = new ArrayList<>();
        for (Object o : VoteJson.CONTENT.array(c, "tally")) {
            if (!(o instanceof Long n) || n < 0) {
                throw new VoteException("result: 'tally' must hold whole counts");
            }
            tally.add(n);
        }
        List<String> partials = new ArrayList<>();
        for (Object o : VoteJson.CONTENT.array(c, "partials")) {
            if (!(o instanceof String s) || !Hex.isLowerHex(s, 32)) {
                throw new VoteException("result: 'partials' must hold event ids");
            }
            partials.add(s);
        }
        return new VoteResult(e.id(), proposal, freeze.get(0), tally, partials, param);
    }
}
