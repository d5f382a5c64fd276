package dev.drey.roast.app;

import dev.drey.miner.MinerFunctions;
import dev.drey.miner.FederationFile;
import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.roast.Federation;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.SignRequest;
import dev.drey.runtime.NostrFunction;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import dev.drey.signer.simulation.RoastSimulation;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A 3-of-5 federation from a fixed seed (so the Quarkus app under test and the test itself hold the same
 * keys), the coordinator's key, and real protocol events made with them.
 */
final class TestFederation {
    static final long SEED = 20261124L;
    static final String DEFAULT_RELAY = "ws://127.0.0.1:7447";

    final Federation federation;
    final InProcess.Keys keys;
    final Map<Identifier, byte[]> nostrKeys = new TreeMap<>();
    final byte[] coordinatorKey;
    final String coordinator;
    final byte[] requesterKey;

    TestFederation() {
        SecureRandom rng = RoastSimulation.seeded(SEED);
        keys = InProcess.dealer(3, 5, rng);
        Map<Identifier, String> pubkeys = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            byte[] sk = Scalar.random(rng).encode();
            nostrKeys.put(id, sk);
            pubkeys.put(id, Hex.encode(Schnorr.publicKey(sk)));
        }
        federation = new Federation(keys.publicKeyPackage(), pubkeys);
        coordinatorKey = Scalar.random(rng).encode();
        coordinator = Hex.encode(Schnorr.publicKey(coordinatorKey));
        requesterKey = Scalar.random(rng).encode();
    }

    String federationJson() {
        return FederationFile.write(federation);
    }

    SecretBundle coordinatorSecrets() {
        return new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, coordinatorKey));
    }

    SecretBundle signerSecrets(Identifier id) {
        return new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, nostrKeys.get(id),
                SecretKind.FROST_SHARE, keys.keyPackages().get(id).signingShare().encode()));
    }

    /** The settings of {@code function} (signer settings trust this coordinator). */
    Map<String, String> settings(String function) {
        Map<String, String> s = new HashMap<>();
        s.put(MinerFunctions.FUNCTION, function);
        s.put(MinerFunctions.FEDERATION_JSON, federationJson());
        s.put(MinerFunctions.TRUSTED_COORDINATORS, coordinator);
        s.put(MinerFunctions.PURPOSES, "test");
        s.put(MinerFunctions.REQUESTERS, Hex.encode(Schnorr.publicKey(requesterKey)));
        s.put(MinerFunctions.DEFAULT_RELAYS, DEFAULT_RELAY);
        return s;
    }

    /** {@code function} built as a deployment builds it, with a fixed seed and clock so runs are reproducible. */
    NostrFunction function(String function, Identifier signer, Path kvFile, long seed) {
        KeyValueStore kv = MvStoreKeyValueStore.open(kvFile, Clock.systemUTC(), false);
        return MinerFunctions.create(settings(function)::get, kv,
                function.equals(MinerFunctions.SIGNER) ? signerSecrets(signer) : coordinatorSecrets(),
                RoastSimulation.seeded(seed), Clock.fixed(Instant.ofEpochSecond(1_760_000_000L), ZoneOffset.UTC));
    }

    /** A sign request naming this coordinator, to every member; {@code n} makes the message (and the request) distinct. */
    Event signRequest(int n) {
        byte[] message = new byte[32];
        message[0] = (byte) n;
        message[31] = 1;
        SignRequest draft = new SignRequest("00".repeat(32), message, "test", List.of(coordinator), "", "");
        return RoastCodec.template(draft, 1_760_000_000L + n, new ArrayList<>(federation.memberPubkeys().values()))
                .sign(requesterKey, RoastSimulation.seeded(SEED + n));
    }
}
