package dev.drey.vote;

import dev.drey.crypto.Hex;
import dev.drey.nostr.Event;
import dev.drey.nostr.JsonWriter;
import dev.drey.nostr.Verification;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event of one proposal as one JSON document, and its verifier. Format (README, "Vote record"):
 * <pre>
 * {"v":1,"proposal":"&lt;proposal event id&gt;","groupPubkey":"&lt;x-only hex of the federation's group key&gt;",
 *  "events":[&lt;nostr event objects (NIP-01 fields), sorted by kind, then created_at, then id&gt;]}
 * </pre>
 */
public record VoteRecord(String proposalId, String groupPubkey, List<Event> events) {
    public VoteRecord {
        if (!Hex.isLowerHex(proposalId, 32) || !Hex.isLowerHex(groupPubkey, 32)) {
            throw new VoteException("record: 'proposal' and 'groupPubkey' must be 64 lowercase hex characters");
        }
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingInt(Event::kind).thenComparingLong(Event::createdAt).thenComparing(Event::id));
        events = List.copyOf(sorted);
    }

    /** The outcome of {@link #verify}: valid with the tally, or the first failed check named. */
    public record Verdict(boolean valid, List<Long> tally, String failure, VoteAudit.Count count) {
        static Verdict fail(String failure) {
            return new Verdict(false, List.of(), failure, null);
        }
    }

    public String toJson() {
        JsonWriter w = new JsonWriter(4096 + events.stream().mapToInt(e -> e.content().length() + 400).sum());
        w.rawAscii("{\"v\":1,\"proposal\":").string(proposalId).rawAscii(",\"groupPubkey\":").string(groupPubkey)
                .rawAscii(",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            w.rawAscii(i == 0 ? "" : ",").rawAscii(events.get(i).toJson());
        }
        return w.rawAscii("]}").toString();
    }

    @SuppressWarnings("unchecked")
    public static VoteRecord parse(String json) {
        Map<String, Object> m = VoteJson.RECORD.parseObject(json);
        VoteJson.RECORD.requireVersion(m);
        List<Event> events = new ArrayList<>();
        int i = 0;
        for (Object o : VoteJson.RECORD.array(m, "events")) {
            Map<String, Object> e = VoteJson.RECORD.asObject(o, "events[" + i + "]");
            try {
                List<List<String>> tags = new ArrayList<>();
                for (Object t : VoteJson.RECORD.array(e, "tags")) {
                    if (!(t instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof String)) {
                        throw new VoteException("tags must be arrays of strings");
                    }
                    tags.add((List<String>) l);
                }
                events.add(new Event(VoteJson.RECORD.string(e, "id"), VoteJson.RECORD.string(e, "pubkey"),
                        VoteJson.RECORD.integer(e, "created_at"), (int) VoteJson.RECORD.integer(e, "kind", 0, 65535),
                        tags, VoteJson.RECORD.string(e, "content"), VoteJson.RECORD.string(e, "sig")));
            } catch (IllegalArgumentException | VoteException ex) {
                throw new VoteException("record: events[" + i + "] is not a nostr event: " + ex.getMessage());
            }
            i++;
        }
        return new VoteRecord(VoteJson.RECORD.string(m, "proposal"), VoteJson.RECORD.string(m, "groupPubkey"),
                events);
    }

    private List<Event> ofKind(int... kinds) {
        return events.stream().filter(e -> java.util.Arrays.stream(kinds).anyMatch(k -> k == e.kind())).toList();
    }

    /**
     * Re-checks the record alone, in this order: every event's id and signature; the one proposal; each ballot
     * (refused ballots are allowed: they are reported, not counted); the one freeze, signed by the group key, is the
     * exact set of counted ballots and their tally hash; the partial decryptions; the one result, signed by the
     * group key, combines valid partials to its tally. {@code rng} only batches the ballot proofs.
     */
    public Verdict verify(SecureRandom rng) {
        for (Event e : events) {
            if (e.verify() != Verification.VALID) {
                return Verdict.fail("signature: event " + e.id() + " (kind " + e.kind() + ") has a bad id or signature");
            }
            boolean proposal = e.kind() == VoteKinds.PROPOSAL || e.kind() == VoteKinds.NIP88_POLL;
            if (!proposal && e.kind() != VoteKinds.BALLOT && e.kind() != VoteKinds.FREEZE
                    && e.kind() != VoteKinds.PARTIAL_DECRYPTION && e.kind() != VoteKinds.RESULT
                    && e.kind() != VoteKinds.NIP88_RESPONSE) {
                return Verdict.fail("record: event " + e.id() + " has kind " + e.kind() + ", not a vote kind");
            }
            if (!proposal && !Ballot.proposalOf(e).equals(Optional.of(proposalId))) {
                return Verdict.fail("record: event " + e.id() + " does not cite the proposal");
            }
        }
        List<Event> proposals = ofKind(VoteKinds.PROPOSAL, VoteKinds.NIP88_POLL);
        if (proposals.size() != 1 || !proposals.get(0).id().equals(proposalId)) {
            return Verdict.fail("proposal: the record must hold exactly the proposal " + proposalId);
        }
        Proposal p;
        try {
            p = Proposal.of(proposals.get(0));
        } catch (VoteException e) {
            return Verdict.fail(e.getMessage());
        }
        VoteAudit.Count count = VoteAudit.count(p, ofKind(VoteKinds.BALLOT, VoteKinds.NIP88_RESPONSE), rng);
        Optional<Event> freezeEvent = single(VoteKinds.FREEZE);
        if (freezeEvent.isEmpty()) {
            return Verdict.fail("freeze: the record must hold exactly one freeze signed by the group key");
        }
        Freeze freeze;
        VoteResult result;
        try {
            freeze = Freeze.of(freezeEvent.get());
            Optional<String> bad = VoteAudit.checkFreeze(p, count, freeze);
            if (bad.isPresent()) {
                return Verdict.fail("freeze: " + bad.get());
            }
            Optional<Event> resultEvent = single(VoteKinds.RESULT);
            if (resultEvent.isEmpty()) {
                return Verdict.fail("result: the record must hold exactly one result signed by the group key");
            }
            result = VoteResult.of(resultEvent.get());
            Optional<String> wrong = VoteAudit.checkResult(p, count, freeze, ofKind(VoteKinds.PARTIAL_DECRYPTION),
                    result);
            if (wrong.isPresent()) {
                return Verdict.fail("result: " + wrong.get());
            }
        } catch (VoteException e) {
            return Verdict.fail(e.getMessage());
        }
        return new Verdict(true, result.tally(), "", count);
    }

    private Optional<Event> single(int kind) {
        List<Event> es = ofKind(kind);
        return es.size() == 1 && es.get(0).pubkey().equals(groupPubkey) ? Optional.of(es.get(0)) : Optional.empty();
    }
}
