package dev.drey.kafka;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    /** DESIGN.md's kind table, family by family, written out independently of ProtocolKinds. */
    private static Map<Integer, String> designTable() {
        Map<Integer, String> t = new LinkedHashMap<>();
        // 3414 (DKG run status at its deadline) is this project's addition to DESIGN.md's table
        for (int k : new int[] {3410, 3411, 3412, 3413, 3414}) {
            t.put(k, "drey.dkg");
        }
        for (int k = 3420; k <= 3424; k++) {
            t.put(k, "drey.sign");
        }
        for (int k = 3430; k <= 3433; k++) {
            t.put(k, "drey.dta");
        }
        t.put(3440, "drey.mpin");
        t.put(3441, "drey.mpin");
        t.put(3450, "drey.pol");
        t.put(3460, "drey.issuance");
        for (int k = 3470; k <= 3474; k++) {
            t.put(k, "drey.beacon");
        }
        for (int k = 3480; k <= 3484; k++) {
            t.put(k, "drey.vote");
        }
        return t;
    }

    @Test
    void everyDesignKindHasItsFamilyTopic() {
        Topics topics = Topics.unprefixed();
        Map<Integer, String> design = designTable();
        design.forEach((kind, topic) -> assertEquals(topic, topics.topicFor(kind), "kind " + kind));
        assertEquals(design.keySet(), ProtocolKinds.all().keySet(), "ProtocolKinds lists exactly DESIGN.md's kinds");
    }

    @Test
    void namedConstantsMatchTheTable() {
        assertEquals(3410, ProtocolKinds.DKG_ROUND1);
        assertEquals(3412, ProtocolKinds.DKG_COMPLAINT);
        assertEquals(3413, ProtocolKinds.DKG_CONFIRMATION);
        assertEquals(3420, ProtocolKinds.SIGN_REQUEST);
        assertEquals(3423, ProtocolKinds.SIGNATURE_SHARE);
        assertEquals(3424, ProtocolKinds.SIGNATURE_RESULT);
        assertEquals(3433, ProtocolKinds.DTA_TIME_PERMIT_RESPONSE);
        assertEquals(3441, ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE);
        assertEquals(3450, ProtocolKinds.PROOF_OF_LIFE_CLAIM);
        assertEquals(3460, ProtocolKinds.DREY_ISSUANCE);
        assertEquals(3472, ProtocolKinds.BEACON);
        assertEquals(3482, ProtocolKinds.VOTE_FREEZE);
        assertEquals(3484, ProtocolKinds.VOTE_RESULT);
        ProtocolKinds.all().forEach((kind, entry) -> {
            assertEquals(kind, entry.kind());
            assertTrue(ProtocolKinds.isFederationRange(kind));
            assertFalse(entry.message().isBlank());
        });
    }

    @Test
    void everythingElseGoesToOther() {
        Topics topics = Topics.unprefixed();
        for (int kind : new int[] {0, 1, 3, 1059, 3400, 3409, 3415, 3425, 3434, 3442, 3451, 3461, 3475, 3485, 3499, 22242,
                65535}) {
            assertEquals("drey.other", topics.topicFor(kind), "kind " + kind);
            assertEquals(MessageFamily.OTHER, ProtocolKinds.familyOf(kind));
        }
        assertTrue(ProtocolKinds.lookup(3415).isEmpty());
        assertFalse(ProtocolKinds.isFederationRange(3399));
        assertTrue(ProtocolKinds.isFederationRange(3499));
        assertFalse(ProtocolKinds.isFederationRange(3500));
    }

    @Test
    void prefixIsJoinedWithADot() {
        Topics miner = Topics.withPrefix("miner1");
        assertEquals("miner1.drey.sign", miner.topicFor(ProtocolKinds.SESSION_START));
        assertEquals("miner1.drey.outbox", miner.outbox());
        assertEquals("miner1.drey.other", miner.topicFor(1));
        assertEquals("dev.miner-2.drey.dta", Topics.withPrefix("dev.miner-2").topicFor(3431));
        assertEquals(Topics.unprefixed().all(), Topics.withPrefix("").all());
        assertEquals(MessageFamily.SIGN, miner.familyOf("miner1.drey.sign").orElseThrow());
        assertTrue(miner.familyOf("miner1.drey.outbox").isEmpty());
        assertTrue(miner.familyOf("drey.sign").isEmpty());
    }

    @Test
    void allTopicsAreDistinctAndIncludeTheOutbox() {
        Topics topics = Topics.unprefixed();
        assertEquals(MessageFamily.values().length + 2, new HashSet<>(topics.all()).size());
        assertEquals(MessageFamily.values().length, topics.eventTopics().size());
        assertTrue(topics.all().contains("drey.outbox"));
        assertTrue(topics.all().contains("drey.dead-letter"));
        assertEquals("miner1.drey.dead-letter", Topics.withPrefix("miner1").deadLetter());
        assertTrue(topics.familyOf("drey.dead-letter").isEmpty());
        assertFalse(topics.eventTopics().contains("drey.dead-letter"));
        assertFalse(topics.eventTopics().contains("drey.outbox"));
    }

    @Test
    void badPrefixesAreRefused() {
        for (String bad : new String[] {".miner", "miner.", "mi ner", "miner/1", "a..b", "x".repeat(101), "é"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topics.withPrefix(bad));
            assertTrue(e.getMessage().contains("topic prefix"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Topics.withPrefix(null));
    }
}
