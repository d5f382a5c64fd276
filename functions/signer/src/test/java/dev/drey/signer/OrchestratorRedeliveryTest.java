package dev.drey.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.roast.Federation;
import dev.drey.roast.Reaction;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastCoordinator;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastOrchestrator;
import dev.drey.roast.RoastStateStore;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator after a crash between writing its state and publishing (a failed outbox): the redelivered
 * input yields the very events it produced the first time, byte for byte.
 */
class OrchestratorRedeliveryTest {
    @TempDir
    Path dir;
    final SecureRandom rng = new SecureRandom();
    final InProcess.Keys keys = InProcess.dealer(2, 3, rng);
    final Map<Identifier, byte[]> nostrKeys = new TreeMap<>();
    final byte[] coordinatorKey = Scalar.random(rng).encode();
    final String coordinator = Hex.encode(Schnorr.publicKey(coordinatorKey));
    final byte[] requesterKey = Scalar.random(rng).encode();
    Federation federation;
    KeyValueStore coordinatorKv;
    KeyValueStore signerKv;

    @BeforeEach
    void setUp() {
        Map<Identifier, String> pubkeys = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            byte[] sk = Scalar.random(rng).encode();
            nostrKeys.put(id, sk);
            pubkeys.put(id, Hex.encode(Schnorr.publicKey(sk)));
        }
        federation = new Federation(keys.publicKeyPackage(), pubkeys);
        coordinatorKv = MvStoreKeyValueStore.open(dir.resolve("c.mv.db"), Clock.systemUTC(), false);
        signerKv = MvStoreKeyValueStore.open(dir.resolve("s.mv.db"), Clock.systemUTC(), false);
    }

    @AfterEach
    void tearDown() {
        coordinatorKv.close();
        signerKv.close();
    }

    /** A fresh orchestrator process (its own state store, a later clock) over the coordinator's store. */
    RoastOrchestrator orchestrator(long clockSeconds) {
        return new RoastOrchestrator(federation, coordinatorKey, new RoastStateStore(coordinatorKv,
                new RoastCoordinator(federation), RoastStateStore.DEFAULT_PREFIX, Duration.ofDays(1)),
                Clock.fixed(Instant.ofEpochSecond(clockSeconds), ZoneOffset.UTC), rng);
    }

    Signer signer(int i) {
        Identifier id = Identifier.of(i);
        return new Signer(federation, new SignerIdentity(keys.keyPackages().get(id), nostrKeys.get(id)),
                (r, e) -> PolicyDecision.ACCEPT, Set.of(coordinator), signerKv, rng, Duration.ofHours(1));
    }

    @Test
    void aRedeliveredInputResendsTheSessionStartAndTheResultItProducedByteForByte() {
        byte[] message = new byte[32];
        rng.nextBytes(message);
        SignRequest draft = new SignRequest("00".repeat(32), message, "test", List.of(coordinator), "", "");
        Event request = RoastCodec.template(draft, 1_700_000_000L, new ArrayList<>(federation.memberPubkeys().values()))
                .sign(requesterKey, rng);
        assertTrue(orchestrator(1_700_000_001L).handle(request).events().isEmpty());
        Event p1 = signer(1).handle(request).events().get(0);
        Event p2 = signer(2).handle(request).events().get(0);
        assertTrue(orchestrator(1_700_000_002L).handle(p1).events().isEmpty());

        // p2 starts session 1; the state is written, then the publish fails: the session start is lost.
        Reaction first = orchestrator(1_700_000_003L).handle(p2);
        assertEquals(1, first.events().size(), first.notes().toString());
        Event start = first.events().get(0);
        assertEquals(RoastKinds.SESSION_START, start.kind());
        // Redelivered to another instance, later: the very same event, not a fresh created_at, not nothing.
        Reaction again = orchestrator(1_700_009_999L).handle(p2);
        assertEquals(List.of(start), again.events(), again.notes().toString());
        assertEquals(start.toJson(), again.events().get(0).toJson());

        Event s1 = signer(1).handle(start).events().get(0);
        Event s2 = signer(2).handle(start).events().get(0);
        assertTrue(orchestrator(1_700_000_004L).handle(s1).events().isEmpty());
        Reaction done = orchestrator(1_700_000_005L).handle(s2);
        assertEquals(1, done.events().size(), done.notes().toString());
        Event result = done.events().get(0);
        assertTrue(((SignatureResult) RoastCodec.decode(result)).succeeded());
        // The result is lost too; the redelivered share brings it back, byte for byte.
        assertEquals(result.toJson(), orchestrator(1_700_009_999L).handle(s2).events().get(0).toJson());
        // The request and the first presignature produced nothing, and still produce nothing.
        assertTrue(orchestrator(1_700_009_999L).handle(request).events().isEmpty());
        assertTrue(orchestrator(1_700_009_999L).handle(p1).events().isEmpty());
    }

    @Test
    void aRunThatCannotFinishFailsAtItsDeadlineOnATick() {
        byte[] message = new byte[32];
        rng.nextBytes(message);
        SignRequest draft = new SignRequest("00".repeat(32), message, "test", List.of(coordinator), "", "");
        Event request = RoastCodec.template(draft, 1_700_000_000L, new ArrayList<>(federation.memberPubkeys().values()))
                .sign(requesterKey, rng);
        long arrived = 1_700_000_000L;
        assertTrue(orchestrator(arrived).handle(request).events().isEmpty());
        // Only member 1 answers: with t = 2 the run can never finish on its own.
        assertTrue(orchestrator(arrived + 1).handle(signer(1).handle(request).events().get(0)).events().isEmpty());
        long deadline = arrived + RoastOrchestrator.DEFAULT_RUN_TIMEOUT.toSeconds();
        assertTrue(orchestrator(deadline - 1).tick(deadline - 1).events().isEmpty(), "not yet");
        Reaction failed = orchestrator(deadline).tick(deadline);
        assertEquals(1, failed.events().size(), failed.notes().toString());
        SignatureResult result = (SignatureResult) RoastCodec.decode(failed.events().get(0));
        assertTrue(!result.succeeded() && result.culprits().equals(List.of(Identifier.of(2), Identifier.of(3))),
                result.toString());
        assertEquals(deadline, failed.events().get(0).createdAt());
        assertTrue(failed.notes().stream().anyMatch(n -> n.contains("failed at its deadline")), failed.notes().toString());
        // Ended and forgotten: later ticks send nothing more.
        assertTrue(orchestrator(deadline + 60).tick(deadline + 60).events().isEmpty());
    }
}
