package dev.drey.roast.app;

import dev.drey.crypto.pairing.PairingGroup;
import dev.drey.kafka.ProtocolKinds;
import dev.drey.miner.ShareFunction;
import dev.drey.nostr.Event;
import dev.drey.pol.PolApp;
import dev.drey.pol.ShareCollector;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** The app booted as dta-function: a client-secret request (3430) answered to the PoL app's key (3431). */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndKeysResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaAndKeysResource.FUNCTION_ARG, value = ShareFunction.DTA))
class DtaFunctionAppTest extends ShareFunctionAppTest {
    @Override
    String function() {
        return ShareFunction.DTA;
    }

    @Override
    Event request(String requestId, long now, int miner) {
        return dta.clientSecretRequest(requestId, now, now + 120, miner);
    }

    @Override
    String recipient() {
        return dta.appKey;
    }

    @Override
    int responseKind() {
        return ProtocolKinds.DTA_CLIENT_SECRET_RESPONSE;
    }

    @Override
    ShareCollector.Collected collect(String requestId, List<Event> responses) {
        return new PolApp(dta.federation, dta.appSecret).clientSecretShares(requestId, dta.identityHash(), responses);
    }

    @Override
    PairingGroup group() {
        return dta.curve.g1();
    }

    @Override
    byte[] secret() {
        return dta.clientSecret();
    }
}
