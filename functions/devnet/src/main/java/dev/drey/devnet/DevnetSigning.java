package dev.drey.devnet;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Schnorr;
import dev.drey.nostr.Event;
import dev.drey.nostr.Filter;
import dev.drey.relay.MinerKey;
import dev.drey.relay.client.RelayClient;
import dev.drey.relay.client.RelayClientException;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.RoastKinds;
import dev.drey.roast.RoastMessage;
import dev.drey.roast.SignRequest;
import dev.drey.roast.SignatureResult;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code drey roast sign} against a running devnet: as the allow-listed demo client, asks the federation to sign a
 * 32-byte message (purpose {@value Devnet#PURPOSE_MESSAGE}), delivering the request to every miner relay that
 * answers, and waits for the coordinator's result; the signature is checked under the group key.
 */
public final class DevnetSigning {
    /** The outcome: the request, the signature (null on failure) and whether it verifies under the group key. */
    public record Outcome(String requestId, String groupPublicKey, byte[] signature, int sessionId, boolean valid,
            List<String> unreachable) {
    }

    private DevnetSigning() {
    }

    public static Outcome sign(Path dataDir, byte[] clientKey, byte[] message, Duration timeout, Consumer<String> progress) {
        if (message == null || message.length != 32) {
            throw new DevnetException("the message to sign must be 32 bytes (64 hex characters)");
        }
        DevnetState state = DevnetState.read(dataDir);
        Federation federation = state.federation();
        String client = Hex.encode(Schnorr.publicKey(clientKey));
        if (!client.equals(state.demoClient())) {
            throw new DevnetException("this key is not the devnet's demo client (" + state.demoClient()
                    + "): use the key `drey devnet --keep-running` printed");
        }
        SecureRandom rng = new SecureRandom();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> members = new ArrayList<>(federation.memberPubkeys().values());
        SignRequest draft = new SignRequest("0".repeat(64), message, Devnet.PURPOSE_MESSAGE, List.of(state.coordinator()),
                "", "");
        Event request = RoastCodec.template(draft, System.currentTimeMillis() / 1000, members).sign(clientKey, rng);
        MinerKey key = MinerKey.of(clientKey);
        List<String> unreachable = new ArrayList<>();
        try (RelayClient coordinator = open(http, state.relayOf(state.coordinator()), key)) {
            coordinator.subscribe("result", Filter.builder().kinds(RoastKinds.SIGNATURE_RESULT)
                    .tag('e', request.id()).build());
            int delivered = 0;
            for (String member : members) {
                String url = state.relayOf(member);
                try (RelayClient c = RelayClient.open(http, url, key)) {
                    c.publish(request);
                    delivered++;
                } catch (RelayClientException e) {
                    unreachable.add(url);
                }
            }
            if (delivered == 0) {
                throw new DevnetException("no miner relay took the sign request: " + unreachable);
            }
            progress.accept("sign request " + request.id() + " delivered to " + delivered + " relay(s); waiting for "
                    + "the coordinator's result");
            List<Event> results = coordinator.await(e -> e.kind() == RoastKinds.SIGNATURE_RESULT
                    && e.pubkey().equals(state.coordinator()), 1, timeout);
            if (results.isEmpty()) {
                throw new DevnetException("no signature result within " + timeout.toSeconds() + " s");
            }
            RoastMessage m = RoastCodec.decode(results.get(0));
            SignatureResult r = (SignatureResult) m;
            if (!r.succeeded()) {
                throw new DevnetException("the federation did not sign: " + r.reason() + "; culprits " + r.culprits());
            }
            byte[] sig = r.signature();
            return new Outcome(request.id(), federation.groupPubkeyHex(), sig, r.sessionId(),
                    Schnorr.verify(federation.groupKeyXOnly(), message, sig), unreachable);
        }
    }

    private static RelayClient open(HttpClient http, String url, MinerKey key) {
        try {
            return RelayClient.open(http, url, key);
        } catch (RelayClientException e) {
            throw new DevnetException("the devnet's coordinator relay does not answer (is `drey devnet --keep-running` "
                    + "still running?): " + e.getMessage(), e);
        }
    }
}
