package dev.drey.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.Event;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoteRecordTest {

    /** The record with one character of {@code target}'s content changed at {@code at} (hex stays hex). */
    private static String flip(String json, String content, int at) {
        char c = content.charAt(at);
        char d = c == '0' ? '1' : c == '1' ? '2' : c >= 'a' && c <= 'f' ? (c == 'a' ? 'b' : 'a') : '0';
        String changed = content.substring(0, at) + d + content.substring(at + 1);
        assertTrue(json.contains(content));
        return json.replace(content, changed);
    }

    private static String escaped(Event e) {
        String json = e.toJson();
        int start = json.indexOf(",\"content\":") + 11;
        return json.substring(start + 1, json.indexOf("\",\"sig\":"));
    }

    @Test
    void anySingleChangedByteInABallotAProofAPartialOrTheTallyFailsVerification() {
        Election el = Election.secret(21, 4, 2, 2);
        Event ballot = el.ballot(0, 500, Optional.empty(), 1);
        el.ballot(1, 500, Optional.empty(), 0);
        Event freeze = el.freeze();
        Event partial = el.partial(1, freeze);
        el.partial(2, freeze);
        Event result = el.result(freeze).orElseThrow();
        String json = el.record().toJson();
        assertTrue(VoteRecord.parse(json).verify(el.rng).valid());

        String b = escaped(ballot);
        int ct = b.indexOf("\\\"ct\\\":\\\"") + 10;
        int proof = b.indexOf("\\\"proof\\\":\\\"") + 13;
        String p = escaped(partial);
        int share = p.indexOf("\\\"shares\\\":[\\\"") + 16;
        String r = escaped(result);
        int tally = r.indexOf("\\\"tally\\\":[") + 11;
        String[] tampered = {flip(json, b, ct + 5), flip(json, b, proof + 100), flip(json, p, share + 80),
            flip(json, r, tally), flip(json, escaped(freeze), escaped(freeze).length() - 10)};
        for (String t : tampered) {
            VoteRecord.Verdict v = VoteRecord.parse(t).verify(el.rng);
            assertFalse(v.valid());
            assertTrue(v.failure().startsWith("signature: event"), v.failure());
        }
    }

    @Test
    void aRecordMissingTheResultOrWithAForeignFreezeSignerNamesTheCheck() {
        Election el = Election.secret(22, 3, 2, 2);
        el.ballot(0, 500, Optional.empty(), 1);
        Event freeze = el.freeze();
        el.partial(1, freeze);
        el.partial(2, freeze);
        VoteRecord.Verdict v = el.record().verify(el.rng);
        assertEquals("result: the record must hold exactly one result signed by the group key", v.failure());
        el.result(freeze);
        VoteRecord other = new VoteRecord(el.proposal.id(), el.members.get(2), el.events);
        assertTrue(other.verify(el.rng).failure().startsWith("freeze:"));
    }
}
