package dev.drey.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.dkg.DkgCodec;
import dev.drey.dkg.DkgKinds;
import dev.drey.dkg.KeyType;
import dev.drey.dkg.Participant;
import dev.drey.dkg.Roster;
import dev.drey.dkg.StartRequest;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.runtime.FunctionResult;
import dev.drey.runtime.NostrFunction;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DKG as a deployable function (drey.function=dkg), built from settings and the key file like the others. */
class DkgFunctionTest {
    @TempDir
    Path dir;
    private final SecureRandom rng = new SecureRandom();

    @Test
    void aStartFromATrustedInitiatorIsAnsweredWithRoundOneToEveryMembersRelay() {
        byte[] initiator = Scalar.random(rng).encode();
        List<byte[]> miners = new ArrayList<>();
        List<Participant> roster = new ArrayList<>();
        List<String> routing = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            byte[] sk = Scalar.random(rng).encode();
            miners.add(sk);
            String pk = Hex.encode(Schnorr.publicKey(sk));
            roster.add(new Participant(i, pk));
            routing.add(pk + "@ws://127.0.0.1:" + (7000 + i));
        }
        Map<String, String> settings = Map.of(MinerFunctions.FUNCTION, DkgFunction.NAME,
                MinerFunctions.DKG_INITIATORS, Hex.encode(Schnorr.publicKey(initiator)),
                MinerFunctions.ROSTER, String.join(",", routing), MinerFunctions.DEFAULT_RELAYS, "ws://127.0.0.1:7001");
        assertEquals(List.of(MessageFamily.DKG), MinerFunctions.families(DkgFunction.NAME));
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false)) {
            NostrFunction f = MinerFunctions.create(settings::get, kv,
                    new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, miners.get(0))), rng, Clock.systemUTC());
            assertEquals(DkgFunction.NAME, f.name());
            Roster r = new Roster(roster);
            Event start = DkgCodec.template(new StartRequest("0".repeat(64), KeyType.FROST_BIP340, "", 2, r),
                    1_800_000_000L, r.pubkeys()).sign(initiator, rng);
            FunctionResult out = f.handle(start);
            assertEquals(1, out.outbox().size(), out.notes().toString());
            OutboxRecord round1 = out.outbox().get(0);
            assertEquals(DkgKinds.ROUND1, round1.event().kind());
            assertTrue(round1.event().verify().isValid());
            assertEquals(3, round1.relays().size(), "every member's relay: " + round1.relays());
            // the same start again (a redelivery): the very same round-1 event
            assertEquals(round1.event().id(), f.handle(start).outbox().get(0).event().id());

            byte[] stranger = Scalar.random(rng).encode();
            Event foreign = DkgCodec.template(new StartRequest("0".repeat(64), KeyType.FROST_BIP340, "", 2, r),
                    1_800_000_001L, r.pubkeys()).sign(stranger, rng);
            assertTrue(f.handle(foreign).outbox().isEmpty(), "only trusted initiators start a DKG");
        }
    }

    @Test
    void withoutTrustedInitiatorsTheFunctionDoesNotStart() {
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv2.mv.db"), Clock.systemUTC(), false)) {
            Map<String, String> settings = Map.of(MinerFunctions.FUNCTION, DkgFunction.NAME);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MinerFunctions.create(
                    settings::get, kv, new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, Scalar.random(rng).encode())),
                    rng, Clock.systemUTC()));
            assertTrue(e.getMessage().contains(MinerFunctions.DKG_INITIATORS), e.getMessage());
        }
    }

    /** drey.dkg.run-timeout: the tick fails a run still open past it, publishes its run status and counts it. */
    @Test
    void aRunPastItsDeadlineIsFailedByTheTickReportedAndCounted() {
        byte[] initiator = Scalar.random(rng).encode();
        List<Participant> roster = new ArrayList<>();
        List<String> routing = new ArrayList<>();
        byte[] me = Scalar.random(rng).encode();
        for (int i = 1; i <= 3; i++) {
            byte[] sk = i == 1 ? me : Scalar.random(rng).encode();
            String pk = Hex.encode(Schnorr.publicKey(sk));
            roster.add(new Participant(i, pk));
            routing.add(pk + "@ws://127.0.0.1:" + (7100 + i));
        }
        Map<String, String> settings = Map.of(MinerFunctions.FUNCTION, DkgFunction.NAME,
                MinerFunctions.DKG_INITIATORS, Hex.encode(Schnorr.publicKey(initiator)),
                MinerFunctions.DKG_RUN_TIMEOUT, "PT1M",
                MinerFunctions.ROSTER, String.join(",", routing), MinerFunctions.DEFAULT_RELAYS, "ws://127.0.0.1:7101");
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false)) {
            dev.drey.runtime.metrics.CountingMetrics metrics = new dev.drey.runtime.metrics.CountingMetrics();
            NostrFunction f = MinerFunctions.create(settings::get, kv, kv,
                    new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, me)), rng, Clock.systemUTC(), metrics);
            Roster r = new Roster(roster);
            Event start = DkgCodec.template(new StartRequest("0".repeat(64), KeyType.FROST_BIP340, "", 2, r),
                    1_800_000_000L, r.pubkeys()).sign(initiator, rng);
            assertEquals(1, f.handle(start).outbox().size());

            assertTrue(f.tick(start.createdAt() + 59).outbox().isEmpty(), "before the deadline");
            FunctionResult timedOut = f.tick(start.createdAt() + 60);
            assertEquals(1, timedOut.outbox().size(), timedOut.notes().toString());
            OutboxRecord status = timedOut.outbox().get(0);
            assertEquals(DkgKinds.RUN_STATUS, status.event().kind());
            assertTrue(status.event().content().contains("\"status\":\"timed-out\""), status.event().content());
            assertEquals(List.of("ws://127.0.0.1:7102", "ws://127.0.0.1:7103", "ws://127.0.0.1:7101"), status.relays(),
                    "the other members' relays, then this miner's own");
            assertTrue(timedOut.notes().get(0).contains("timed out"), timedOut.notes().toString());
            assertTrue(f.tick(start.createdAt() + 120).outbox().isEmpty(), "reported once");
            assertEquals(1, metrics.count(dev.drey.runtime.metrics.DreyMetric.DKG_RUNS,
                    dev.drey.runtime.metrics.Labels.TIMED_OUT));
        }
    }
}
