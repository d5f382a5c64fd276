package dev.drey.adversary.scenarios;

import dev.drey.adversary.Attacks;
import dev.drey.adversary.Outcome;
import dev.drey.adversary.Scenario;
import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.SigningCommitments;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.MinerNode;
import dev.drey.nostr.Event;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.client.RelayClient;
import dev.drey.relay.client.RelayClientException;
import dev.drey.roast.Presignature;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.SignatureResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A rogue member (miner 1) sees a sign request at its own relay first and floods the coordinator's relay with
 * presignatures for it (well-formed, validly signed, each with fresh commitments) before the request reaches the
 * coordinator. The signature must still be produced with the honest members.
 */
public final class EarlyMessageFlood implements Scenario {
    private static final int FLOOD = 300;

    @Override
    public String name() {
        return "early-message-flood";
    }

    @Override
    public String expected() {
        return "one member flooding presignatures before the sign request arrives: the signature is still produced "
                + "with the honest members";
    }

    @Override
    public Outcome run(DevnetFederation f) {
        MinerNode rogue = f.miner(1);
        MinerNode coordinator = f.coordinator();
        Event request = Attacks.messageSignRequest(f, f.demoClientKey(), Attacks.randomMessage(f));
        Identifier id = f.federation().identifierOf(rogue.pubkey).orElseThrow();
        RelayClient toCoordinator = f.openClient(coordinator.url(), rogue.identityKey());
        int accepted = 0;
        for (int i = 0; i < FLOOD; i++) {
            SigningCommitments c = new SigningCommitments(id, Point.mulG(Scalar.random(f.rng())),
                    Point.mulG(Scalar.random(f.rng())));
            Event p = RoastCodec.template(new Presignature(request.id(), c.encode()), f.now(),
                    List.of(coordinator.pubkey)).sign(rogue.identityKey(), f.rng());
            try {
                RelayMessage.Ok ok = toCoordinator.send(p);
                accepted += ok.accepted() ? 1 : 0;
            } catch (RelayClientException dropped) {
                // the relay stopped taking them: the flood is over for this connection
                break;
            }
        }
        Attacks.publishEverywhere(f, f.demoClientKey(), request);
        Optional<SignatureResult> r = Attacks.awaitResult(f, request, Duration.ofSeconds(30));
        boolean signed = r.map(SignatureResult::succeeded).orElse(false);
        return new Outcome(signed, FLOOD + " early presignatures sent by miner 1 (" + accepted + " accepted by the "
                + "coordinator's relay); result: " + r.map(x -> x.succeeded() ? "signed in session " + x.sessionId()
                        + ", culprits " + x.culprits() : "failed (" + x.reason() + ")").orElse("none within 30 s"),
                Outcome.measured("flooded", FLOOD, "floodAccepted", accepted, "signed", signed));
    }
}
