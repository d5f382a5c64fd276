package dev.drey.roast.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drey.crypto.pairing.PairingGroup;
import dev.drey.kafka.OutboxRecord;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import dev.drey.pol.ShareCollector;
import dev.drey.pol.protocol.DtaMessages;
import dev.drey.runtime.FunctionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The packaged app booted as a DTA or M-Pin function (subclasses name which) against a real Kafka broker:
 * healthy, and a share request signed by the PoL service, appended to the function's topic as relay-ingest
 * appends it, is answered on the outbox by miner {@value KafkaAndKeysResource#SHARE_MINER}: a share
 * response signed by that miner, p-tagged to the requester, whose encrypted share and DLEQ proof the
 * requester's own checks ({@link ShareCollector}) accept, and which with a second miner's share (made by
 * the core directly) recombines to the secret the master secret gives.
 */
abstract class ShareFunctionAppTest {
    static final int OTHER_MINER = 2;

    final TestDtaFederation dta = new TestDtaFederation();

    abstract String function();

    /** A fresh request from the PoL service, expiring within the allowed window. */
    /** A request for {@code miner} (a DTA request is sealed to it; the server-secret request is for all). */
    abstract Event request(String requestId, long now, int miner);

    /** Who the answer is encrypted and p-tagged to (x-only hex). */
    abstract String recipient();

    abstract int responseKind();

    /** The requester's checks of the responses (PolApp for client secrets, PolVerifier for the server secret). */
    abstract ShareCollector.Collected collect(String requestId, List<Event> responses);

    abstract PairingGroup group();

    /** What a threshold of valid shares recombines to. */
    abstract byte[] secret();

    @Test
    void healthIsUp() {
        HealthProbe.awaitUp();
    }

    @Test
    void aSignedShareRequestOnItsTopicIsAnsweredOnTheOutbox() throws Exception {
        HealthProbe.awaitUp();
        long now = Instant.now().getEpochSecond();
        String requestId = TestDtaFederation.freshRequestId();
        Event request = request(requestId, now, KafkaAndKeysResource.SHARE_MINER);
        KafkaAndKeysResource.append(List.of(request));

        OutboxRecord out = KafkaAndKeysResource.awaitOutbox(
                e -> e.firstTagValue("e").equals(Optional.of(request.id())), "the answer to " + requestId);
        Event answer = out.event();
        assertEquals(Verification.VALID, answer.verify());
        assertEquals(responseKind(), answer.kind());
        assertEquals(dta.minerPubkey(KafkaAndKeysResource.SHARE_MINER), answer.pubkey());
        assertEquals(Optional.of(recipient()), answer.firstTagValue("p"));
        assertEquals(Optional.empty(), DtaMessages.refusalCode(answer));
        assertEquals(List.of(TestFederation.DEFAULT_RELAY), out.relays());

        ShareCollector.Collected alone = collect(requestId, List.of(answer));
        assertEquals(List.of(), alone.forgers());
        assertEquals(1, alone.valid().size());
        assertEquals(KafkaAndKeysResource.SHARE_MINER, alone.valid().get(0).index());

        Event toOther = request(requestId, now, OTHER_MINER);
        ShareCollector.Collected both = collect(requestId, List.of(answer, otherMinersAnswer(toOther)));
        assertEquals(List.of(), both.forgers());
        assertArrayEquals(secret(), both.recombine(dta.federation, group()));
    }

    /** Miner {@value #OTHER_MINER}'s answer to {@code request}, from its core function called directly. */
    Event otherMinersAnswer(Event request) throws Exception {
        Path dir = Files.createTempDirectory("other-miner");
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false)) {
            FunctionResult r = dta.function(function(), OTHER_MINER, kv, new SecureRandom(), Clock.systemUTC())
                    .handle(request);
            assertEquals(1, r.outbox().size(), String.valueOf(r.notes()));
            return r.outbox().get(0).event();
        }
    }
}
