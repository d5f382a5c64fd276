package dev.drey.dkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent hangs: a run that is still open at its deadline (start created_at + run timeout) is failed by the
 * tick, which publishes one run-status event naming whom it waited for; a repeated tick re-sends nothing new,
 * and a run that completed in time is not touched.
 */
class RunDeadlineTest {
    @TempDir
    Path dir;

    @Test
    void aRunMissingAMemberTimesOutAtItsDeadlineAndSaysWhomItWaitedFor() {
        try (Network net = new Network(dir, 3, 71)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 2);
            DkgParticipant m1 = net.miners.get(1);
            DkgReaction started = m1.handle(start);
            assertEquals("round1", started.status().orElseThrow());
            long deadline = start.createdAt() + DkgParticipant.DEFAULT_RUN_TIMEOUT.toSeconds();

            assertEquals(Map.of(), m1.tick(deadline - 1), "not yet");
            Map<String, DkgReaction> ticked = m1.tick(deadline);

            assertEquals(List.of(start.id()), List.copyOf(ticked.keySet()));
            DkgReaction r = ticked.get(start.id());
            assertEquals("failed", r.status().orElseThrow());
            assertEquals(1, r.events().size());
            Event status = r.events().get(0);
            assertEquals(DkgKinds.RUN_STATUS, status.kind());
            assertEquals(Verification.VALID, status.verify());
            assertEquals(net.pubkey(1), status.pubkey());
            assertEquals(deadline, status.createdAt(), "dated at the deadline: every replay agrees");
            assertEquals("{\"v\":1,\"type\":\"run-status\",\"run\":\"" + start.id() + "\",\"status\":\"timed-out\","
                    + "\"deadline\":" + deadline + ",\"waiting_for\":[2,3]}", status.content());
            assertTrue(status.hasTag("p", net.pubkey(2)) && status.hasTag("p", net.pubkey(3)));
            assertTrue(status.hasTag("p", net.initiator), "the initiator follows the run");
            assertTrue(r.notes().get(0).contains("timed out"), r.notes().toString());

            assertEquals(Map.of(), m1.tick(deadline + 60), "forgotten once failed");
            // Later messages of the run find it failed: nothing more is sent for it.
            DkgReaction late = net.miners.get(2).handle(start);
            DkgReaction seenByM1 = m1.handle(late.events().get(0));
            assertEquals("failed", seenByM1.status().orElseThrow());
            assertEquals(List.of(), seenByM1.events());
        }
    }

    @Test
    void aRunThatCompletedInTimeIsNotTouched() {
        try (Network net = new Network(dir, 3, 72)) {
            Event start = net.start(KeyType.FROST_BIP340, "", 2);
            net.run(List.of(start));
            for (int i = 1; i <= 3; i++) {
                assertEquals("complete", net.lastStatus(i));
                assertEquals(Map.of(), net.miners.get(i).tick(start.createdAt() + 86_400));
                assertTrue(net.miners.get(i).results().load(start.id()).isPresent(), "the key stays");
            }
        }
    }
}
