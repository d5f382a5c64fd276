package dev.drey.vote;

import dev.drey.crypto.CryptoException;
import dev.drey.crypto.Hex;
import dev.drey.crypto.election.DecryptionShare;
import dev.drey.crypto.election.PartialDecryption;
import dev.drey.nostr.Event;
import dev.drey.nostr.EventTemplate;
import dev.drey.nostr.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trustee's partial decryption of the frozen tally (kind 3483, signed by the trustee's miner key): tags
 * {@code ["e", proposal]}, {@code ["freeze", freeze id]} and a {@code p} tag per trustee (so it reaches their
 * relays), content
 * {@code {"v":1,"trustee":i,"shares":["<97 hex bytes: M_i || c || z>", ... one per option]}}.
 */
public record TrusteeDecryption(String id, String author, String proposalId, String freezeId,
        PartialDecryption partial) {

    public static EventTemplate template(String proposalId, String freezeId, PartialDecryption p,
            java.util.Collection<String> trustees, long createdAt) {
        JsonWriter w = new JsonWriter(256 * p.shares().size());
        w.rawAscii("{\"v\":1,\"trustee\":").number(p.trustee()).rawAscii(",\"shares\":")
                .stringArray(p.shares().stream().map(s -> Hex.encode(s.encode())).toList()).raw('}');
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("e", proposalId));
        tags.add(List.of("freeze", freezeId));
        trustees.forEach(t -> tags.add(List.of("p", t)));
        return new EventTemplate(createdAt, VoteKinds.PARTIAL_DECRYPTION, tags, w.toString());
    }

    public static TrusteeDecryption of(Event e) {
        if (e.kind() != VoteKinds.PARTIAL_DECRYPTION) {
            throw new VoteException("partial decryption: kind " + e.kind() + ", not " + VoteKinds.PARTIAL_DECRYPTION);
        }
        String proposal = Ballot.proposalOf(e)
                .orElseThrow(() -> new VoteException("partial decryption: needs one e tag"));
        List<String> freeze = e.tagValues("freeze");
        if (freeze.size() != 1 || !Hex.isLowerHex(freeze.get(0), 32)) {
            throw new VoteException("partial decryption: needs one freeze tag, an event id");
        }
        Map<String, Object> c = VoteJson.CONTENT.parseObject(e.content());
        VoteJson.CONTENT.requireVersion(c);
        int trustee = VoteJson.CONTENT.integer(c, "trustee", 1, 100_000);
        List<DecryptionShare> shares = new ArrayList<>();
        try {
            for (Object o : VoteJson.CONTENT.array(c, "shares")) {
                shares.add(DecryptionShare.decode(VoteJson.CONTENT.hex(o, "shares[]", DecryptionShare.ENCODED_LENGTH)));
            }
            return new TrusteeDecryption(e.id(), e.pubkey(), proposal, freeze.get(0),
                    new PartialDecryption(trustee, shares));
        } catch (CryptoException ex) {
            throw new VoteException("partial decryption: " + ex.getMessage());
        }
    }
}
