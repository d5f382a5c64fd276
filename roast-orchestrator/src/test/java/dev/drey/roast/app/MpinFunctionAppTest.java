package dev.drey.roast.app;

import dev.drey.crypto.pairing.PairingGroup;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.miner.ShareFunction;
import dev.drey.nostr.Event;
import dev.drey.pol.PolVerifier;
import dev.drey.pol.ShareCollector;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** The app booted as mpin-function: a server-secret request (3440) answered to the PoL service (3441). */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndKeysResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaAndKeysResource.FUNCTION_ARG, value = ShareFunction.MPIN))
class MpinFunctionAppTest extends ShareFunctionAppTest {
    @Override
    String function() {
        return ShareFunction.MPIN;
    }

    @Override
    Event request(String requestId, long now, int miner) {
        return dta.serverSecretRequest(requestId, now, now + 120);
    }

    @Override
    String recipient() {
        return dta.service;
    }

    @Override
    int responseKind() {
        return ProtocolKinds.MPIN_SERVER_SECRET_RESPONSE;
    }

    @Override
    ShareCollector.Collected collect(String requestId, List<Event> responses) {
        return PolVerifier.serverSecretShares(dta.federation, dta.serviceKey, requestId, responses);
    }

    @Override
    PairingGroup group() {
        return dta.curve.g2();
    }

    @Override
    byte[] secret() {
        return dta.serverSecret();
    }
}
