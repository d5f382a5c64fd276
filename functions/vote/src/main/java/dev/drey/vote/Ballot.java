package dev.drey.vote;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.election.ElGamalCiphertext;
import dev.drey.crypto.election.EncryptedBallot;
import dev.drey.crypto.election.EncryptedSelection;
import dev.drey.crypto.election.RangeProof;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A ballot (kind 3481, signed by the voter's miner identity key), citing its proposal ({@code e}) and, when it
 * replaces the voter's earlier ballot, that ballot ({@code prev}). Secret mode: content
 * {@code {"v":1,"selections":[{"ct":"<66 hex bytes α||β>","proof":"<0/1 proof hex>"},...],"limitProof":"<hex>"}}.
 * Open mode: one {@code ["response", optionId]} tag per chosen option and empty content, the NIP-88 response
 * shape (a kind-1018 response with the same tags is read the same way).
 *
 * @param encrypted the secret ballot, empty in open mode
 * @param choices the chosen option indices of an open ballot, empty in secret mode
 */
public record Ballot(String id, String voter, long createdAt, String proposalId, Optional<String> prev,
        Optional<EncryptedBallot> encrypted, List<Integer> choices) {

    public Ballot {
        choices = List.copyOf(choices);
    }

    /** A secret ballot's unsigned event. */
    public static EventTemplate secret(String proposalId, Optional<String> prev, EncryptedBallot b, long createdAt) {
        JsonWriter w = new JsonWriter(512 * b.selections().size());
        w.rawAscii("{\"v\":1,\"selections\":[");
        for (int i = 0; i < b.selections().size(); i++) {
            EncryptedSelection s = b.selections().get(i);
            w.rawAscii(i == 0 ? "{\"ct\":" : ",{\"ct\":").string(Hex.encode(s.ciphertext().encode()))
                    .rawAscii(",\"proof\":").string(Hex.encode(s.proof().encode())).raw('}');
        }
        w.rawAscii("],\"limitProof\":").string(Hex.encode(b.limitProof().encode())).raw('}');
        return new EventTemplate(createdAt, VoteKinds.BALLOT, tags(proposalId, prev, List.of()), w.toString());
    }

    /** An open ballot's unsigned event. */
    public static EventTemplate open(String proposalId, Optional<String> prev, List<Integer> choices, long createdAt) {
        return new EventTemplate(createdAt, VoteKinds.BALLOT, tags(proposalId, prev, choices), "");
    }

    private static List<List<String>> tags(String proposalId, Optional<String> prev, List<Integer> choices) {
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("e", proposalId));
        prev.ifPresent(p -> tags.add(List.of("prev", p)));
        for (int c : choices) {
            tags.add(List.of("response", Integer.toString(c)));
        }
        return tags;
    }

    /** The proposal id a ballot-shaped event cites (its one {@code e} tag), for routing before parsing. */
    public static Optional<String> proposalOf(Event e) {
        List<String> es = e.tagValues("e");
        return es.size() == 1 ? Optional.of(es.get(0)) : Optional.empty();
    }

    /**
     * The ballot an event carries, read for {@code proposal} (its mode and number of options); id and signature
     * are checked by the caller.
     */
    public static Ballot of(Event e, Proposal proposal) {
        boolean open = proposal.mode() == Proposal.Mode.OPEN;
        if (e.kind() != VoteKinds.BALLOT && !(open && e.kind() == VoteKinds.NIP88_RESPONSE)) {
            throw new VoteException("ballot: kind " + e.kind() + " is not a ballot of a " + proposal.mode().wire()
                    + " vote");
        }
        if (!proposalOf(e).equals(Optional.of(proposal.id()))) {
            throw new VoteException("ballot: does not cite the proposal in exactly one e tag");
        }
        List<String> prevs = e.tagValues("prev");
        if (prevs.size() > 1 || (prevs.size() == 1 && !Hex.isLowerHex(prevs.get(0), 32))) {
            throw new VoteException("ballot: at most one prev tag, an event id");
        }
        Optional<String> prev = prevs.stream().findFirst();
        if (open) {
            TreeSet<Integer> chosen = new TreeSet<>();
            for (String r : e.tagValues("response")) {
                int c;
                try {
                    c = Integer.parseInt(r);
                } catch (NumberFormatException ex) {
                    throw new VoteException("ballot: response '" + dev.drey.nostr.StrictContent.clip(r)
                            + "' is not an option id");
                }
                if (c < 0 || c >= proposal.options().size() || !chosen.add(c)) {
                    throw new VoteException("ballot: response " + c + " is not an option, or repeated");
                }
            }
            if (chosen.size() > proposal.limit()) {
                throw new VoteException("ballot: " + chosen.size() + " choices exceed the limit " + proposal.limit());
            }
            return new Ballot(e.id(), e.pubkey(), e.createdAt(), proposal.id(), prev, Optional.empty(),
                    new ArrayList<>(chosen));
        }
        try {
            Map<String, Object> c = VoteJson.CONTENT.parseObject(e.content());
            VoteJson.CONTENT.requireVersion(c);
            List<Object> sels = VoteJson.CONTENT.array(c, "selections");
            if (sels.size() != proposal.options().size()) {
                throw new VoteException("ballot: " + sels.size() + " selections for " + proposal.options().size()
                        + " options");
            }
            List<EncryptedSelection> selections = new ArrayList<>();
            for (Object o : sels) {
                Map<String, Object> s = VoteJson.CONTENT.asObject(o, "selections[]");
                selections.add(new EncryptedSelection(
                        ElGamalCiphertext.decode(VoteJson.CONTENT.hexExact(s, "ct", ElGamalCiphertext.ENCODED_LENGTH)),
                        RangeProof.decode(VoteJson.CONTENT.hexExact(s, "proof", 2 * RangeProof.BRANCH_LENGTH))));
            }
            RangeProof limitProof = RangeProof.decode(VoteJson.CONTENT.hex(c.get("limitProof"), "limitProof",
                    (RangeProof.MAX_LIMIT + 1) * RangeProof.BRANCH_LENGTH));
            return new Ballot(e.id(), e.pubkey(), e.createdAt(), proposal.id(), prev,
                    Optional.of(new EncryptedBallot(selections, limitProof)), List.of());
        } catch (CryptoException | IllegalArgumentException ex) {
            throw new VoteException("ballot: " + ex.getMessage());
        }
    }
}
