package dev.drey.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drey.crypto.Hex;
import dev.drey.crypto.Scalar;
import dev.drey.crypto.Schnorr;
import dev.drey.crypto.frost.Identifier;
import dev.drey.crypto.frost.InProcess;
import dev.drey.kv.KeyValueStore;
import dev.drey.kv.MvStoreKeyValueStore;
import dev.drey.nostr.Event;
import dev.drey.roast.Federation;
import dev.drey.roast.Refusal;
import dev.drey.roast.RoastCodec;
import dev.drey.roast.SignRequest;
import dev.drey.runtime.NostrFunction;
import dev.drey.secrets.SecretBundle;
import dev.drey.secrets.SecretKind;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signer's settings fail closed: no requester list or no PoL service key, no signer. */
class SignerSettingsTest {
    @TempDir
    Path dir;
    final SecureRandom rng = new SecureRandom();
    final InProcess.Keys keys = InProcess.dealer(2, 3, rng);
    final Map<Identifier, byte[]> nostrKeys = new TreeMap<>();
    final Federation federation;
    final String coordinator = Hex.encode(Schnorr.publicKey(Scalar.random(rng).encode()));
    final byte[] requesterKey = Scalar.random(rng).encode();
    final String requester = Hex.encode(Schnorr.publicKey(requesterKey));
    final String polService = Hex.encode(Schnorr.publicKey(Scalar.random(rng).encode()));

    SignerSettingsTest() {
        Map<Identifier, String> pubkeys = new TreeMap<>();
        for (Identifier id : keys.keyPackages().keySet()) {
            byte[] sk = Scalar.random(rng).encode();
            nostrKeys.put(id, sk);
            pubkeys.put(id, Hex.encode(Schnorr.publicKey(sk)));
        }
        federation = new Federation(keys.publicKeyPackage(), pubkeys);
    }

    Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put(MinerFunctions.FUNCTION, MinerFunctions.SIGNER);
        s.put(MinerFunctions.FEDERATION_JSON, FederationFile.write(federation));
        s.put(MinerFunctions.TRUSTED_COORDINATORS, coordinator);
        s.put(MinerFunctions.REQUESTERS, requester);
        s.put(MinerFunctions.POL_SERVICE_KEY, polService);
        s.put(MinerFunctions.DEFAULT_RELAYS, "ws://127.0.0.1:7447");
        return s;
    }

    NostrFunction signer(Map<String, String> settings, KeyValueStore kv) {
        Identifier me = Identifier.of(1);
        SecretBundle secrets = new SecretBundle(Map.of(SecretKind.IDENTITY_KEY, nostrKeys.get(me),
                SecretKind.FROST_SHARE, keys.keyPackages().get(me).signingShare().encode()));
        return MinerFunctions.create(settings::get, kv, secrets, rng, Clock.systemUTC());
    }

    @Test
    void aSignerWithoutRequestersOrPolServiceKeyRefusesToStart() {
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("kv.mv.db"), Clock.systemUTC(), false)) {
            assertEquals(MinerFunctions.SIGNER, signer(settings(), kv).name());

            Map<String, String> noRequesters = settings();
            noRequesters.remove(MinerFunctions.REQUESTERS);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signer(noRequesters, kv));
            assertTrue(e.getMessage().contains(MinerFunctions.REQUESTERS), e.getMessage());

            Map<String, String> noPol = settings();
            noPol.remove(MinerFunctions.POL_SERVICE_KEY);
            e = assertThrows(IllegalArgumentException.class, () -> signer(noPol, kv));
            assertTrue(e.getMessage().contains(MinerFunctions.POL_SERVICE_KEY), e.getMessage());

            Map<String, String> badFlag = settings();
            badFlag.remove(MinerFunctions.REQUESTERS);
            badFlag.put(MinerFunctions.ALLOW_ANY_REQUESTER, "yes");
            assertThrows(IllegalArgumentException.class, () -> signer(badFlag, kv));
            Map<String, String> badAmount = settings();
            badAmount.put(MinerFunctions.MAX_AMOUNT, "0");
            assertThrows(IllegalArgumentException.class, () -> signer(badAmount, kv));
        }
    }

    @Test
    void anUnlistedRequesterIsRefusedUnlessAnyRequesterIsExplicitlyAllowed() {
        byte[] strangerKey = Scalar.random(rng).encode();
        SignRequest draft = new SignRequest("00".repeat(32), new byte[32], "test", List.of(coordinator), "", "");
        Event request = RoastCodec.template(draft, 1_700_000_000L, List.of()).sign(strangerKey, rng);
        Map<String, String> s = settings();
        s.put(MinerFunctions.PURPOSES, "test");
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("a.mv.db"), Clock.systemUTC(), false)) {
            var refused = signer(s, kv).handle(request);
            assertEquals(1, refused.outbox().size(), refused.toString());
            assertTrue(RoastCodec.decode(refused.outbox().get(0).event()) instanceof Refusal r
                    && r.reason().contains("not authorised"), refused.toString());
        }
        s.remove(MinerFunctions.REQUESTERS);
        s.put(MinerFunctions.ALLOW_ANY_REQUESTER, "true");
        try (KeyValueStore kv = MvStoreKeyValueStore.open(dir.resolve("b.mv.db"), Clock.systemUTC(), false)) {
            var accepted = signer(s, kv).handle(request);
            assertEquals(1, accepted.outbox().size(), accepted.toString());
            assertEquals(dev.drey.roast.RoastKinds.PRESIGNATURE, accepted.outbox().get(0).event().kind());
        }
    }
}
