package dev.drey.roast.app;

import dev.drey.miner.MinerFunctions;
import dev.drey.miner.DtaShareEntry;
import dev.drey.miner.ShareFunction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.nip44.Nip44;
import dev.drey.crypto.pairing.MasterSecretShare;
import dev.drey.kafka.EventRecordCodec;
import dev.drey.kafka.MessageFamily;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.pol.protocol.SharePayload;
import dev.drey.runtime.BatchOutcome;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.MskJson;
import dev.drey.runtime.NostrFunction;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import dev.drey.signer.simulation.RoastSimulation;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DTA and M-Pin functions on the same three adapters as the ROAST functions, built as a deployment
 * builds them ({@link MinerFunctions#create}: drey.function, drey.pol.service-keys, the key file's
 * identity key and dta-share entry): a request signed by the PoL service, as the local Kafka consumer reads
 * it, as an MSK batch through {@link LambdaEntry}, and as a binary-mode CloudEvent POSTed to
 * {@link CloudEventResource}, each into a fresh instance from the same seed and clock, must give the same
 * outbox records: same author, time, kind, tags, relays and (decrypted by the recipient) the same share and
 * proof. Only the ciphertext differs: {@code Nip44.encrypt} draws its nonce from its own SecureRandom, so
 * event ids and signatures are not reproducible across instances (unlike the ROAST functions').
 */
class ShareFunctionsAdaptersTest {
    static final long NOW = 1_760_000_000L;
    static final int MINER = 2;

    @TempDir
    Path dir;

    final TestDtaFederation dta = new TestDtaFederation();
    final MasterSecretShare share = dta.share(MINER);
    final byte[] minerKey = dta.minerKeys.get(MINER - 1);
    final Instant receivedAt = Instant.ofEpochMilli(NOW * 1000 + 500);
    int kvFiles;

    NostrFunction function(String name, long seed) {
        KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv" + kvFiles++ + ".mv.db"), Clock.systemUTC(), false);
        return dta.function(name, MINER, kv, RoastSimulation.seeded(seed), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    }

    Event clientSecretRequest(String requestId, long expiresAt) {
        return dta.clientSecretRequest(requestId, NOW, expiresAt, MINER);
    }

    Event serverSecretRequest(String requestId) {
        return dta.serverSecretRequest(requestId, NOW, NOW + 120);
    }

    List<OutboxRecord> local(NostrFunction f, String topic, Event e) {
        AdaptersAgreeTest.Captured c = new AdaptersAgreeTest.Captured();
        ProducerRecord<byte[], byte[]> p = new EventRecordCodec().encode(topic, e, receivedAt);
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>(p.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME,
                -1, -1, p.key(), p.value(), p.headers(), Optional.empty());
        BatchOutcome o = KafkaConsumerAdapter.process(new EventRecordCodec(), new FunctionRunner(f, c), r);
        assertEquals(List.of(), o.failures());
        return c.records;
    }

    List<OutboxRecord> lambda(NostrFunction f, String topic, Event e) throws Exception {
        AdaptersAgreeTest.Captured c = new AdaptersAgreeTest.Captured();
        String json = MskJson.batch(List.of(new EventRecordCodec().encode(topic, e, receivedAt)), 0, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LambdaEntry(new FunctionRunner(f, c)).handleRequest(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("{\"records\":1,\"handled\":1,"), summary);
        return c.records;
    }

    /** The Knative path: the resource itself, as the KafkaSource POSTs to it; returns the records and the response. */
    record Posted(List<OutboxRecord> records, Response response) {
    }

    Posted knative(NostrFunction f, String topic, Event e) {
        AdaptersAgreeTest.Captured c = new AdaptersAgreeTest.Captured();
        CloudEventResource resource = new CloudEventResource();
        resource.enabled = true; // as drey.adapter=knative sets it
        resource.runner = new FunctionRunner(f, c);
        Response r = resource.receive(new HeaderMap(CloudEvents.headers(e, topic, 0, 0, receivedAt)),
                e.toJson().getBytes(StandardCharsets.UTF_8));
        return new Posted(c.records, r);
    }

    /** What a recipient sees of a record: everything but the NIP-44 ciphertext, and the plaintext instead. */
    record Opened(String pubkey, long createdAt, int kind, List<List<String>> tags, String plaintext, List<String> relays) {
    }

    List<Opened> opened(List<OutboxRecord> records, byte[] recipientSecret) {
        List<Opened> out = new ArrayList<>();
        for (OutboxRecord r : records) {
            Event e = r.event();
            assertEquals(Verification.VALID, e.verify());
            String plain = Nip44.decrypt(e.content(), Nip44.conversationKey(recipientSecret, Hex.decode(e.pubkey())));
            out.add(new Opened(e.pubkey(), e.createdAt(), e.kind(), e.tags(), plain, r.relays()));
        }
        return out;
    }

    List<OutboxRecord> alikeOnEveryAdapter(String function, MessageFamily family, Event request, String requestId,
            byte[] recipientSecret)
            throws Exception {
        assertEquals(List.of(family), MinerFunctions.families(function));
        String topic = "drey." + family.topicSuffix();
        List<OutboxRecord> viaLocal = local(function(function, 5), topic, request);
        List<OutboxRecord> viaLambda = lambda(function(function, 5), topic, request);
        Posted viaKnative = knative(function(function, 5), topic, request);
        assertEquals(200, viaKnative.response().getStatus(), String.valueOf(viaKnative.response().getEntity()));
        assertEquals(1, viaLocal.size());
        List<Opened> expected = opened(viaLocal, recipientSecret);
        assertEquals(expected, opened(viaLambda, recipientSecret));
        assertEquals(expected, opened(viaKnative.records(), recipientSecret));
        OutboxRecord out = viaLocal.get(0);
        SharePayload payload = DtaMessages.parseSharePayload(expected.get(0).plaintext());
        assertEquals(requestId, payload.requestId());
        assertEquals(share.index(), payload.minerIndex());
        assertEquals(Hex.encode(Schnorr.publicKey(minerKey)), out.event().pubkey());
        assertEquals(List.of(TestFederation.DEFAULT_RELAY), out.relays());
        assertEquals(Optional.empty(), DtaMessages.refusalCode(out.event()));
        return viaLocal;
    }

    @Test
    void theDtaFunctionAnswersAClientSecretRequestAlikeOnEveryAdapter() throws Exception {
        String id = "0123456789abcdef0123456789abcdef";
        Event response = alikeOnEveryAdapter(ShareFunction.DTA, MessageFamily.DTA, clientSecretRequest(id, NOW + 120), id, dta.appSecret).get(0).event();
        assertEquals(ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, response.kind());
        assertEquals(Optional.of(dta.appKey), response.firstTagValue("p"), "encrypted to the app key");
    }

    @Test
    void theMpinFunctionAnswersAServerSecretRequestAlikeOnEveryAdapter() throws Exception {
        String id = "fedcba9876543210fedcba9876543210";
        Event response = alikeOnEveryAdapter(ShareFunction.MPIN, MessageFamily.MPIN, serverSecretRequest(id), id, dta.serviceKey).get(0).event();
        assertEquals(ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE, response.kind());
        assertEquals(Optional.of(dta.service), response.firstTagValue("p"), "encrypted to the PoL service");
    }

    @Test
    void anExpiredRequestGetsASignedRefusalThroughTheKnativeEndpoint() {
        Event expired = clientSecretRequest("00112233445566778899aabbccddeeff", NOW);
        Posted p = knative(function(ShareFunction.DTA, 9), "drey.dta", expired);
        assertEquals(200, p.response().getStatus());
        assertEquals(1, p.records().size());
        Event refusal = p.records().get(0).event();
        assertEquals(ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE, refusal.kind());
        assertEquals(Optional.of("expired"), DtaMessages.refusalCode(refusal));
        assertEquals(Optional.of(dta.service), refusal.firstTagValue("p"));
        assertEquals(Optional.of(expired.id()), refusal.firstTagValue("e"));
        assertEquals(Verification.VALID, refusal.verify());
        assertTrue(String.valueOf(p.response().getEntity()).contains("\"published\":[\"" + refusal.id() + "\"]"),
                String.valueOf(p.response().getEntity()));
    }

    @Test
    void aShareFunctionNeedsServiceKeysAndAWellFormedShare() {
        Map<String, String> s = new HashMap<>(Map.of(MinerFunctions.FUNCTION, ShareFunction.MPIN));
        KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("bad.mv.db"), Clock.systemUTC(), false);
        SecretBundle secrets = dta.minerSecrets(MINER);
        IllegalArgumentException noKeys = assertThrows(IllegalArgumentException.class,
                () -> MinerFunctions.create(s::get, kv, secrets, new SecureRandom(), Clock.systemUTC()));
        assertTrue(noKeys.getMessage().contains(MinerFunctions.POL_SERVICE_KEYS), noKeys.getMessage());

        s.put(MinerFunctions.POL_SERVICE_KEYS, dta.service);
        byte[] truncated = DtaShareEntry.encode(share);
        SecretBundle bad = new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, minerKey,
                SecretKind.DTA_SHARE, java.util.Arrays.copyOf(truncated, truncated.length - 1)));
        IllegalArgumentException shortShare = assertThrows(IllegalArgumentException.class,
                () -> MinerFunctions.create(s::get, kv, bad, new SecureRandom(), Clock.systemUTC()));
        assertTrue(shortShare.getMessage().startsWith("dta-share: value must be"), shortShare.getMessage());
        assertEquals(share, DtaShareEntry.decode(DtaShareEntry.encode(share)));
        kv.close();
    }
}
