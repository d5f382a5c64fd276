package dev.drey.roast.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drey.crypto.frost.Identifier;
import dev.drey.kafka.OutboxRecord;
import dev.drey.miner.MinerFunctions;
import dev.drey.nostr.Event;
import dev.drey.nostr.Verification;
import dev.drey.roast.RoastKinds;
import dev.drey.runtime.FunctionResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The app booted as the signer (member {@value KafkaAndKeysResource#SIGNER_MEMBER}, key file with its
 * identity key and FROST share) against a real Kafka broker: healthy, and a sign request on the sign topic
 * is answered on the outbox with a presignature signed by that member, addressed to the coordinator, with
 * the tags the core, called directly, gives it (its nonces, hence content and signature, are the app's own).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndKeysResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaAndKeysResource.FUNCTION_ARG, value = MinerFunctions.SIGNER))
class SignerAppTest {
    final TestFederation fed = new TestFederation();

    @Test
    void healthIsUp() {
        HealthProbe.awaitUp();
    }

    @Test
    void aSignRequestOnTheSignTopicIsAnsweredWithAPresignature() throws Exception {
        HealthProbe.awaitUp();
        Event request = fed.signRequest(21);
        Path tmp = Files.createTempDirectory("signer");
        Identifier member = Identifier.of(KafkaAndKeysResource.SIGNER_MEMBER);
        FunctionResult direct = fed.function(MinerFunctions.SIGNER, member, tmp.resolve("s.mv.db"), 1).handle(request);
        assertEquals(1, direct.outbox().size(), String.valueOf(direct.notes()));
        Event expected = direct.outbox().get(0).event();
        assertEquals(RoastKinds.PRESIGNATURE, expected.kind());

        KafkaAndKeysResource.append(List.of(request));
        OutboxRecord out = KafkaAndKeysResource.awaitOutbox(e -> e.kind() == RoastKinds.PRESIGNATURE
                && e.firstTagValue("e").equals(Optional.of(request.id())), "the presignature");
        Event answer = out.event();
        assertEquals(Verification.VALID, answer.verify());
        assertEquals(fed.federation.pubkeyOf(member), answer.pubkey());
        assertEquals(Optional.of(fed.coordinator), answer.firstTagValue("p"), "addressed to the coordinator");
        assertEquals(expected.tags(), answer.tags());
        assertEquals(List.of(TestFederation.DEFAULT_RELAY), out.relays());
    }
}
