package dev.drey.adversary;

import dev.drey.devnet.Devnet;
import dev.drey.devnet.DevnetFederation;
import dev.drey.devnet.EnrolStep;
import dev.drey.devnet.MinerNode;
import dev.drey.devnet.RoastSignStep;
import dev.drey.nostr.Event;
import dev.drey.nostr.RelayMessage;
import dev.drey.relay.client.RelayClient;
import dev.drey.relay.client.RelayClientException;
import dev.drey.roast.Presignature;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastMessage;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import dev.drey.roast.SignatureShareMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What several scenarios do: ask for a signature, publish as some key, wait for the result, count released shares. */
public final class Attacks {
    private Attacks() {
    }

    /** A sign request for a 32-byte message (the devnet's message purpose) signed by {@code signerKey}. */
    public static Event messageSignRequest(DevnetFederation f, byte[] signerKey, byte[] message) {
        SignRequest draft = new SignRequest("0".repeat(64), message, Devnet.PURPOSE_MESSAGE,
                List.of(f.state().coordinator()), "", "");
        return RoastCodec.template(draft, f.now(), new ArrayList<>(f.federation().memberPubkeys().values()))
                .sign(signerKey, f.rng());
    }

    public static byte[] randomMessage(DevnetFederation f) {
        byte[] m = new byte[32];
        f.rng().nextBytes(m);
        return m;
    }

    /** Publishes {@code e} as {@code key} at every online miner's relay; returns the relays' answers (or why not). */
    public static List<String> publishEverywhere(DevnetFederation f, byte[] key, Event e) {
        List<String> answers = new ArrayList<>();
        for (MinerNode m : f.miners()) {
            if (!m.online()) {
                continue;
            }
            try {
                RelayClient c = f.openClient(m.url(), key);
                RelayMessage.Ok ok = c.send(e);
                answers.add("miner " + m.index + ": " + (ok.accepted() ? "accepted" : "refused " + ok.message()));
            } catch (RelayClientException ex) {
                answers.add("miner " + m.index + ": " + ex.getMessage());
            }
        }
        return answers;
    }

    public static long accepted(List<String> answers) {
        return answers.stream().filter(a -> a.endsWith(": accepted")).count();
    }

    /** The coordinator's result for {@code request}, as the requester sees it on the coordinator's relay. */
    public static Optional<SignatureResult> awaitResult(DevnetFederation f, Event request, Duration max) {
        List<Event> results = f.requesterOnCoordinator().await(
                DevnetFederation.answering(request, RoastKinds.SIGNATURE_RESULT), 1, max);
        return results.isEmpty() ? Optional.empty() : Optional.of((SignatureResult) RoastCodec.decode(results.get(0)));
    }

    /**
     * What the miners released for request {@code requestId}, read from their outboxes: presignatures (nonce
     * commitments, a nonce set aside for the request) and signature shares; refusals are not counted.
     */
    public static Released released(DevnetFederation f, String requestId) {
        int presignatures = 0;
        int shares = 0;
        for (MinerNode m : f.miners()) {
            for (Event e : KafkaView.sent(f, m.index, ev -> RoastKinds.isSigningKind(ev.kind())
                    && ev.hasTag("e", requestId))) {
                RoastMessage msg;
                try {
                    msg = RoastCodec.decode(e);
                } catch (RuntimeException malformed) {
                    continue;
                }
                if (msg instanceof Presignature) {
                    presignatures++;
                } else if (msg instanceof SignatureShareMessage) {
                    shares++;
                }
            }
        }
        return new Released(presignatures, shares);
    }

    /**
     * The requester asks for an issuance to {@code e}'s investor citing {@code claim}; what came of it within 10 s
     * (the coordinator's result, and what the miners released).
     */
    public static IssuanceAttempt askForIssuance(DevnetFederation f, Event claim, EnrolStep.Enrolment e) {
        Event request = RoastSignStep.issuance(f, claim, e.app().publicKey(), f.requesterKey()).request();
        f.publishAsRequester(request);
        Optional<SignatureResult> result = awaitResult(f, request, Duration.ofSeconds(10));
        return new IssuanceAttempt(request, result, released(f, request.id()));
    }

    public record IssuanceAttempt(Event request, Optional<SignatureResult> result, Released released) {
        public boolean signed() {
            return result.map(SignatureResult::succeeded).orElse(false);
        }

        /** Refused as a refusal must be: no signature and not a single signature share out. */
        public boolean refused() {
            return !signed() && released.signatureShares() == 0;
        }

        public String describe() {
            return (signed() ? "SIGNED" : result.map(r -> "failed (" + r.reason() + ")").orElse("no result"))
                    + ", miners released " + released;
        }
    }

    public record Released(int presignatures, int signatureShares) {
        public int total() {
            return presignatures + signatureShares;
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
