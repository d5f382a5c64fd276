package dev.drey.dkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.nip44.Nip44;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class DkgCodecTest {
    private static final String RUN = "ab".repeat(32);
    private final SecureRandom rng = new SecureRandom();

    @Test
    void round1RoundTrips() {
        Round1Message m = new Round1Message(RUN, 2, List.of(new byte[] {2, 1}, new byte[] {3, 4}), new byte[] {9});
        DkgMessage back = DkgCodec.decodeContent(DkgKinds.ROUND1, DkgCodec.content(m), "x");
        assertEquals(m, back);
        assertTrue(DkgCodec.content(m).startsWith("{\"v\":1,\"type\":\"round1\""));
    }

    @Test
    void strictDecodingNamesTheProblem() {
        String ok = DkgCodec.content(new Round2Message(RUN, 1, 2, "payload"));
        assertEquals("content: 'v' must be 1", assertThrows(DkgMessageException.class,
                () -> DkgCodec.decodeContent(DkgKinds.ROUND2, ok.replace("\"v\":1", "\"v\":2"), "x")).getMessage());
        assertTrue(assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.ROUND1, ok, "x"))
                .getMessage().contains("must travel as kind 3411"));
        assertTrue(assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.ROUND2,
                ok.replace("\"to\":2", "\"to\":1"), "x")).getMessage().contains("own dealer"));
        assertTrue(assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.ROUND2,
                ok.replace("\"to\":2", "\"to\":\"2\""), "x")).getMessage().contains("'to' must be an integer"));
        assertTrue(assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.ROUND2,
                ok + " {}", "x")).getMessage().contains("trailing"));
        assertTrue(assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.ROUND2,
                ok.replace("\"v\":1,", "\"v\":1,\"v\":1,"), "x")).getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.ROUND1,
                "{\"v\":1,\"type\":\"round1\",\"run\":\"" + RUN + "\",\"from\":1,\"commitments\":[\"0G\"],\"proof\":\"00\"}",
                "x")).getMessage().contains("commitments[]"));
        assertTrue(assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.ROUND1,
                "{\"v\":1,\"type\":\"start\",\"key\":\"rsa\",\"threshold\":2,\"participants\":[]}", RUN))
                .getMessage().contains("unknown key type"));
        assertTrue(assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.ROUND1,
                "{\"v\":1,\"type\":\"start\",\"key\":\"dta\",\"curve\":\"p256\",\"threshold\":2,\"participants\":[]}", RUN))
                .getMessage().contains("roster"));
    }

    @Test
    void startRequestChecksRosterAndThreshold() {
        String a = "11".repeat(32);
        String b = "22".repeat(32);
        Roster r = new Roster(List.of(new Participant(2, b), new Participant(1, a)));
        assertEquals(List.of(1, 2), r.ids());
        StartRequest s = new StartRequest(RUN, KeyType.DTA, "BLS_381", 2, r);
        assertEquals("bls381", s.curve());
        assertEquals(s, DkgCodec.decodeContent(DkgKinds.ROUND1, DkgCodec.content(s), RUN));
        assertThrows(DkgMessageException.class, () -> new StartRequest(RUN, KeyType.FROST_BIP340, "", 3, r));
        assertThrows(DkgMessageException.class,
                () -> new Roster(List.of(new Participant(1, a), new Participant(2, a))));
        assertThrows(DkgMessageException.class,
                () -> new Roster(List.of(new Participant(1, a), new Participant(1, b))));
    }

    @Test
    void disclosureGivesTheNip44ConversationKeyAndBindsItsKeys() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        rng.nextBytes(a);
        rng.nextBytes(b);
        String pa = Hex.encode(Schnorr.publicKey(a));
        String pb = Hex.encode(Schnorr.publicKey(b));
        SharedKeyDisclosure d = SharedKeyDisclosure.prove(a, pb, RUN, rng);
        assertTrue(d.verify(pa, pb, RUN));
        assertArrayEquals(Nip44.conversationKey(a, Hex.decode(pb)), d.conversationKey());
        assertArrayEquals(Nip44.conversationKey(b, Hex.decode(pa)), d.conversationKey());
        assertFalse(d.verify(pb, pa, RUN), "owner and peer are not interchangeable");
        assertFalse(d.verify(pa, pb, "cd".repeat(32)), "bound to its run");
        byte[] bad = d.proof();
        bad[63] ^= 1;
        assertFalse(new SharedKeyDisclosure(d.sharedPoint(), bad).verify(pa, pb, RUN));
    }

    @Test
    void confirmationRoundTripsAndItsHashMustMatchItsList() {
        String run = "ab".repeat(32);
        java.util.SortedMap<Integer, String> used = new java.util.TreeMap<>(
                java.util.Map.of(1, "01".repeat(32), 2, "02".repeat(32), 3, "03".repeat(32)));
        TranscriptConfirmation c = TranscriptConfirmation.of(run, 2, used);
        String content = DkgCodec.content(c);
        assertEquals(c, DkgCodec.decodeContent(DkgKinds.CONFIRMATION, content, "00".repeat(32)));
        assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.ROUND1, content, "00".repeat(32)),
                "a confirmation travels as kind 3413 only");
        // another run, another order of members or another event: another hash
        assertFalse(java.util.Arrays.equals(c.transcript(), TranscriptConfirmation.hash("cd".repeat(32), used)));
        java.util.SortedMap<Integer, String> other = new java.util.TreeMap<>(used);
        other.put(3, "04".repeat(32));
        assertFalse(java.util.Arrays.equals(c.transcript(), TranscriptConfirmation.hash(run, other)));
        String forged = content.replace("03".repeat(32), "04".repeat(32));
        DkgMessageException e = assertThrows(DkgMessageException.class,
                () -> DkgCodec.decodeContent(DkgKinds.CONFIRMATION, forged, "00".repeat(32)));
        assertTrue(e.getMessage().contains("transcript hash"), e.getMessage());
        String twice = content.replace("{\"id\":3,", "{\"id\":2,");
        assertThrows(DkgMessageException.class, () -> DkgCodec.decodeContent(DkgKinds.CONFIRMATION, twice, "00".repeat(32)));
    }
}
