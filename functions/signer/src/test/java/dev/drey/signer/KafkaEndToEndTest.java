package dev.drey.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.kafka.EmbeddedKafka;
import dev.drey.kafka.EventLog;
import dev.drey.kafka.EventLogConfig;
import dev.drey.kafka.EventLogReader;
import dev.drey.kafka.LoggedEvent;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.kafka.Topics;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ROAST run over the real embedded Kafka broker: the orchestrator and every signer consume the sign
 * topic with their own plain consumers, put what they make on the outbox topic, and a pump plays the
 * relays' part (publishing outbox events back into the event log, where every party reads them).
 * Two signers are silent after their presignature; the run still signs.
 */
class KafkaEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void kindsAgreeWithTheProtocolTable() {
        assertEquals(ProtocolKinds.SIGN_REQUEST, RoastKinds.SIGN_REQUEST);
        assertEquals(ProtocolKinds.PRESIGNATURE, RoastKinds.PRESIGNATURE);
        assertEquals(ProtocolKinds.SESSION_START, RoastKinds.SESSION_START);
        assertEquals(ProtocolKinds.SIGNATURE_SHARE, RoastKinds.SIGNATURE_SHARE);
        assertEquals(ProtocolKinds.SIGNATURE_RESULT, RoastKinds.SIGNATURE_RESULT);
        assertEquals(ProtocolKinds.PROOF_OF_LIFE_CLAIM, RoastKinds.PROOF_OF_LIFE_CLAIM);
        assertEquals(ProtocolKinds.DREY_ISSUANCE, RoastKinds.DREY_ISSUANCE);
    }

    @Test
    void aRunOverKafkaSigns() throws Exception {
        SecureRandom rng = new SecureRandom();
        InProcess.Keys keys = InProcess.dealer(3, 5, rng);
        Map<Identifier, byte[]> nostrKeys = new TreeMap<>();
        Map<Identifier, String> pubkeys = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            byte[] sk = Scalar.random(rng).encode();
            nostrKeys.put(id, sk);
            pubkeys.put(id, Hex.encode(Schnorr.publicKey(sk)));
        }
        Federation federation = new Federation(keys.publicKeyPackage(), pubkeys);
        byte[] coordinatorKey = Scalar.random(rng).encode();
        Set<Identifier> silent = Set.of(Identifier.of(2), Identifier.of(4));

        try (EmbeddedKafka kafka = EmbeddedKafka.temporary().start();
                KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false);
                EventLog log = new EventLog(EventLogConfig.of(kafka.bootstrapServers())
                        .withTopics(Topics.withPrefix("e2e")).withDeliveryTimeout(Duration.ofSeconds(10)))) {
            log.ensureTopics();
            String signTopic = log.topics().topicFor(ProtocolKinds.SIGN_REQUEST);
            RoastOrchestrator orchestrator = new RoastOrchestrator(federation, coordinatorKey,
                    new RoastStateStore(kv, new RoastCoordinator(federation)), Clock.systemUTC(), rng);
            // Each function: its own consumer of the sign topic, its outputs to the outbox.
            List<EventLogReader<LoggedEvent>> readers = new ArrayList<>();
            List<Function<Event, Reaction>> functions = new ArrayList<>();
            readers.add(EventLogReader.events(kafka.bootstrapServers(), List.of(signTopic)));
            functions.add(orchestrator::handle);
            for (Identifier id : keys.keyPackages().keySet()) {
                Signer s = new Signer(federation, new SignerIdentity(keys.keyPackages().get(id), nostrKeys.get(id)),
                        (r, e) -> PolicyDecision.ACCEPT, Set.of(orchestrator.pubkey()), kv, rng, Duration.ofHours(1));
                readers.add(EventLogReader.events(kafka.bootstrapServers(), List.of(signTopic)));
                functions.add(e -> silent.contains(id) && e.kind() == RoastKinds.SESSION_START
                        ? Reaction.ignored("silent") : s.handle(e));
            }
            EventLogReader<OutboxRecord> outbox = EventLogReader.outbox(kafka.bootstrapServers(),
                    log.topics().outbox());

            byte[] message = new byte[32];
            rng.nextBytes(message);
            SignRequest draft = new SignRequest("00".repeat(32), message, "e2e", List.of(orchestrator.pubkey()), "", "");
            Event request = RoastCodec.template(draft, Clock.systemUTC().instant().getEpochSecond(),
                    new ArrayList<>(pubkeys.values())).sign(Scalar.random(rng).encode(), rng);
            log.append(request).get(10, TimeUnit.SECONDS);

            SignatureResult result = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (result == null && System.nanoTime() < deadline) {
                for (int k = 0; k < readers.size(); k++) {
                    Function<Event, Reaction> f = functions.get(k);
                    readers.get(k).poll(Duration.ofMillis(20), (e, pos) -> {
                        for (Event out : f.apply(e.event()).events()) {
                            try {
                                log.appendToOutbox(new OutboxRecord(out, List.of("wss://relay.invalid")))
                                        .get(10, TimeUnit.SECONDS);
                            } catch (Exception ex) {
                                throw new IllegalStateException("outbox append failed", ex);
                            }
                        }
                    });
                }
                // The relays' part: what the functions publish comes back as events for everyone.
                List<Event> published = new ArrayList<>();
                outbox.poll(Duration.ofMillis(20), (o, pos) -> published.add(o.event()));
                for (Event e : published) {
                    log.append(e).get(10, TimeUnit.SECONDS);
                    if (e.kind() == RoastKinds.SIGNATURE_RESULT) {
                        result = (SignatureResult) RoastCodec.decode(e);
                    }
                }
            }
            for (EventLogReader<?> r : readers) {
                r.close();
            }
            outbox.close();
            assertNotNull(result, "no signature result within 60 s");
            assertTrue(result.succeeded(), result.reason());
            assertTrue(Schnorr.verify(federation.groupKeyXOnly(), message, result.signature()));
        }
    }
}
