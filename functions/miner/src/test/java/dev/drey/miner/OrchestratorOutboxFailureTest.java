package dev.drey.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.RecordPosition;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import dev.drey.runtime.DeadLetterSink;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.RedeliverException;
import dev.drey.runtime.RetryPolicy;
import dev.drey.runtime.NostrFunction;
import dev.drey.runtime.OutboxSink;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed orchestrator (built by {@link MinerFunctions}, run by {@link FunctionRunner}) when the outbox
 * fails after the run state was written: the platform redelivers the record and the session start, then the
 * result, are published after all, byte for byte what the failed publish was given.
 */
class OrchestratorOutboxFailureTest {
    @TempDir
    Path dir;
    final SecureRandom rng = new SecureRandom();
    final InProcess.Keys keys = InProcess.dealer(2, 3, rng);
    final Map<Identifier, byte[]> nostrKeys = new TreeMap<>();
    final byte[] coordinatorKey = Scalar.random(rng).encode();
    final String coordinator = Hex.encode(Schnorr.publicKey(coordinatorKey));
    final byte[] requesterKey = Scalar.random(rng).encode();
    long offset;

    /** An outbox that fails the publishes it is armed for, remembering what it was given. */
    static final class FlakyOutbox implements OutboxSink {
        final List<OutboxRecord> published = new ArrayList<>();
        final List<OutboxRecord> lost = new ArrayList<>();
        boolean failNext;

        @Override
        public void publish(List<OutboxRecord> records) {
            if (failNext) {
                failNext = false;
                lost.addAll(records);
                throw new OutboxException("broker unreachable (test)", null);
            }
            published.addAll(records);
        }
    }

    LoggedEvent logged(Event e) {
        return new LoggedEvent(e, Instant.EPOCH, new RecordPosition("drey.sign", 0, offset++));
    }

    @Test
    void aFailedPublishIsMadeGoodByTheRedelivery() {
        Map<Identifier, String> pubkeys = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            byte[] sk = Scalar.random(rng).encode();
            nostrKeys.put(id, sk);
            pubkeys.put(id, Hex.encode(Schnorr.publicKey(sk)));
        }
        Federation federation = new Federation(keys.publicKeyPackage(), pubkeys);
        Map<String, String> s = new HashMap<>();
        s.put(MinerFunctions.FEDERATION_JSON, FederationFile.write(federation));
        s.put(MinerFunctions.TRUSTED_COORDINATORS, coordinator);
        s.put(MinerFunctions.PURPOSES, "test");
        s.put(MinerFunctions.REQUESTERS, Hex.encode(Schnorr.publicKey(requesterKey)));
        s.put(MinerFunctions.DEFAULT_RELAYS, "ws://127.0.0.1:7447");
        try (KeyValueStore ckv = MvStoreKeyValueStore.open(dir.resolve("c.mv.db"), Clock.systemUTC(), false);
                KeyValueStore skv = MvStoreKeyValueStore.open(dir.resolve("s.mv.db"), Clock.systemUTC(), false)) {
            Map<String, String> cs = new HashMap<>(s);
            cs.put(MinerFunctions.FUNCTION, MinerFunctions.ORCHESTRATOR);
            NostrFunction orchestrator = MinerFunctions.create(cs::get, ckv,
                    new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, coordinatorKey)), rng, Clock.systemUTC());
            FlakyOutbox outbox = new FlakyOutbox();
            // One attempt: the failed publish fails the delivery at once (as it does after the retries run out).
            FunctionRunner runner = new FunctionRunner(orchestrator, outbox, DeadLetterSink.OUTCOME_ONLY,
                    new RetryPolicy(1, Duration.ZERO, Duration.ZERO, d -> { }));
            List<NostrFunction> signers = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                Identifier id = Identifier.of(i);
                Map<String, String> ss = new HashMap<>(s);
                ss.put(MinerFunctions.FUNCTION, MinerFunctions.SIGNER);
                signers.add(MinerFunctions.create(ss::get, skv, new SecretBundle(Map.of(SecretKind.IDENTITY_KEY,
                        nostrKeys.get(id), SecretKind.FROST_SHARE, keys.keyPackages().get(id).signingShare().encode())),
                        rng, Clock.systemUTC()));
            }
            byte[] message = new byte[32];
            rng.nextBytes(message);
            Event request = RoastCodec.template(new SignRequest("00".repeat(32), message, "test", List.of(coordinator),
                    "", ""), 1_700_000_000L, new ArrayList<>(pubkeys.values())).sign(requesterKey, rng);
            runner.run(logged(request));
            Event p1 = signers.get(0).handle(request).outbox().get(0).event();
            Event p2 = signers.get(1).handle(request).outbox().get(0).event();
            runner.run(logged(p1));

            outbox.failNext = true;
            assertThrows(RedeliverException.class, () -> runner.run(logged(p2)));
            assertEquals(1, outbox.lost.size());
            Event start = outbox.lost.get(0).event();
            assertEquals(RoastKinds.SESSION_START, start.kind());
            runner.run(logged(p2)); // the platform redelivers the record
            assertEquals(1, outbox.published.size(), "the session start is published after all");
            assertEquals(start.toJson(), outbox.published.get(0).event().toJson());

            Event s1 = signers.get(0).handle(start).outbox().get(0).event();
            Event s2 = signers.get(1).handle(start).outbox().get(0).event();
            runner.run(logged(s1));
            outbox.failNext = true;
            assertThrows(RedeliverException.class, () -> runner.run(logged(s2)));
            Event result = outbox.lost.get(1).event();
            runner.run(logged(s2));
            Event republished = outbox.published.get(outbox.published.size() - 1).event();
            assertEquals(result.toJson(), republished.toJson());
            assertTrue(((SignatureResult) RoastCodec.decode(republished)).succeeded());
        }
    }
}
